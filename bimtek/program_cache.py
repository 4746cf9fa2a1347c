"""Program-wide figures that are expensive to count and change rarely, kept in Django's cache.

Each is keyed by the program and the program's data version. A service that
changes what such figures count (attendance, sessions, people, drafts and
decisions, certificates, the rules) calls ``program_data_changed`` inside its
transaction; the version moves once the transaction commits, so the next read
counts afresh and nobody reads figures older than their own change. A short
timeout bounds what time alone changes (a session starting, a due time
passing). The cache is shared by the workers (a file or Redis cache), so is
the version.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 120  # seconds


def _program_id(program) -> int:
    return getattr(program, "pk", program)


def _version_key(program_id: int) -> str:
    return f"program-data-version:{program_id}"


def program_data_version(program) -> str:
    """The program's current data version (made on first use: a cache that lost it starts a new one)."""
    key = _version_key(_program_id(program))
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def program_data_changed(program) -> None:
    """The program's data changed: once the transaction commits, every cached figure of it is stale."""
    key = _version_key(_program_id(program))
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))


def program_figures_reset(program) -> None:
    """Forget the program's cached figures at once, not at a commit: for whoever measures the counting."""
    cache.set(_version_key(_program_id(program)), uuid.uuid4().hex, None)


def cached_program_figures(program, name: str, compute, *, timeout: int = TIMEOUT):
    """``compute()``, or its result kept since the program's data last changed (at most ``timeout`` s)."""
    program_id = _program_id(program)
    key = f"program-figures:{program_id}:{name}:{program_data_version(program_id)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
