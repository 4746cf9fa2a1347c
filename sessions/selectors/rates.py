"""Reads about sessions and attendance, each a fixed number of queries whatever the program's size.

Who is *expected* at a session (the roster): the participants of its expected
teams (every team of the program for an all-team session) and its mentors.
Rates only count sessions that are not cancelled and have already started:
a session that has not happened yet cannot be missed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from bimtek.querysets import count_subquery
from participants.models import Participant, Team
from participants.selectors import program_mentors
from sessions.models import Attendance, TrainingSession

PRESENT_STATUSES = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def attendance_rate(attended: int, expected: int) -> float | None:
    """The share of the sessions a person (or team, or stage) was expected at that were attended; None when
    nothing was expected yet."""
    return attended / expected if expected else None


@dataclass
class StartedSessions:
    """The program's counted sessions (``TrainingSessionQuerySet.counted``) and who was expected at each."""

    sessions: list = field(default_factory=list)  # TrainingSession, stage selected, in starts_at order
    all_teams: set = field(default_factory=set)  # ids of all-team sessions
    by_team: dict = field(default_factory=lambda: defaultdict(set))  # team id -> chosen-team session ids
    by_mentor: dict = field(default_factory=lambda: defaultdict(set))  # user id -> session ids they mentor

    @property
    def ordered(self):
        """[(session id, stage id)] in starts_at order."""
        return [(session.pk, session.stage_id) for session in self.sessions]

    def team_sessions(self, team_id):
        """Ids of the sessions that expected the team: the all-team ones and those that chose it."""
        return self.all_teams | self.by_team.get(team_id, set())


class SessionKey(NamedTuple):
    """What counting needs of a session: ``started_sessions(..., keys_only=True)`` reads no more."""

    pk: int
    stage_id: int
    all_teams: bool


def started_count(program) -> int:
    """How many of the program's sessions attendance rates count now (those ``started_sessions`` reads). One
    query."""
    return TrainingSession.objects.filter(stage__program=program).counted(timezone.now()).count()


def started_sessions(program, stage=None, *, team_ids=None, keys_only=False) -> StartedSessions:
    """Three queries: the counted sessions (of one stage, if given), their chosen teams, their mentors. With
    ``team_ids``, two: the chosen teams among those, and no mentors. With ``keys_only``, the sessions are
    SessionKey rows instead of sessions with their stage."""
    started = StartedSessions()
    sessions = TrainingSession.objects.filter(stage__program=program).counted(timezone.now())
    if stage is not None:
        sessions = sessions.filter(stage=stage)
    sessions = sessions.order_by("starts_at", "pk")
    started.sessions = [SessionKey(*row) for row in sessions.values_list("pk", "stage_id", "all_teams")] \
        if keys_only else list(sessions.select_related("stage"))
    started.all_teams = {session.pk for session in started.sessions if session.all_teams}
    ids = [session.pk for session in started.sessions]
    if not ids:
        return started
    chosen = TrainingSession.expected_teams.through.objects.filter(trainingsession_id__in=ids)
    if team_ids is not None:
        chosen = chosen.filter(team_id__in=team_ids)
    for session_id, team_id in chosen.values_list("trainingsession_id", "team_id"):
        # An all-team session expects every team, whatever teams were once chosen for it.
        if session_id not in started.all_teams:
            started.by_team[team_id].add(session_id)
    if team_ids is not None:
        return started  # only those teams' members are asked about: who mentors is not needed
    mentors = TrainingSession.mentors.through.objects.filter(trainingsession_id__in=ids)
    for session_id, user_id in mentors.values_list("trainingsession_id", "user_id"):
        started.by_mentor[user_id].add(session_id)
    return started


def _present_pairs(session_ids):
    """(session id, person id) of everyone counted present (hadir or terlambat) at these sessions."""
    if not session_ids:
        return []
    return list(Attendance.objects.filter(status__in=PRESENT_STATUSES, session_id__in=session_ids)
                .values_list("session_id", "person_id"))


@dataclass
class AttendanceReads:
    """What both the people's rates and the teams' counts are computed from: the started sessions, the members
    [(user id, team id)] and who was present [(session id, person id)]."""

    started: StartedSessions
    members: list
    present: list


def attendance_reads(program) -> AttendanceReads:
    """One read of the program's started sessions, members and presence, for ``person_attendance_rates`` and
    ``team_stage_attendance`` alike (the program's export; pages count in the database)."""
    started = started_sessions(program, keys_only=True)
    members = Participant.objects.filter(team__program=program).values_list("user_id", "team_id")
    return AttendanceReads(started=started, members=list(members),
                           present=_present_pairs([pk for pk, _stage in started.ordered]))


def person_attendance_rates(program, *, reads=None) -> dict[int, tuple[int, int]]:
    """User id -> (attended, expected) over the program's started, non-cancelled sessions.

    Every participant and every mentor of the program has an entry ((0, 0) when
    nothing was expected of them yet), and so has anyone made mentor of one of
    its sessions. A participant is expected at the all-team sessions and at the
    sessions that chose their team; a mentor at the sessions they are a mentor
    of. ``attended`` counts hadir and terlambat at those sessions only, so it
    never exceeds ``expected``. Six queries (one, with ``reads`` of the same program).
    """
    reads = reads or attendance_reads(program)
    started = reads.started
    expected = defaultdict(set)
    for user_id, team_id in reads.members:
        expected[user_id] |= started.team_sessions(team_id)
    for user_id in program_mentors(program).values_list("pk", flat=True):
        expected[user_id] |= set()
    for user_id, session_ids in started.by_mentor.items():
        expected[user_id] |= session_ids
    attended = defaultdict(int)
    for session_id, person_id in reads.present:
        if session_id in expected.get(person_id, ()):
            attended[person_id] += 1
    return {user_id: (attended[user_id], len(session_ids)) for user_id, session_ids in expected.items()}


def team_stage_attendance(program, *, reads=None, stage_ids=None) -> dict[tuple[int, int], list[int]]:
    """(team id, stage id) -> members of that team counted present at each of its sessions in the stage.

    One number per started, non-cancelled session of the stage that expected the
    team (all-team sessions included), in starts_at order. Every team × stage of
    the program has an entry, an empty list when no such session has started.
    Mentors are not counted: a team's quorum is about its own members. Seven queries (two, with ``reads`` of
    the same program; one less with ``stage_ids``, the program's stages as the caller read them).
    """
    reads = reads or attendance_reads(program)
    started = reads.started
    team_of = defaultdict(set)
    for user_id, team_id in reads.members:
        team_of[user_id].add(team_id)
    present = defaultdict(int)  # (session id, team id) -> members present
    for session_id, person_id in reads.present:
        for team_id in team_of.get(person_id, ()):
            present[(session_id, team_id)] += 1
    team_ids = list(Team.objects.filter(program=program).values_list("pk", flat=True))
    if stage_ids is None:
        stage_ids = list(program.stages.values_list("pk", flat=True))
    result = {(team_id, stage_id): [] for team_id in team_ids for stage_id in stage_ids}
    for team_id in team_ids:
        expected_here = started.team_sessions(team_id)
        for session_id, stage_id in started.ordered:
            if session_id in expected_here:
                result.setdefault((team_id, stage_id), []).append(present[(session_id, team_id)])
    return result


def with_attendance_rates(people, program, *, user="user_id", team="team_id", now=None):
    """``people`` (a queryset with a user column and a team column, named by ``user`` and ``team``)
    annotated with ``attended`` and ``expected``: person_attendance_rates in SQL, for one page of people or
    for counts over a whole program without loading its attendance. The same rule: the started,
    non-cancelled sessions that expected the person's team (all-team ones included) or that they mentor;
    present (hadir or terlambat) at those only.

    Each count follows an index from the person (their team's chosen sessions, the sessions they mentor,
    their own attendance rows); the all-team sessions are one count for everybody.
    """
    now = now or timezone.now()
    counted = TrainingSession.objects.filter(stage__program=program).counted(now)
    chosen = TrainingSession.expected_teams.through.objects
    mentored = TrainingSession.mentors.through.objects
    # sessions joined by program and start, not looked up in a list of ids: SQLite then follows the person's
    # own rows (index on the team, the mentor, the person) instead of probing every session for each person
    own_session = {"trainingsession__stage__program": program, "trainingsession__all_teams": False,
                   "trainingsession__cancelled_at__isnull": True, "trainingsession__starts_at__lte": now}
    team_chosen = chosen.filter(**own_session, team_id=OuterRef(team))
    # sessions they mentor that expected neither everybody nor their team (those are counted above)
    mentor_only = mentored.filter(**own_session, user_id=OuterRef(user)).exclude(
        Exists(chosen.filter(trainingsession_id=OuterRef("trainingsession_id"), team_id=OuterRef(OuterRef(team)))))
    expected = (count_subquery(counted.filter(all_teams=True)) + count_subquery(team_chosen)
                + count_subquery(mentor_only))
    of_session = {"trainingsession_id": OuterRef("session_id")}
    session_expects = (Q(session__all_teams=True)
                       | Exists(chosen.filter(**of_session, team_id=OuterRef(OuterRef(team))))
                       | Exists(mentored.filter(**of_session, user_id=OuterRef(OuterRef(user)))))
    present = Attendance.objects.filter(Q(person_id=OuterRef(user), status__in=PRESENT_STATUSES,
                                          session__stage__program=program, session__cancelled_at__isnull=True,
                                          session__starts_at__lte=now) & session_expects)
    return people.annotate(expected=expected, attended=count_subquery(present))
