import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(client):
    user = factories.make_user(language="en")
    client.force_login(user)
    return user


def test_an_organizer_adds_a_fifth_stage(client, organizer):
    program = factories.make_program(organizer=organizer)
    last = program.stages.last()
    response = client.post(reverse("stage_create", args=[program.pk]), {
        "title": "Evaluasi", "start_date": last.end_date.isoformat(), "end_date": last.end_date.isoformat(),
        "mode": "online"})
    assert response.status_code == 302
    assert [s.roman for s in program.stages.all()] == ["I", "II", "III", "IV", "V"]


def test_a_stage_outside_the_program_is_refused_with_the_programs_dates(client, organizer):
    program = factories.make_program(organizer=organizer)
    response = client.post(reverse("stage_update", args=[program.pk, 1]), {
        "title": "Tahap I", "start_date": "1999-01-01", "end_date": "1999-01-02", "mode": "onsite"})
    assert response.status_code == 200
    assert "within its program" in response.content.decode()
    assert program.stages.get(ordinal=1).start_date >= program.start_date


def test_an_organizer_renames_a_dimension_and_adds_one(client, organizer):
    program = factories.make_program(organizer=organizer)
    first = program.dimensions.first()
    client.post(reverse("dimension_update", args=[program.pk, first.pk]), {"name": "Smart Branding", "order": 1})
    client.post(reverse("dimension_list", args=[program.pk]), {"name": "Smart Society", "order": 7})
    names = list(program.dimensions.values_list("name", flat=True))
    assert names[0] == "Smart Branding" and names[-1] == "Smart Society" and len(names) == 7


def test_a_duplicate_dimension_name_is_refused(client, organizer):
    program = factories.make_program(organizer=organizer)
    response = client.post(reverse("dimension_list", args=[program.pk]), {"name": "Smart Economy", "order": 9})
    assert response.status_code == 200
    assert program.dimensions.filter(name="Smart Economy").count() == 1


@pytest.mark.parametrize("url_name", ["assignment_create", "material_create", "attendance_recap"])
@pytest.mark.parametrize("stage", ["abc", "2026-13-45", "99999999999999999999", "-1", "٢"])
def test_a_malformed_stage_in_the_address_is_ignored(client, organizer, url_name, stage):
    program = factories.make_program(organizer=organizer)
    response = client.get(reverse(url_name, args=[program.pk]), {"stage": stage})
    assert response.status_code == 200


def test_the_stage_in_the_address_is_chosen_in_the_form(client, organizer):
    program = factories.make_program(organizer=organizer)
    response = client.get(reverse("assignment_create", args=[program.pk]), {"stage": "2"})
    assert response.context["form"].initial["stage"] == program.stages.get(ordinal=2)
