"""Program-wide figures that are expensive to count and change rarely, kept in Django's cache.

Each is keyed by the program and the program's data version. A service that
changes what such figures count (attendance, sessions, people, drafts and
decisions, certificates, the rules) calls ``program_data_changed`` inside its
transaction; the version moves once the transaction commits, so the next read
counts afresh and nobody reads figures older than their own change. A short
timeout bounds what time alone changes (a session starting, a due time
passing).

The versions live in the default cache, which every worker of the machine (a file cache) or of the site (Redis)
shares. The figures live in the "figures" cache (settings.CACHES; the rendered fragments that name a version
too): Redis where there is one; else each process's memory, since a figure is found by its version, a worker's
copy is never stale, and a file cache of tens of thousands of per-person figures would spend each write listing
its folder, then cull a third of it at random, the versions and the rate limits' counters with it.

The changes that come in bursts name their topic: a check-in or a mark
(``ATTENDANCE``), an upload or a review (``DRAFTS``). A figure that reads only
some topics says so (``depends_on``) and survives the others' changes: the
attendance counted per team and session is not counted again after every
upload. A figure that says nothing depends on every topic, and a change that
names none makes every figure stale.
"""

import hashlib
import uuid

from django.core.cache import cache, caches
from django.db import transaction

TIMEOUT = 120  # seconds

ATTENDANCE = "attendance"  # attendance rows: check-ins, marks, meeting reports
DRAFTS = "drafts"  # submissions, draft versions, feedback, extensions
TOPICS = (ATTENDANCE, DRAFTS)
_EVERYTHING = "all"


def ids_key(*groups) -> str:
    """A short part of a figure's name for the ids it counts: each group a collection of ids (order does not
    matter) or None for all of them."""
    text = "|".join("all" if ids is None else ",".join(str(pk) for pk in sorted(ids)) for ids in groups)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _program_id(program) -> int:
    return getattr(program, "pk", program)


def _version_key(program_id: int, topic: str = _EVERYTHING) -> str:
    return f"program-data-version:{program_id}" + ("" if topic == _EVERYTHING else f":{topic}")


def _many_versions(program_ids, topics) -> dict:
    """Program id -> its current versions of the whole data and of ``topics``, joined, read from the cache at
    once (each made on first use: a cache that lost one starts a new one)."""
    keys = {pk: [_version_key(pk)] + [_version_key(pk, topic) for topic in topics] for pk in program_ids}
    found = cache.get_many([key for program_keys in keys.values() for key in program_keys])
    for program_keys in keys.values():
        for key in program_keys:
            if key not in found:
                cache.add(key, uuid.uuid4().hex, None)
                found[key] = cache.get(key)
    return {pk: ".".join(found[key] for key in program_keys) for pk, program_keys in keys.items()}


def _versions(program_id: int, topics) -> str:
    return _many_versions([program_id], topics)[program_id]


def program_data_version(program, depends_on=TOPICS) -> str:
    """The program's current data version (of ``depends_on``): a key part for what is kept elsewhere, such as a
    rendered template fragment."""
    _check_topics(depends_on)
    return _versions(_program_id(program), depends_on)


def program_data_changed(program, *topics: str) -> None:
    """The program's data changed: once the transaction commits, its cached figures are stale (those that
    depend on ``topics``, or every one if no topic is named)."""
    program_id = _program_id(program)
    keys = [_version_key(program_id, topic) for topic in topics] or [_version_key(program_id)]
    transaction.on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, None))


def program_figures_reset(program) -> None:
    """Forget the program's cached figures at once, not at a commit: for whoever measures the counting."""
    cache.set(_version_key(_program_id(program)), uuid.uuid4().hex, None)


def _figures_key(program_id: int, name: str, versions: str) -> str:
    return f"program-figures:{program_id}:{name}:{versions}"


def _check_topics(depends_on):
    unknown = set(depends_on) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown topics {sorted(unknown)}")


def cached_program_figures(program, name: str, compute, *, timeout: int = TIMEOUT, depends_on=TOPICS):
    """``compute()``, or its result kept since the data it depends on last changed (at most ``timeout`` s)."""
    _check_topics(depends_on)
    program_id = _program_id(program)
    key = _figures_key(program_id, name, _versions(program_id, depends_on))
    value = caches["figures"].get(key)
    if value is None:
        value = compute()
        caches["figures"].set(key, value, timeout)
    return value


def cached_programs_figures(programs, name: str, compute, *, timeout: int = TIMEOUT, depends_on=TOPICS) -> dict:
    """Program id -> the figures ``name`` of each of ``programs``, each kept as ``cached_program_figures``
    keeps one; ``compute(programs)`` counts those not kept, all at once, as {program id: figures}. Two cache
    reads however many programs (a third the first time a version is made)."""
    _check_topics(depends_on)
    ids = [_program_id(program) for program in programs]
    versions = _many_versions(ids, depends_on)
    keys = {pk: _figures_key(pk, name, versions[pk]) for pk in ids}
    kept = caches["figures"].get_many(list(keys.values()))
    figures = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [program for program in programs if _program_id(program) not in figures]
    if missing:
        counted = compute(missing)
        caches["figures"].set_many({keys[pk]: value for pk, value in counted.items()}, timeout)
        figures.update(counted)
    return figures
