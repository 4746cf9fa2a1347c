"""The scoring scheme is data: the national default, the weights rule, and a scheme in use is only copied."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bimtek.overview.services import program_clone
from evaluation.models import Aspect, EvaluationRound, Scheme
from evaluation.services.scheme import scheme_check, scheme_copy, scheme_create_default, scheme_ensure_changeable
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_default_scheme_follows_the_national_guideline():
    scheme = scheme_create_default(program=factories.make_program())
    weights = {aspect.role: aspect.weight for aspect in scheme.aspects.all()}
    assert [aspect.weight for aspect in scheme.aspects.all()] == [10, 20, 30, 30, 10]
    assert weights[Aspect.Role.BASELINE] == 10 and weights[Aspect.Role.QUICK_WIN] == 10
    assert all(aspect.levels.count() == 5 and aspect.questions.exists() for aspect in scheme.aspects.all())
    scheme_check(scheme)


def test_weights_that_do_not_add_up_to_100_are_refused_with_the_total():
    scheme = scheme_create_default(program=factories.make_program())
    scheme.aspects.filter(order=4).update(weight=Decimal("25"))
    with pytest.raises(ValidationError) as refused:
        scheme_check(scheme)
    assert "95" in str(refused.value)


def test_a_scheme_in_use_cannot_change_but_its_copy_can():
    program = factories.make_program()
    scheme = scheme_create_default(program=program)
    scheme_ensure_changeable(scheme)
    EvaluationRound.objects.create(program=program, scheme=scheme, title="2027", period_start="2027-01-01",
                                   period_end="2027-12-31", opens_on="2028-01-05", closes_on="2028-02-05")
    with pytest.raises(ValidationError):
        scheme_ensure_changeable(scheme)
    copy = scheme_copy(scheme=scheme, name="Pedoman 2028")
    scheme_ensure_changeable(copy)
    assert [(a.name, a.weight, a.levels.count(), a.questions.count()) for a in copy.aspects.all()] == \
        [(a.name, a.weight, a.levels.count(), a.questions.count()) for a in scheme.aspects.all()]
    assert Scheme.objects.filter(program=program).count() == 2
    with pytest.raises(ValidationError):
        scheme_copy(scheme=scheme, name="Pedoman 2028")


def test_next_years_program_gets_the_schemes_changeable_again():
    program = factories.make_program()
    scheme = scheme_create_default(program=program)
    EvaluationRound.objects.create(program=program, scheme=scheme, title="2027", period_start="2027-01-01",
                                   period_end="2027-12-31", opens_on="2028-01-05", closes_on="2028-02-05")
    clone = program_clone(program=program, name="Tahun depan", year=program.year + 1,
                          start_date=program.start_date.replace(year=program.start_date.year + 1), created_by=None)
    copied = Scheme.objects.get(program=clone)
    assert copied.name == scheme.name and not copied.is_in_use
    assert [(a.name, a.weight) for a in copied.aspects.all()] == [(a.name, a.weight) for a in scheme.aspects.all()]
    assert copied.aspects.get(order=3).questions.count() == scheme.aspects.get(order=3).questions.count()
