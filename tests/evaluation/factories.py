"""Evaluation objects for tests: an approved register, a round with its teams and assessors."""

import datetime
from decimal import Decimal

from django.utils import timezone

from evaluation.models import Assessment, EvaluationRound, MasterPlan, PlanProgram, RoundTeam
from evaluation.services.scheme import scheme_create_default
from tests import factories


def make_plan(team, *, status=MasterPlan.Status.APPROVED, programs=3, quick_wins=1, first_year=None, number=None):
    """A register version of ``team`` with ``programs`` programs over the program's dimensions, the first
    ``quick_wins`` of them quick wins."""
    first_year = first_year or team.program.year + 1
    number = number or (team.master_plans.count() + 1)
    plan = MasterPlan.objects.create(team=team, number=number, status=status, first_year=first_year,
                                     approved_at=timezone.now() if status == MasterPlan.Status.APPROVED else None)
    dimensions = list(team.program.dimensions.all())
    PlanProgram.objects.bulk_create(
        PlanProgram(plan=plan, dimension=dimensions[i % len(dimensions)], title=f"Program {i + 1}",
                    responsible_agency="Diskominfo", start_year=first_year, end_year=first_year + (0 if i < quick_wins
                                                                                                 else 2),
                    indicator="Layanan daring", unit="layanan", baseline_value=Decimal(i), target_value=Decimal(i + 10),
                    budget=Decimal(100_000_000), budget_source="APBD", quick_win=i < quick_wins, order=i)
        for i in range(programs))
    return plan


def make_round(program, *, teams=(), assessors=(), scheme=None, status=EvaluationRound.Status.OPEN, title=None,
               period_end=None):
    """A round of ``program`` over ``teams``, each assessed by every user in ``assessors``; each team measured
    against its newest approved register when it has one."""
    scheme = scheme or scheme_create_default(program=program, name=factories.unique("Skema"))
    period_end = period_end or datetime.date(program.year + 1, 12, 31)
    evaluation_round = EvaluationRound.objects.create(
        program=program, scheme=scheme, title=title or factories.unique("Evaluasi"),
        period_start=period_end.replace(month=1, day=1), period_end=period_end,
        opens_on=period_end + datetime.timedelta(days=1), closes_on=period_end + datetime.timedelta(days=45),
        status=status)
    for team in teams:
        plan = team.master_plans.filter(status=MasterPlan.Status.APPROVED).order_by("-number").first()
        round_team = RoundTeam.objects.create(round=evaluation_round, team=team, plan=plan)
        Assessment.objects.bulk_create(Assessment(round_team=round_team, assessor=user) for user in assessors)
    return evaluation_round
