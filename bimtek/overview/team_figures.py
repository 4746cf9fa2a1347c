"""Every team's progress from numbers the database counts, for the dashboard's province summary and pages.

``progress.program_progress`` follows each team through every attendance row
and every submission of the program; at national size that is hundreds of
thousands of rows for one page. Here the database counts, per team and
session, the members present; each team's standing on each assignment
(``materials.selectors.standings``, the one home of due times, extensions and
overdue work) gives per stage the assignments approved, sent and overdue; and
Python applies the rule (``progress.stage_attendance_of`` and
``stage_status_from``) to a few numbers per team. A fixed number of queries
whatever the program's size; the rows read grow with teams × sessions and
teams × assignments, never with the people.
"""

from typing import NamedTuple

from django.db.models import Count
from django.utils import timezone

from bimtek.models import Program
from bimtek.overview.progress import StageProgress, TeamProgress, stage_attendance_of, stage_status_from
from bimtek.program_cache import ATTENDANCE, cached_program_figures, ids_key
from bimtek.selectors import ordered_stages
from certificates.models import Certificate
from materials.models import Submission
from materials.selectors import kept_standings, program_assignments, standing_statuses
from participants.models import Participant, Team
from sessions.selectors import PRESENT_STATUSES, attendance_policy
from sessions.selectors.rates import started_count, started_sessions

S = Submission.Status



class StageAttendance(NamedTuple):
    """A team's attendance in one stage, the half of the rule that check-ins and marks move."""

    held: int  # sessions held that expected the team
    with_quorum: int
    needed: int
    present: int  # members present, summed over those sessions


def teams_progress(program: Program, teams, *, now, with_cells: bool = False,
                   every_team: bool = False) -> tuple[list, list, list]:
    """(stages, assignments, [TeamProgress]) for ``teams`` (a queryset of the program's teams, in its order;
    ``every_team`` when it holds them all).

    Each TeamProgress also carries ``overdue_count``. With ``with_cells`` (a page of teams) each stage holds
    the team's Standing on every assignment (with its versions), for the matrix; without, the cells stay
    empty. The attendance half is kept in the cache through uploads and reviews (for every team with
    ``every_team``, else for these teams), so after one only the drafts half is read again (the cells are kept
    too, ``kept_standings``, until the next). A fixed number of queries whatever the number of teams.
    """
    stages = ordered_stages([program])[program.pk]
    teams = list(teams.select_related("region"))
    assignments = program_assignments(program)
    per_stage = {}
    for assignment in assignments:
        per_stage.setdefault(assignment.stage_id, []).append(assignment)
    team_ids = [team.pk for team in teams]
    # Keyed by the teams and by how many sessions have started, so the clock starting one counts it at once, as
    # a change does.
    attendance = cached_program_figures(
        program, f"stage-attendance-by-team:{'all' if every_team else ids_key(team_ids)}:{started_count(program)}",
        lambda: _stage_attendance(program, stages, team_ids, every_team=every_team), depends_on=(ATTENDANCE,))
    # Each team's standing on each assignment, by the one rule of due times (an extension's) and overdue work.
    cells = kept_standings(assignments, teams, now=now) if with_cells else {}
    statuses = ({pair: (cell.status, cell.overdue) for pair, cell in cells.items()} if with_cells
                else standing_statuses(assignments, teams, now=now))
    none_held = StageAttendance(0, 0, 1, 0)
    rows = []
    for team in teams:
        team_id = team.pk
        members, by_stage = attendance.get(team_id, (0, {}))
        team_attendance = [by_stage.get(stage.pk, none_held) for stage in stages]
        progress, overdue = [], 0
        for stage, held in zip(stages, team_attendance, strict=True):
            stage_assignments = per_stage.get(stage.pk, [])
            standing = [statuses[(team_id, a.pk)] for a in stage_assignments]
            stage_overdue = sum(late for _status, late in standing)
            overdue += stage_overdue
            status = stage_status_from(
                held=held.held, with_quorum=held.with_quorum, needed=held.needed, assignments=len(standing),
                approved=sum(value == S.APPROVED for value, _late in standing), overdue=stage_overdue,
                sent=sum(value != S.NOT_SUBMITTED for value, _late in standing))
            progress.append(StageProgress(
                stage=stage, status=status, sessions_held=held.held, sessions_with_quorum=held.with_quorum,
                sessions_needed=held.needed, present=held.present,
                assignments=[cells[(team_id, a.pk)] for a in stage_assignments] if with_cells else []))
        row = TeamProgress(team=team, stages=progress, members=members,
                           attended=sum(held.present for held in team_attendance),
                           expected=sum(held.held for held in team_attendance) * members)
        row.overdue_count = overdue
        rows.append(row)
    return stages, assignments, rows


def team_progress(program: Program, team, *, now=None) -> TeamProgress:
    """One team's TeamProgress with its Standing on every assignment (for its own page), reading that team's rows
    only: the same rule and counts as every team's on the dashboard."""
    return teams_progress(program, Team.objects.filter(pk=team.pk), now=now or timezone.now(), with_cells=True)[2][0]


def _stage_attendance(program: Program, stages, team_ids, *, every_team: bool = False) -> dict:
    """Team id -> (members, {stage id: StageAttendance}) of ``team_ids`` (every team of the program with
    ``every_team``). Six queries (four for some teams)."""
    policy = attendance_policy(program)
    share = program.stage_session_share
    people = Participant.objects.filter(team__program=program)
    if not every_team:
        people = people.filter(team_id__in=team_ids)
    members = dict(people.values_list("team_id").annotate(n=Count("pk")).order_by())
    started = started_sessions(program, team_ids=None if every_team else team_ids, keys_only=True)
    present = _present_counts(program, None if every_team else team_ids)
    ordered = started.ordered
    figures = {}
    for team_id in team_ids:
        expected_here = started.team_sessions(team_id)
        counts = {stage.pk: [] for stage in stages}
        for session_id, stage_id in ordered:
            if session_id in expected_here:
                counts[stage_id].append(present.get((team_id, session_id), 0))
        figures[team_id] = (members.get(team_id, 0), {
            stage.pk: StageAttendance(*stage_attendance_of(counts=counts[stage.pk], policy=policy, share=share),
                                      present=sum(counts[stage.pk])) for stage in stages})
    return figures


def _present_counts(program: Program, team_ids=None) -> dict:
    """(team id, session id) -> the team's members present (hadir or terlambat), at every session of the
    program that is not cancelled (the caller keeps those that have started); of ``team_ids`` only, if given.
    Joined by the program, not by a list of session ids: SQLite then follows each member's own attendance
    rows (index on the person) instead of probing every session for every member."""
    members = Participant.objects.filter(team__program=program)
    if team_ids is not None:
        members = members.filter(team_id__in=team_ids)
    return {(team_id, session_id): n for team_id, session_id, n in (
        members.filter(user__attendances__status__in=PRESENT_STATUSES,
                       user__attendances__session__stage__program=program,
                       user__attendances__session__cancelled_at__isnull=True)
        .values_list("team_id", "user__attendances__session_id").annotate(n=Count("pk")).order_by())}


def team_certificates(program: Program, team_ids) -> dict[int, int]:
    """Team id -> valid certificates of its members. One query."""
    return dict(Certificate.objects.filter(program=program, revoked_at__isnull=True,
                                           participant__team_id__in=team_ids)
                .values_list("participant__team_id").annotate(n=Count("pk")).order_by())
