"""Reads for the rounds' pages, each a fixed number of queries however many rounds, teams and assessors."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from bimtek.models import Program
from evaluation.models import Aspect, Assessment, EvaluationRound, RoundTeam, Scheme
from participants import selectors as participants_selectors

STATUSES = RoundTeam.Status


def program_evaluators(program: Program) -> list:
    """The program's evaluators, who can be assigned as assessors; one query."""
    return list(participants_selectors.program_evaluators(program))


def program_rounds(program: Program) -> list:
    """The program's rounds, newest first, each with its scheme and how many of its teams are in each status."""
    counts = {f"count_{status.value}": Count("round_teams", filter=Q(round_teams__status=status.value))
              for status in STATUSES}
    return list(EvaluationRound.objects.filter(program=program).select_related("scheme")
                .annotate(team_count=Count("round_teams"), **counts))


def status_counts(evaluation_round) -> list:
    """(status, label, how many of the round's teams) for every status; one query."""
    counts = dict(evaluation_round.round_teams.values_list("status").annotate(n=Count("pk")).order_by())
    return [(status, label, counts.get(status, 0)) for status, label in STATUSES.choices]


def program_round_lookup(program: Program):
    """Where a page looks up the round its URL names: the program's rounds, with their scheme."""
    return EvaluationRound.objects.filter(program=program).select_related("scheme")


def round_teams(evaluation_round):
    """The round's teams, ordered by province and region, with their assessors (one extra query per page)."""
    return (RoundTeam.objects.filter(round=evaluation_round).select_related("team__region", "plan")
            .prefetch_related(Prefetch("assessments", Assessment.objects.select_related("assessor"))))


def team_round_entries(team_ids) -> list:
    """The rounds the teams are in (open or finalised; not those still being prepared), newest first."""
    return list(RoundTeam.objects.filter(team_id__in=list(team_ids))
                .exclude(round__status=EvaluationRound.Status.DRAFT)
                .select_related("round", "team__region").order_by("-round__period_end", "-round_id"))


def round_entries(round_team_ids) -> list:
    """These teams in their rounds (an assessor's), newest round first, leaving out rounds being prepared."""
    return list(RoundTeam.objects.filter(pk__in=list(round_team_ids))
                .exclude(round__status=EvaluationRound.Status.DRAFT)
                .select_related("round", "team__region").order_by("-round__period_end", "-round_id", "team_id"))


def program_schemes(program: Program) -> list:
    """The program's schemes, each with ``round_count``, ``aspect_count`` and ``weight_total``; two queries."""
    schemes = list(Scheme.objects.filter(program=program).annotate(round_count=Count("rounds")))
    totals = {row["scheme"]: row for row in Aspect.objects.filter(scheme__program=program)
              .values("scheme").annotate(total=Sum("weight"), count=Count("pk")).order_by()}
    for scheme in schemes:
        scheme.aspect_count = totals.get(scheme.pk, {}).get("count", 0)
        scheme.weight_total = totals.get(scheme.pk, {}).get("total") or Decimal(0)
    return schemes
