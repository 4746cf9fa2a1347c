"""Every team's progress from numbers the database counts, for the dashboard's province summary and pages.

``progress.program_progress`` follows each team through every attendance row
and every submission of the program; at national size that is hundreds of
thousands of rows for one page. Here the database counts, per team and
session, the members present, and per team and stage the assignments
approved, sent and overdue (extensions counted); Python applies the rule
(``progress.stage_status_of``) to a few numbers per team. A fixed number of
queries whatever the program's size; the rows read grow with teams × sessions,
never with the people.
"""

from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from bimtek.models import Program
from bimtek.overview.progress import StageProgress, TeamProgress, stage_status_of
from bimtek.program_cache import ATTENDANCE, cached_program_figures
from bimtek.querysets import count_subquery
from certificates.models import Certificate
from materials.models import Assignment, Extension, Submission
from materials.selectors import program_assignments, standings
from participants.models import Participant
from sessions.selectors import PRESENT_STATUSES, attendance_policy
from sessions.selectors.rates import started_sessions

S = Submission.Status



def _stage_annotations(stage, now) -> dict:
    """Per team (the outer row): the stage's assignments approved, sent, and overdue (nothing sent and the
    team's due time, its extension's if granted, passed)."""
    of_stage = Submission.objects.filter(team=OuterRef("pk"), assignment__stage=stage)
    extension = Extension.objects.filter(team=OuterRef(OuterRef("pk")), assignment=OuterRef("pk")).values("due_at")
    sent = Submission.objects.filter(team=OuterRef(OuterRef("pk")), assignment=OuterRef("pk")).exclude(
        status=S.NOT_SUBMITTED)
    overdue = (Assignment.objects.filter(stage=stage)
               .annotate(team_due=Coalesce(Subquery(extension[:1]), F("due_at")))
               .filter(team_due__lt=now).exclude(Exists(sent)))
    return {f"approved_{stage.pk}": count_subquery(of_stage.filter(status=S.APPROVED)),
            f"sent_{stage.pk}": count_subquery(of_stage.exclude(status=S.NOT_SUBMITTED)),
            f"overdue_{stage.pk}": count_subquery(overdue)}


def teams_progress(program: Program, teams, *, now, with_cells: bool = False,
                   every_team: bool = False) -> tuple[list, list, list]:
    """(stages, assignments, [TeamProgress]) for ``teams`` (a queryset of the program's teams, in its order;
    ``every_team`` when it holds them all).

    Each TeamProgress also carries ``overdue_count``. With ``with_cells`` (a page of teams) each stage holds
    the team's Standing on every assignment, for the matrix; without, the cells stay empty. Nine queries,
    two more with cells.
    """
    stages = list(program.stages.order_by("ordinal"))
    policy = attendance_policy(program)
    annotations = {"member_count": count_subquery(Participant.objects.filter(team=OuterRef("pk")))}
    for stage in stages:
        annotations.update(_stage_annotations(stage, now))
    teams = list(teams.select_related("region").annotate(**annotations))
    assignments = program_assignments(program)
    per_stage = {}
    for assignment in assignments:
        per_stage.setdefault(assignment.stage_id, []).append(assignment)
    started = started_sessions(program)
    present = (cached_program_figures(program, "present-by-team-session", lambda: _present_counts(program),
                                      depends_on=(ATTENDANCE,)) if every_team
               else _present_counts(program, [team.pk for team in teams]))
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
            overdue += getattr(team, f"overdue_{stage.pk}")
            status, with_quorum, needed = stage_status_of(
                counts=stage_counts, policy=policy, share=program.stage_session_share,
                assignments=len(per_stage.get(stage.pk, [])), approved=getattr(team, f"approved_{stage.pk}"),
                overdue=getattr(team, f"overdue_{stage.pk}"), sent=getattr(team, f"sent_{stage.pk}"))
            progress.append(StageProgress(
                stage=stage, status=status, sessions_held=len(stage_counts), sessions_with_quorum=with_quorum,
                sessions_needed=needed, present=sum(stage_counts),
                assignments=[cells[(team.pk, a.pk)] for a in per_stage.get(stage.pk, [])] if with_cells else []))
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
