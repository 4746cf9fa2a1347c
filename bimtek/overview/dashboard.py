"""What the organizer's and evaluator's program dashboard shows, read in a fixed number of queries.

The first page summarises the program by province: how many teams, how many
in each status (in words and colours) and the share of stages completed,
from numbers the database counts (bimtek.overview.team_figures), with
attendance rates per stage, drafts waiting for each mentor and certificates
issued. A province, a mentor or a status (the filters) opens the teams
themselves, a page at a time, with their progress per stage and their
standing on every assignment. The query count stays the same whatever the
number of teams, and so does the number of teams a page reads in full.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import Program
from bimtek.overview import charts
from bimtek.overview.progress import Status, assignment_codes
from bimtek.overview.team_figures import team_certificates, teams_progress
from bimtek.program_cache import cached_program_figures
from certificates.models import Certificate
from materials.selectors import mentor_review_stats, program_assignments, unassigned_waiting_count
from participants.models import MentorAssignment, Team
from participants.selectors import teams_mentors
from sessions.selectors import attendance_rate

CHART_SERIES = [(Status.COMPLETED, "ok"), (Status.IN_PROGRESS, "info"), (Status.BEHIND, "bad"),
                (Status.NOT_STARTED, "neutral")]
PAGE_SIZE = 50  # teams a drill-down page shows in full
MENTORS_SHOWN = 20


@dataclass
class DashboardFilters:
    province: str = ""
    mentor: int | None = None
    status: str = ""
    every_team: bool = False  # no filter, but the teams themselves, a page at a time

    @property
    def any(self) -> bool:
        return bool(self.province or self.mentor is not None or self.status or self.every_team)

    def keep(self, row, mentor_team_ids=None) -> bool:
        """Whether a TeamSummary passes the filters."""
        return ((not self.province or row.province == self.province)
                and (self.mentor is None or row.team_id in (mentor_team_ids or ()))
                and (not self.status or row.status == self.status))


class TeamSummary(NamedTuple):
    """A team's progress in the few plain numbers the summary needs: cheap to keep in the cache."""

    team_id: int
    province: str
    status: str
    completed: int  # stages completed
    members: int
    overdue: int
    stages: tuple  # per stage, in order: (status, members present summed over its sessions, sessions held)

    @classmethod
    def of(cls, row):
        return cls(row.team.pk, row.team.region.province, row.status, row.completed, row.members, row.overdue_count,
                   tuple((stage.status, stage.present, stage.sessions_held) for stage in row.stages))


@dataclass
class Dashboard:
    stages: list
    assignments: list
    codes: dict  # assignment id -> short code such as "II.1"
    team_count: int  # every team of the program
    kept: list  # with a filter, TeamSummary of the teams it keeps, every one of them (without one: empty)
    totals: dict = field(default_factory=dict)  # over the kept teams: teams, completed, behind, overdue
    provinces: list = field(default_factory=list)  # one summary row per province, over the kept teams
    page: object = None  # with a filter: the page of kept teams shown in full
    rows: list = field(default_factory=list)  # TeamProgress with cells, of the page's teams
    groups: list = field(default_factory=list)  # [(province, [TeamProgress])] of the page
    certificates: dict = field(default_factory=dict)
    waiting: list = field(default_factory=list)  # every mentor's review figures (the filter's mentor only)
    unassigned_waiting: int = 0
    overdue: list = field(default_factory=list)  # (team, Standing) of the page's teams
    stage_summary: list = field(default_factory=list)

    @property
    def waiting_shown(self):
        """The mentors with drafts waiting, the longest wait first; at most MENTORS_SHOWN (the review queue
        lists every mentor)."""
        busy = [stat for stat in self.waiting if stat["waiting"]]
        return sorted(busy, key=lambda stat: stat["oldest"], reverse=True)[:MENTORS_SHOWN]

    @property
    def columns(self):
        """(stage, [assignments of the stage]) for the matrix header."""
        return [(stage, [a for a in self.assignments if a.stage_id == stage.pk]) for stage in self.stages]


def program_provinces(program: Program) -> list[str]:
    """The provinces of the program's teams, in order: those of the first page's figures (kept in the cache)."""
    return [item["province"] for item in program_summary_figures(program)["provinces"]]


def program_team_summary(program: Program, *, now=None) -> list[TeamSummary]:
    """A TeamSummary of every team of the program, by province and region: the figures behind the province
    summary and the filters. Kept in the cache until the program's data changes (bimtek.program_cache),
    unless asked for another moment than now."""

    def count():
        teams = Team.objects.filter(program=program).order_by("region__province", "region__name", "pk")
        _stages, _assignments, rows = teams_progress(program, teams, now=now or timezone.now(), every_team=True)
        return [TeamSummary.of(row) for row in rows]

    return count() if now is not None else cached_program_figures(program, "team-summary:2", count)


def summary_figures(rows) -> dict:
    """What the summary shows over ``rows`` (TeamSummary, by province): the province rows, per stage the teams in
    each status and the attendance (``stage_figures``), and the totals."""
    return {"provinces": province_rows(rows), "stages": stage_figures(rows), "totals": {
        "teams": len(rows), "completed": sum(row.status == Status.COMPLETED for row in rows),
        "behind": sum(row.status == Status.BEHIND for row in rows), "overdue": sum(row.overdue for row in rows)}}


def program_summary_figures(program: Program, *, now=None) -> dict:
    """``summary_figures`` of every team of the program: the dashboard's first page. Kept in the cache as one
    unit, as the team summary it is counted from, unless asked for another moment than now."""
    if now is not None:
        return summary_figures(program_team_summary(program, now=now))
    return cached_program_figures(program, "summary-figures:2",
                                  lambda: summary_figures(program_team_summary(program)))


def province_rows(rows) -> list[dict]:
    """One row per province of ``rows`` (TeamSummary, by province): teams, teams per status, overdue
    assignments, and the share of stages completed."""
    provinces = {}
    for row in rows:
        item = provinces.setdefault(row.province, {
            "province": row.province, "teams": 0, "counts": dict.fromkeys(Status.ORDER, 0),
            "completed_stages": 0, "stages": 0, "overdue": 0})
        item["teams"] += 1
        item["counts"][row.status] += 1
        item["completed_stages"] += row.completed
        item["stages"] += len(row.stages)
        item["overdue"] += row.overdue
    for item in provinces.values():
        item["progress"] = item["completed_stages"] / item["stages"] if item["stages"] else None
    return list(provinces.values())


def with_count_lists(provinces) -> list[dict]:
    """The province rows with ``count_list``: (status, label, badge, teams) in status order, the labels
    translated once for every row (the rows are kept in the cache without words)."""
    words = [(status, str(Status.LABELS[status]), Status.BADGES[status]) for status in Status.ORDER]
    return [{**item, "count_list": [(status, label, badge, item["counts"][status]) for status, label, badge in words]}
            for item in provinces]


def certificate_counts(program: Program) -> dict:
    """The program's valid certificates of participants and of mentors, kept in the cache until the program's
    data changes (the certificates services move it)."""
    valid = Certificate.objects.filter(program=program, revoked_at__isnull=True)
    return cached_program_figures(program, "certificate-counts", lambda: valid.aggregate(
        participants=Count("pk", filter=Q(participant__isnull=False)),
        mentors=Count("pk", filter=Q(mentor__isnull=False))), depends_on=())


def program_dashboard(program: Program, filters: DashboardFilters | None = None, *, page=None,
                      now=None, mentors=None) -> Dashboard:
    """``mentors``: the program's mentors (``program_mentor_list``) when the caller has read them already."""
    filters = filters or DashboardFilters()
    stages = list(program.stages.order_by("ordinal"))
    assignments = program_assignments(program)
    codes = assignment_codes(stages, assignments)
    for assignment in assignments:  # the same objects the matrix cells hold
        assignment.code = codes[assignment.pk]
    if filters.any:
        summary = program_team_summary(program, now=now)
        mentor_teams = set()
        if filters.mentor is not None:
            mentor_teams = set(MentorAssignment.objects.filter(mentor_id=filters.mentor, team__program=program)
                               .values_list("team_id", flat=True))
        kept = [row for row in summary if filters.keep(row, mentor_teams)]
        team_count, figures = len(summary), summary_figures(kept)
    else:  # the first page: figures over every team, kept in the cache as one unit
        figures = program_summary_figures(program, now=now)
        kept, team_count = [], figures["totals"]["teams"]
    now = now or timezone.now()
    dashboard = Dashboard(
        stages=stages, assignments=assignments, codes=codes, team_count=team_count, kept=kept,
        totals=figures["totals"], provinces=with_count_lists(figures["provinces"]),
        certificates=certificate_counts(program),
        waiting=[stat for stat in mentor_review_stats(program, now=now, mentors=mentors)
                 if filters.mentor is None or stat["mentor"].pk == filters.mentor],
        unassigned_waiting=unassigned_waiting_count(program), stage_summary=stage_summary(stages, figures["stages"]))
    if filters.any:
        dashboard.page = Paginator(kept, PAGE_SIZE).get_page(page)
        shown = [row.team_id for row in dashboard.page.object_list]
        order = {pk: index for index, pk in enumerate(shown)}
        _stages, _assignments, rows = teams_progress(program, Team.objects.filter(pk__in=shown), now=now,
                                                     with_cells=True)
        rows.sort(key=lambda row: order[row.team.pk])
        mentors = teams_mentors(program, shown)
        certificates = team_certificates(program, shown)
        for row in rows:
            row.team_mentors = mentors.get(row.team.pk, [])
            row.certificates = certificates.get(row.team.pk, 0)
            for stage in row.stages:
                for cell in stage.assignments:
                    cell.assignment.code = codes[cell.assignment.pk]
        dashboard.rows = rows
        dashboard.groups = _by_province(rows)
        dashboard.overdue = sorted(((row.team, cell) for row in rows for cell in row.overdue),
                                   key=lambda item: item[1].due_at)
    return dashboard


def _by_province(rows) -> list[tuple[str, list]]:
    groups = []
    for row in rows:
        if not groups or groups[-1][0] != row.team.region.province:
            groups.append((row.team.region.province, []))
        groups[-1][1].append(row)
    return groups


def stage_figures(rows) -> list[dict]:
    """Per stage, in order, over the given teams (TeamSummary): how many teams are in each status, and the
    members present and expected at its sessions."""
    figures = []
    for index in range(len(rows[0].stages) if rows else 0):
        counts = dict.fromkeys(Status.ORDER, 0)
        present = possible = 0
        for row in rows:
            status, stage_present, held = row.stages[index]
            counts[status] += 1
            present += stage_present
            possible += held * row.members
        figures.append({"counts": counts, "present": present, "possible": possible})
    return figures


def stage_summary(stages, figures) -> list[dict]:
    """Per stage: its ``stage_figures`` (none for a stage no team has figures of yet) with the stage, the counts in
    status order and the attendance rate."""
    summary = []
    for index, stage in enumerate(stages):
        item = figures[index] if index < len(figures) else {
            "counts": dict.fromkeys(Status.ORDER, 0), "present": 0, "possible": 0}
        summary.append({**item, "stage": stage, "count_list": [item["counts"][status] for status in Status.ORDER],
                        "rate": attendance_rate(item["present"], item["possible"])})
    return summary


def dashboard_charts(dashboard: Dashboard) -> dict:
    """The two charts: teams per status in each stage, and attendance in each stage."""
    labels = {status: Status.LABELS[status] for status in Status.ORDER}
    progress = charts.stacked_bars(
        chart_id="chart-progress", title=_("Progress per stage"),
        description=_("For each stage, how many of the %(n)s teams shown have completed it, are in progress, are "
                      "behind or have not started.") % {"n": dashboard.totals["teams"]},
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
