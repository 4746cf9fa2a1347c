"""The attendance recap: people × sessions with rates per person, team and stage, in fixed queries.

Only sessions that are not cancelled and have started count, as in
``person_attendance_rates``; hadir and terlambat count as attended.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext

from bimtek.program_cache import cached_programs_figures
from participants import roles
from participants.models import Participant, Team
from participants.selectors import listed_users, program_mentors, staff_label
from sessions.models import Attendance, TrainingSession
from sessions.selectors.rates import PRESENT_STATUSES, attendance_rate, started_sessions
from sessions.selectors.schedule import attendance_policies, attendance_policy


@dataclass
class PersonRecap:
    user_id: int
    name: str
    position: str
    agency: str
    team: object  # a Team, or None for a mentor
    nip: str = ""
    cells: dict = field(default_factory=dict)  # session id -> status ("" when not recorded); absent: not expected
    attended: int = 0
    by_stage: dict = field(default_factory=dict)  # stage id -> [attended, expected]

    def stage_counts(self, stage_id):
        return self.by_stage.get(stage_id, (0, 0))

    @property
    def is_mentor(self):
        return self.team is None

    @property
    def expected(self):
        return len(self.cells)

    @property
    def rate(self):
        return attendance_rate(self.attended, self.expected)


@dataclass
class TeamRecap:
    team: object
    members: int = 0
    attended: int = 0
    expected: int = 0
    sessions: int = 0
    quorum_reached: int = 0

    @property
    def rate(self):
        return attendance_rate(self.attended, self.expected)


@dataclass
class StageRecap:
    stage: object
    sessions: int = 0
    attended: int = 0
    expected: int = 0

    @property
    def column_label(self):
        """The stage's column of the people's table: "Stage II"."""
        return gettext("Stage %(roman)s") % {"roman": self.stage.roman}

    @property
    def rate(self):
        return attendance_rate(self.attended, self.expected)


@dataclass
class Recap:
    sessions: list
    people: list
    teams: list
    stages: list
    quorum: int


def attendance_recap(program, *, stage=None, team_ids=None, include_mentors=True) -> Recap:
    """The recap of a program (or one stage), for every team or only ``team_ids`` (a mentor's teams).

    People are participants sorted by region and name, then mentors. Nine queries.
    """
    started = started_sessions(program, stage)
    sessions, by_mentor = started.sessions, started.by_mentor
    ids = [s.pk for s in sessions]
    marks = defaultdict(dict)
    for session_id, person_id, status in Attendance.objects.filter(session_id__in=ids).values_list(
            "session_id", "person_id", "status"):
        marks[person_id][session_id] = status

    teams = Team.objects.filter(program=program).select_related("region")
    members = Participant.objects.filter(team__program=program).select_related("team__region")
    if team_ids is not None:
        teams, members = teams.filter(pk__in=team_ids), members.filter(team_id__in=team_ids)
    team_rows = {team.pk: TeamRecap(team=team) for team in teams}
    people = []
    present_by_team_session = defaultdict(int)
    for member in members.order_by("team__region__province", "team__region__name", "full_name"):
        person = PersonRecap(user_id=member.user_id, name=member.full_name, position=member.position,
                             agency=member.agency, team=member.team, nip=member.nip)
        fill_cells(person, started.team_sessions(member.team_id), marks.get(member.user_id, {}))
        for session_id, status in person.cells.items():
            if status in PRESENT_STATUSES:
                present_by_team_session[(member.team_id, session_id)] += 1
        people.append(person)
        team_row = team_rows[member.team_id]
        team_row.members += 1
        team_row.attended += person.attended
        team_row.expected += person.expected

    if include_mentors:
        mentor_ids = set(program_mentors(program).values_list("pk", flat=True)) | set(by_mentor)
        if team_ids is not None:
            mentor_ids &= set(by_mentor)
        for user in listed_users(program).filter(pk__in=mentor_ids).only("email"):
            person = PersonRecap(user_id=user.pk, name=staff_label(user), position="", agency="", team=None)
            fill_cells(person, by_mentor.get(user.pk, set()), marks.get(user.pk, {}))
            people.append(person)

    policy = attendance_policy(program)
    for team_id, team_row in team_rows.items():
        expected_here = started.team_sessions(team_id)
        team_row.sessions = len(expected_here)
        team_row.quorum_reached = sum(1 for session_id in expected_here
                                      if policy.quorum_reached(present_by_team_session[(team_id, session_id)]))

    stage_rows = {s.pk: StageRecap(stage=s) for s in
                  ([stage] if stage is not None else program.stages.all())}
    stage_of = {s.pk: s.stage_id for s in sessions}
    for session in sessions:
        stage_rows[session.stage_id].sessions += 1
    for person in people:
        count_by_stage(person, stage_of)
        if person.is_mentor:
            continue
        for session_id, status in person.cells.items():
            row = stage_rows[stage_of[session_id]]
            row.expected += 1
            row.attended += status in PRESENT_STATUSES
    return Recap(sessions=sessions, people=people, teams=sorted(team_rows.values(), key=lambda r: (
        r.team.region.province, r.team.region.name)), stages=list(stage_rows.values()), quorum=policy.team_quorum)


def fill_cells(person, expected_ids, marks):
    """The person's mark at each session they were expected at (empty: none), and how many count as present."""
    for session_id in expected_ids:
        status = marks.get(session_id, "")
        person.cells[session_id] = status
        person.attended += status in PRESENT_STATUSES


def count_by_stage(person, stage_of):
    """Per stage of the person's sessions (``stage_of``: session id -> stage id): [present, expected]."""
    for session_id, status in person.cells.items():
        counts = person.by_stage.setdefault(stage_of[session_id], [0, 0])
        counts[0] += status in PRESENT_STATUSES
        counts[1] += 1


def person_sessions(program, user) -> list:
    """Every session of the program (or list of programs) the person is (or was) expected at, with their
    attendance, newest last. Two queries; one, the attendance, while the sessions are kept in the cache (until
    the program's sessions, teams or people change: bimtek.program_cache)."""
    programs = program if isinstance(program, list) else [program]

    def expected(missing):
        team_ids = set().union(*(roles.member_team_ids(user, p.pk) for p in missing))
        found = {p.pk: [] for p in missing}
        for session in (TrainingSession.objects.filter(stage__program__in=missing)
                        .expecting(team_ids, mentor=user).select_related("stage").order_by("starts_at")):
            found[session.stage.program_id].append(session)
        return found

    kept = cached_programs_figures(programs, f"person-sessions:{user.pk}", expected, depends_on=())
    sessions = sorted((session for p in programs for session in kept[p.pk]), key=lambda s: s.starts_at)
    marks = {a.session_id: a for a in Attendance.objects.filter(person=user, session__in=sessions)}
    for session in sessions:
        session.my_attendance = marks.get(session.pk)
    return sessions


@dataclass
class OwnAttendance:
    """A person's own sessions in a program, their attendance rate, and the sessions open for check-in now."""

    sessions: list
    attended: int
    expected: int
    open_now: list

    @property
    def rate(self):
        return attendance_rate(self.attended, self.expected)


def own_attendance(program, user, *, now) -> OwnAttendance:
    """What a participant's (or mentor's) own attendance page and home show; as ``person_attendance_rates``
    counts it, for one person."""
    return own_attendances([program], user, now=now)[program.pk]


def own_attendances(programs: list, user, *, now) -> dict:
    """Program id -> OwnAttendance, for several programs in the same three queries."""
    policies = attendance_policies(programs)
    by_program = {program.pk: [] for program in programs}
    for session in person_sessions(programs, user):
        by_program[session.stage.program_id].append(session)
    result = {}
    for program in programs:
        sessions, policy = by_program[program.pk], policies[program.pk]
        counted = [s for s in sessions if s.counts_toward_rate(now)]
        present = [s for s in sessions if s.my_attendance and s.my_attendance.counts_as_present]
        result[program.pk] = OwnAttendance(
            sessions=sessions, attended=len([s for s in counted if s in present]), expected=len(counted),
            open_now=[s for s in sessions if s.is_open_for_checkin(policy, now) and s not in present])
    return result
