"""Program-wide figures that are expensive to count and change rarely, kept in Django's cache.

Each is keyed by the program and the program's data version. A service that
changes what such figures count (attendance, sessions, people, drafts and
decisions, certificates, the rules) calls ``program_data_changed`` inside its
transaction; the version moves once the transaction commits, so the next read
counts afresh and nobody reads figures older than their own change. A short
timeout bounds what time alone changes (a session starting, a due time
passing). The cache is shared by the workers (a file or Redis cache), so is
the version.

The changes that come in bursts name their topic: a check-in or a mark
(``ATTENDANCE``), an upload or a review (``DRAFTS``). A figure that reads only
some topics says so (``depends_on``) and survives the others' changes: the
attendance counted per team and session is not counted again after every
upload. A figure that says nothing depends on every topic, and a change that
names none makes every figure stale.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 120  # seconds

ATTENDANCE = "attendance"  # attendance rows: check-ins, marks, meeting reports
DRAFTS = "drafts"  # submissions, draft versions, feedback, extensions
TOPICS = (ATTENDANCE, DRAFTS)
_EVERYTHING = "all"


def _program_id(program) -> int:
    return getattr(program, "pk", program)


def _version_key(program_id: int, topic: str = _EVERYTHING) -> str:
    return f"program-data-version:{program_id}" + ("" if topic == _EVERYTHING else f":{topic}")


def _versions(program_id: int, topics) -> str:
    """The current versions of the whole program's data and of ``topics``, in one cache read (each made on
    first use: a cache that lost one starts a new one)."""
    keys = [_version_key(program_id)] + [_version_key(program_id, topic) for topic in topics]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return ".".join(found[key] for key in keys)


def program_data_changed(program, *topics: str) -> None:
    """The program's data changed: once the transaction commits, its cached figures are stale (those that
    depend on ``topics``, or every one if no topic is named)."""
    program_id = _program_id(program)
    keys = [_version_key(program_id, topic) for topic in topics] or [_version_key(program_id)]
    transaction.on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, None))


def program_figures_reset(program) -> None:
    """Forget the program's cached figures at once, not at a commit: for whoever measures the counting."""
    cache.set(_version_key(_program_id(program)), uuid.uuid4().hex, None)


def cached_program_figures(program, name: str, compute, *, timeout: int = TIMEOUT, depends_on=TOPICS):
    """``compute()``, or its result kept since the data it depends on last changed (at most ``timeout`` s)."""
    program_id = _program_id(program)
    unknown = set(depends_on) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown topics {sorted(unknown)}")
    key = f"program-figures:{program_id}:{name}:{_versions(program_id, depends_on)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
