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


def _figures_key(program_id: int, name: str, version: str) -> str:
    return f"program-figures:{program_id}:{name}:{version}"


def cached_program_figures(program, name: str, compute, *, timeout: int = TIMEOUT):
    """``compute()``, or its result kept since the program's data last changed (at most ``timeout`` s)."""
    program_id = _program_id(program)
    key = _figures_key(program_id, name, program_data_version(program_id))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def cached_programs_figures(programs, name: str, compute, *, timeout: int = TIMEOUT) -> dict:
    """Program id -> the figures ``name`` of each of ``programs``, each kept as ``cached_program_figures``
    keeps one; ``compute(programs)`` counts those not kept, all at once, as {program id: figures}. Two cache
    reads however many programs."""
    ids = [_program_id(program) for program in programs]
    versions = cache.get_many([_version_key(pk) for pk in ids])
    keys = {pk: _figures_key(pk, name, versions.get(_version_key(pk)) or program_data_version(pk)) for pk in ids}
    kept = cache.get_many(list(keys.values()))
    figures = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [program for program in programs if _program_id(program) not in figures]
    if missing:
        counted = compute(missing)
        cache.set_many({keys[pk]: value for pk, value in counted.items()}, timeout)
        figures.update(counted)
    return figures
