"""What the organizer's and evaluator's program dashboard shows, read in a fixed number of queries.

Teams grouped by province with their progress per stage and their standing
on every assignment (bimtek.overview.progress), attendance rates, overdue
assignments, drafts waiting for each mentor, certificates issued, and the
figures behind the charts. Filters (province, mentor, status) narrow the
teams; the query count stays the same whatever the number of teams.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from bimtek.models import Program
from bimtek.overview import charts
from bimtek.overview.progress import Status, assignment_codes, program_progress
from certificates.models import Certificate
from materials.selectors import mentor_review_stats, unassigned_waiting_count
from participants.models import Team
from sessions.selectors import attendance_rate

CHART_SERIES = [(Status.COMPLETED, "ok"), (Status.IN_PROGRESS, "info"), (Status.BEHIND, "bad"),
                (Status.NOT_STARTED, "neutral")]


@dataclass
class DashboardFilters:
    province: str = ""
    mentor: int | None = None
    status: str = ""

    def keep(self, row) -> bool:
        team = row.team
        return ((not self.province or team.region.province == self.province)
                and (self.mentor is None or any(m.pk == self.mentor for m in team.mentors.all()))
                and (not self.status or row.status == self.status))


@dataclass
class Dashboard:
    stages: list
    assignments: list
    codes: dict  # assignment id -> short code such as "II.1"
    rows: list  # TeamProgress of the teams kept by the filters
    groups: list  # [(province, [TeamProgress])]
    team_count: int
    certificates: dict = field(default_factory=dict)
    waiting: list = field(default_factory=list)
    unassigned_waiting: int = 0
    overdue: list = field(default_factory=list)
    stage_summary: list = field(default_factory=list)

    @property
    def columns(self):
        """(stage, [assignments of the stage]) for the matrix header."""
        return [(stage, [a for a in self.assignments if a.stage_id == stage.pk]) for stage in self.stages]


def program_provinces(program: Program) -> list[str]:
    return sorted(set(Team.objects.filter(program=program).values_list("region__province", flat=True)))


def program_dashboard(program: Program, filters: DashboardFilters | None = None, *, now=None) -> Dashboard:
    filters = filters or DashboardFilters()
    teams = list(Team.objects.filter(program=program).select_related("region")
                 .prefetch_related(Prefetch("mentors", queryset=get_user_model().objects.order_by("full_name")))
                 .order_by("region__province", "region__name"))
    stages, assignments, progress = program_progress(program, teams, now=now)
    codes = assignment_codes(stages, assignments)
    for assignment in assignments:  # the same objects the matrix cells hold
        assignment.code = codes[assignment.pk]
    rows = [row for row in progress if filters.keep(row)]
    valid = Certificate.objects.filter(program=program, revoked_at__isnull=True)
    per_team = dict(valid.filter(participant__isnull=False).values_list("participant__team_id")
                    .annotate(n=Count("pk")).order_by())
    for row in rows:
        row.certificates = per_team.get(row.team.pk, 0)
    waiting = [stat for stat in mentor_review_stats(program, now=now)
               if filters.mentor is None or stat["mentor"].pk == filters.mentor]
    overdue = sorted(((row.team, cell) for row in rows for cell in row.overdue), key=lambda item: item[1].due_at)
    return Dashboard(
        stages=stages, assignments=assignments, codes=codes, rows=rows,
        groups=[(province, list(items)) for province, items in groupby(rows, key=lambda r: r.team.region.province)],
        team_count=len(teams),
        certificates={"participants": sum(per_team.values()), "mentors": valid.filter(mentor__isnull=False).count()},
        waiting=waiting, unassigned_waiting=unassigned_waiting_count(program),
        overdue=overdue, stage_summary=stage_summary(stages, rows),
    )


def stage_summary(stages, rows) -> list[dict]:
    """Per stage, over the given teams: how many teams are in each status, and the members' attendance rate."""
    summary = []
    for index, stage in enumerate(stages):
        counts = dict.fromkeys(Status.ORDER, 0)
        present = possible = 0
        for row in rows:
            progress = row.stages[index]
            counts[progress.status] += 1
            present += progress.present
            possible += progress.sessions_held * row.members
        summary.append({"stage": stage, "counts": counts, "count_list": [counts[status] for status in Status.ORDER],
                        "present": present, "possible": possible,
                        "rate": attendance_rate(present, possible)})
    return summary


def dashboard_charts(dashboard: Dashboard) -> dict:
    """The two charts: teams per status in each stage, and attendance in each stage."""
    labels = {status: Status.LABELS[status] for status in Status.ORDER}
    progress = charts.stacked_bars(
        chart_id="chart-progress", title=_("Progress per stage"),
        description=_("For each stage, how many of the %(n)s teams shown have completed it, are in progress, are "
                      "behind or have not started.") % {"n": len(dashboard.rows)},
        rows=[(_("Stage %(roman)s") % {"roman": item["stage"].roman}, item["counts"])
              for item in dashboard.stage_summary],
        series=[(status, labels[status], style) for status, style in CHART_SERIES])
    attendance = charts.percent_bars(
        chart_id="chart-attendance", title=_("Attendance per stage"),
        description=_("For each stage, the share of the team members expected at its sessions held so far who were "
                      "present or late."),
        rows=[(_("Stage %(roman)s") % {"roman": item["stage"].roman}, item["rate"])
              for item in dashboard.stage_summary])
    return {"progress": progress, "attendance": attendance}
