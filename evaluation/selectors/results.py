"""Reads for the results: a round's ranking and province table, one team's scores, the rows of the XLSX."""

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Sum

from evaluation.models import AspectScore, Assessment, FinalScore, PlanProgram, ProgramProgress, RoundTeam
from evaluation.selectors.index import rounded, strongest_and_weakest

# The colour (a CSS badge class) of each status of a team in a round, on every page (the evaluation_tags
# filter status_badge); the words are always shown beside it.
STATUS_BADGES = {
    RoundTeam.Status.NOT_STARTED: "neutral",
    RoundTeam.Status.DRAFT: "info",
    RoundTeam.Status.SUBMITTED: "ok",
    RoundTeam.Status.RETURNED: "warn",
    RoundTeam.Status.FINALISED: "ok",
}


def round_ranking(evaluation_round, *, province: str | None = None) -> list:
    """The round's teams, the finalised ones first by index (highest first), each with ``final`` (aspect id →
    FinalScore) and ``change`` (index − previous index, None without a previous one)."""
    teams = RoundTeam.objects.filter(round=evaluation_round).select_related("team__region").prefetch_related(
        Prefetch("final_scores", queryset=FinalScore.objects.select_related(None)))
    if province:
        teams = teams.filter(team__region__province=province)
    teams = list(teams.order_by(F("index").desc(nulls_last=True), "team__region__name"))
    for round_team in teams:
        round_team.final = {score.aspect_id: score for score in round_team.final_scores.all()}
        round_team.change = (round_team.index - round_team.previous_index
                             if round_team.index is not None and round_team.previous_index is not None else None)
        round_team.badge = STATUS_BADGES[round_team.status]
    return teams


@dataclass
class ProvinceRow:
    province: str
    counts: dict = field(default_factory=dict)
    index_total: Decimal = Decimal(0)
    index_count: int = 0

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def mean_index(self):
        return rounded(self.index_total / self.index_count) if self.index_count else None

    def statuses(self):
        """[(status value, label, badge, count)] of the statuses present, in the statuses' order."""
        return [(value, label, STATUS_BADGES[value], self.counts[value])
                for value, label in RoundTeam.Status.choices if self.counts.get(value)]


def province_table(ranking) -> list:
    """One row per province of the ranking's teams: how many teams in each status and the mean index."""
    rows = OrderedDict()
    for round_team in sorted(ranking, key=lambda rt: rt.team.region.province):
        row = rows.setdefault(round_team.team.region.province, ProvinceRow(round_team.team.region.province))
        row.counts[round_team.status] = row.counts.get(round_team.status, 0) + 1
        if round_team.index is not None:
            row.index_total += round_team.index
            row.index_count += 1
    return list(rows.values())


@dataclass
class DashboardResults:
    rounds: list
    shown: object = None  # the round summarised: the newest finalised one, else the newest
    provinces: list = field(default_factory=list)
    leaders: list = field(default_factory=list)


def dashboard_results(program, *, leaders: int = 10) -> DashboardResults:
    """The evaluation on the program dashboard: its rounds, and for the newest finalised one (else the newest)
    the province table and the ``leaders`` highest indices. Counted by the database: three queries and one row
    per province and status, whatever the number of teams."""
    rounds = list(program.evaluation_rounds.order_by("-period_end", "-pk"))
    shown = next((r for r in rounds if r.status == r.Status.FINALISED), rounds[0] if rounds else None)
    results = DashboardResults(rounds=rounds, shown=shown)
    if shown is None:
        return results
    rows = OrderedDict()
    for province, status, count, total, indexed in (
            RoundTeam.objects.filter(round=shown).values_list("team__region__province", "status")
            .annotate(teams=Count("pk"), total=Sum("index"), indexed=Count("index"))
            .order_by("team__region__province", "status")):
        row = rows.setdefault(province, ProvinceRow(province))
        row.counts[status] = count
        row.index_total += total or Decimal(0)
        row.index_count += indexed
    results.provinces = list(rows.values())
    results.leaders = list(RoundTeam.objects.filter(round=shown, index__isnull=False).select_related("team__region")
                           .order_by("-index", "team__region__name")[:leaders])
    return results


def team_scores(round_team) -> dict:
    """What the team's scores page and its report show: the final scores, the strongest and weakest dimension,
    and the assessors' submitted notes."""
    finals = list(FinalScore.objects.filter(round_team=round_team).select_related("aspect"))
    programs = list(round_team.plan.programs.select_related("dimension")) if round_team.plan_id else []
    statuses = dict(ProgramProgress.objects.filter(round_team=round_team).values_list("plan_program_id", "status"))
    strongest, weakest = strongest_and_weakest(programs, statuses)
    notes = list(AspectScore.objects.filter(assessment__round_team=round_team, assessment__submitted_at__isnull=False)
                 .exclude(note="").select_related("aspect", "assessment__assessor")
                 .order_by("aspect__order", "assessment__assessor__full_name"))
    return {"finals": finals, "strongest": strongest, "weakest": weakest, "notes": notes}


def round_reports(evaluation_round) -> list:
    """Every finalised team of the round with its scores (for the merged PDF): a fixed number of queries."""
    teams = list(RoundTeam.objects.filter(round=evaluation_round, status=RoundTeam.Status.FINALISED)
                 .select_related("team__region", "round__program", "round__scheme", "plan")
                 .order_by("team__region__province", "team__region__name"))
    finals = {}
    for score in FinalScore.objects.filter(round_team__in=teams).select_related("aspect"):
        finals.setdefault(score.round_team_id, []).append(score)
    statuses = {}
    for rt_id, program_id, status in ProgramProgress.objects.filter(round_team__in=teams).values_list(
            "round_team_id", "plan_program_id", "status"):
        statuses.setdefault(rt_id, {})[program_id] = status
    programs = {}
    for program in PlanProgram.objects.filter(plan_id__in={rt.plan_id for rt in teams if rt.plan_id}) \
            .select_related("dimension"):
        programs.setdefault(program.plan_id, []).append(program)
    notes = {}
    for note in AspectScore.objects.filter(assessment__round_team__in=teams, assessment__submitted_at__isnull=False) \
            .exclude(note="").select_related("aspect", "assessment__assessor") \
            .order_by("aspect__order", "assessment__assessor__full_name"):
        notes.setdefault(note.assessment.round_team_id, []).append(note)
    reports = []
    for round_team in teams:
        team_programs = programs.get(round_team.plan_id, [])
        strongest, weakest = strongest_and_weakest(team_programs, statuses.get(round_team.pk, {}))
        reports.append((round_team, {"finals": finals.get(round_team.pk, []), "strongest": strongest,
                                     "weakest": weakest, "notes": notes.get(round_team.pk, [])}))
    return reports


def score_rows(evaluation_round):
    """Every assessor's score and every final score of the round, one row each, for the XLSX."""
    assessments = Assessment.objects.filter(round_team__round=evaluation_round)
    return AspectScore.objects.filter(assessment__in=assessments).select_related(
        "aspect", "assessment__assessor", "assessment__round_team__team__region").order_by(
        "assessment__round_team__team__region__province", "assessment__round_team__team__region__name",
        "aspect__order", "assessment__assessor__full_name")
