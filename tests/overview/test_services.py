import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bimtek.accounts import user_language_update
from bimtek.models import DEFAULT_DIMENSIONS, Stage
from bimtek.overview.services import program_create, stage_update
from participants.models import ProgramRole
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_program_gets_four_stages_in_order_within_its_dates_and_the_six_dimensions():
    organizer = factories.make_user()
    program = program_create(name="Gerakan Menuju Smart City 2027", year=2027, institution="Kementerian",
                             start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 6, 30),
                             created_by=organizer)

    stages = list(program.stages.all())
    assert [s.roman for s in stages] == ["I", "II", "III", "IV"]
    assert all(program.start_date <= s.start_date <= s.end_date <= program.end_date for s in stages)
    assert [s.start_date for s in stages] == sorted(s.start_date for s in stages)
    assert [d.name for d in program.dimensions.all()] == DEFAULT_DIMENSIONS
    assert list(ProgramRole.objects.filter(program=program).values_list("user", "role")) == [
        (organizer.pk, "organizer")]


def test_a_program_may_have_another_number_of_stages():
    program = factories.make_program(stage_count=6)
    assert program.stages.count() == 6
    assert program.stages.last().roman == "VI"


def test_a_stage_cannot_move_outside_its_program():
    program = factories.make_program()
    stage = program.stages.first()
    with pytest.raises(ValidationError):
        stage_update(stage=stage, start_date=program.start_date - datetime.timedelta(days=3),
                     end_date=program.start_date)
    stage.refresh_from_db()
    assert stage.start_date >= program.start_date


def test_stage_numbers_are_unique_per_program_in_the_database():
    program = factories.make_program()
    first = program.stages.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(program=program, ordinal=first.ordinal, title="Duplicate",
                             start_date=first.start_date, end_date=first.end_date)


def test_a_persons_language_is_one_of_the_offered_ones():
    user = factories.make_user()
    with pytest.raises(ValidationError):
        user_language_update(user=user, language="xx")
    user.refresh_from_db()
    assert user.language == "id"
    user_language_update(user=user, language="en")
    user.refresh_from_db()
    assert user.language == "en"
