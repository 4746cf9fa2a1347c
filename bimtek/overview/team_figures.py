"""Every team's progress from numbers the database counts, for the dashboard's province summary and pages.

``progress.program_progress`` follows each team through every attendance row
and every submission of the program; at national size that is hundreds of
thousands of rows for one page. Here the database counts, per team and
session, the members present; each team's standing on each assignment
(``materials.selectors.standings``, the one home of due times, extensions and
overdue work) gives per stage the assignments approved, sent and overdue; and
Python applies the rule (``progress.stage_status_of``) to a few numbers per
team. A fixed number of queries whatever the program's size; the rows read grow
with teams × sessions and teams × assignments, never with the people.
"""

from django.db.models import Count, OuterRef

from bimtek.models import Program
from bimtek.overview.progress import StageProgress, TeamProgress, stage_status_of
from bimtek.program_cache import ATTENDANCE, cached_program_figures
from bimtek.querysets import count_subquery
from certificates.models import Certificate
from materials.models import Submission
from materials.selectors import program_assignments, standing_statuses, standings
from participants.models import Participant
from sessions.selectors import PRESENT_STATUSES, attendance_policy
from sessions.selectors.rates import started_sessions

S = Submission.Status



def teams_progress(program: Program, teams, *, now, with_cells: bool = False,
                   every_team: bool = False) -> tuple[list, list, list]:
    """(stages, assignments, [TeamProgress]) for ``teams`` (a queryset of the program's teams, in its order;
    ``every_team`` when it holds them all).

    Each TeamProgress also carries ``overdue_count``. With ``with_cells`` (a page of teams) each stage holds
    the team's Standing on every assignment (with its versions), for the matrix; without, the cells stay
    empty. Eleven queries (ten while the present counts are kept), two more with cells, whatever the number of
    teams.
    """
    stages = list(program.stages.order_by("ordinal"))
    policy = attendance_policy(program)
    teams = list(teams.select_related("region").annotate(
        member_count=count_subquery(Participant.objects.filter(team=OuterRef("pk")))))
    assignments = program_assignments(program)
    per_stage = {}
    for assignment in assignments:
        per_stage.setdefault(assignment.stage_id, []).append(assignment)
    started = started_sessions(program)
    present = (cached_program_figures(program, "present-by-team-session", lambda: _present_counts(program),
                                      depends_on=(ATTENDANCE,)) if every_team
               else _present_counts(program, [team.pk for team in teams]))
    # Each team's standing on each assignment, by the one rule of due times (an extension's) and overdue work.
    statuses = standing_statuses(assignments, teams, now=now)
    cells = standings(assignments, teams, now=now) if with_cells else {}
    rows = []
    ordered = started.ordered
    for team in teams:
        expected_here = started.team_sessions(team.pk)
        counts = {stage.pk: [] for stage in stages}
        for session_id, stage_id in ordered:
            if session_id in expected_here:
                counts[stage_id].append(present.get((team.pk, session_id), 0))
        progress, overdue = [], 0
        for stage in stages:
            stage_counts = counts[stage.pk]
            stage_assignments = per_stage.get(stage.pk, [])
            standing = [statuses[(team.pk, a.pk)] for a in stage_assignments]
            stage_overdue = sum(late for _status, late in standing)
            overdue += stage_overdue
            status, with_quorum, needed = stage_status_of(
                counts=stage_counts, policy=policy, share=program.stage_session_share,
                assignments=len(standing), approved=sum(value == S.APPROVED for value, _late in standing),
                overdue=stage_overdue, sent=sum(value != S.NOT_SUBMITTED for value, _late in standing))
            progress.append(StageProgress(
                stage=stage, status=status, sessions_held=len(stage_counts), sessions_with_quorum=with_quorum,
                sessions_needed=needed, present=sum(stage_counts),
                assignments=[cells[(team.pk, a.pk)] for a in stage_assignments] if with_cells else []))
        held = sum(len(stage_counts) for stage_counts in counts.values())
        row = TeamProgress(team=team, stages=progress, members=team.member_count,
                           attended=sum(sum(stage_counts) for stage_counts in counts.values()),
                           expected=held * team.member_count)
        row.overdue_count = overdue
        rows.append(row)
    return stages, assignments, rows


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
