"""The URL × role permission matrix, one module per app.

Each module defines ``ENTRIES = {url_name: Entry(...)}``. tests/test_url_matrix.py
walks every URL pattern of the project and fails for one that has no entry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

STAFF = frozenset({"organizer"})
READERS = frozenset({"evaluator", "organizer"})
PROGRAM = frozenset({"participant", "other_participant", "mentor", "other_mentor", "evaluator", "organizer"})
TEAM_READERS = frozenset({"participant", "mentor", "evaluator", "organizer"})
TEAM_MENTORS = frozenset({"mentor", "organizer"})
MENTORS = frozenset({"mentor", "other_mentor", "organizer"})


@dataclass(frozen=True)
class Entry:
    """How one URL answers each role.

    kwargs(world, scope) gives the URL arguments for the own ("own") or another
    program's ("foreign") object. ``allowed`` are the roles that get through for
    the own object; everyone else gets 404 (anonymous: the login page). For the
    foreign object everyone gets 404, except ``outsider``, who organizes the
    foreign program and is treated as its organizer.

    A URL with more than one id is also tried with the ids mixed, one at a time taken from the foreign
    object (tests/test_url_matrix.py, ``test_mixed_ids_answer_404``): everyone gets 404. So the kwargs of
    "own" and "foreign" must differ in every id, and a builder makes each kind of object in both programs.
    """

    kwargs: Callable | None = None
    allowed: frozenset = frozenset()
    public: bool = False  # anonymous visitors get through too
    login_only: bool = False  # any logged-in person, data scoped to them
    scoped: bool = True  # has a foreign-program variant
    method: str = "get"  # POST-only views are probed with GET: a 405 proves the permission passed
    ok_statuses: frozenset = field(default=frozenset({200, 302, 405}))
