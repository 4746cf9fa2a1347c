from decimal import Decimal

import pytest

from evaluation.models import Aspect, Level, PlanProgram, ProgramProgress, Scheme
from evaluation.selectors.index import index_compute, register_shares, strongest_and_weakest
from tests import factories

pytestmark = pytest.mark.django_db


def scheme_with(*aspects, top=4):
    """A scheme with aspects (name, weight, role), each with levels 0..top."""
    scheme = Scheme.objects.create(program=factories.make_program(), name="Skema")
    made = []
    for order, (name, weight, role) in enumerate(aspects):
        aspect = Aspect.objects.create(scheme=scheme, name=name, weight=Decimal(weight), role=role, order=order)
        Level.objects.bulk_create(Level(aspect=aspect, value=v, descriptor=str(v)) for v in range(top + 1))
        made.append(aspect)
    return list(Aspect.objects.filter(scheme=scheme).prefetch_related("levels"))


def test_each_aspect_contributes_its_weight_times_its_share_of_the_scale():
    baseline, output, outcome = scheme_with(("Baseline", 10, Aspect.Role.BASELINE), ("Output", 20, "general"),
                                            ("Outcome", 70, Aspect.Role.OUTCOME))
    result = index_compute(aspects=[baseline, output, outcome],
                           scores={baseline.pk: Decimal(2), output.pk: Decimal(4), outcome.pk: Decimal("2.5")})
    assert [(p.score, p.contribution) for p in result.parts] == [
        (Decimal("2.00"), Decimal("5.00")), (Decimal("4.00"), Decimal("20.00")), (Decimal("2.50"), Decimal("43.75"))]
    assert result.index == Decimal("68.75")


def test_contributions_are_rounded_to_two_decimals_and_the_index_is_their_sum():
    a, b, c = scheme_with(("A", Decimal("33.33"), "general"), ("B", Decimal("33.33"), "general"),
                          ("C", Decimal("33.34"), "general"), top=3)
    result = index_compute(aspects=[a, b, c], scores={a.pk: Decimal(1), b.pk: Decimal(1), c.pk: Decimal(2)})
    assert [p.contribution for p in result.parts] == [Decimal("11.11"), Decimal("11.11"), Decimal("22.23")]
    assert result.index == Decimal("44.45")


def test_the_baseline_takes_the_previous_index_scaled_to_its_levels():
    baseline, rest = scheme_with(("Baseline", 10, Aspect.Role.BASELINE), ("Rest", 90, "general"))
    result = index_compute(aspects=[baseline, rest], scores={baseline.pk: Decimal(0), rest.pk: Decimal(4)},
                           previous_index=Decimal("62.50"))
    assert result.parts[0].score == Decimal("2.50") and result.parts[0].from_previous
    assert result.parts[0].contribution == Decimal("6.25")
    assert result.index == Decimal("96.25")


def test_without_a_previous_index_the_baseline_is_scored_like_any_aspect():
    baseline, rest = scheme_with(("Baseline", 10, Aspect.Role.BASELINE), ("Rest", 90, "general"))
    result = index_compute(aspects=[baseline, rest], scores={baseline.pk: Decimal(1), rest.pk: Decimal(0)})
    assert result.parts[0].contribution == Decimal("2.50") and not result.parts[0].from_previous
    assert result.index == Decimal("2.50")


def test_shares_of_programs_and_quick_wins_done_and_none_without_a_register():
    programs = [PlanProgram(pk=i, quick_win=i < 2) for i in range(1, 5)]
    statuses = {1: ProgramProgress.Status.DONE, 3: ProgramProgress.Status.DONE, 4: ProgramProgress.Status.IN_PROGRESS}
    assert register_shares(programs, statuses) == (Decimal("50.00"), Decimal("100.00"))
    assert register_shares([], {}) == (None, None)
    no_quick_wins = [PlanProgram(pk=9, quick_win=False)]
    assert register_shares(no_quick_wins, {9: ProgramProgress.Status.DONE}) == (Decimal("100.00"), None)


def test_strongest_and_weakest_dimension_by_share_done():
    program = factories.make_program()
    first, second = list(program.dimensions.all())[:2]
    programs = [PlanProgram(pk=1, dimension=first), PlanProgram(pk=2, dimension=first),
                PlanProgram(pk=3, dimension=second)]
    strongest, weakest = strongest_and_weakest(programs, {1: ProgramProgress.Status.DONE,
                                                          3: ProgramProgress.Status.DONE})
    assert strongest == (second, Decimal("100.00")) and weakest == (first, Decimal("50.00"))
    assert strongest_and_weakest([], {}) == (None, None)
