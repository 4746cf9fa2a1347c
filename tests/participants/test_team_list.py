"""The teams list: a page of 50 at a time, searchable by region or province, the same work in a larger program."""

import pytest
from django.urls import reverse

from participants.models import ProgramRole
from tests import factories
from tests.page_work import WIDE_LARGE, WIDE_SMALL, assert_bounded, getter, two_sizes

pytestmark = pytest.mark.django_db


def test_the_teams_list_pages_fifty_teams_at_a_time(organizer_client):
    client, program = organizer_client, organizer_client.program
    for index in range(52):
        factories.make_team(program, region=factories.make_region(name=f"Daerah {index:03d}", province="Banten"))
    url = reverse("team_list", args=[program.pk])
    first = client.get(url).content.decode()
    assert "Daerah 000" in first and "Daerah 049" in first and "Daerah 050" not in first
    assert "52 teams" in first and "Page 1 of 2" in first and "page=2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Daerah 050" in second and "Daerah 051" in second and "Daerah 000" not in second
    assert "Daerah 000" in client.get(url, {"page": "x"}).content.decode()


def test_the_teams_list_searches_by_region_or_province(organizer_client):
    client, program = organizer_client, organizer_client.program
    factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur", province="Kalimantan Tengah"))
    factories.make_team(program, region=factories.make_region(name="Jayapura", province="Papua"))
    url = reverse("team_list", args=[program.pk])
    by_region = client.get(url, {"q": "waringin"}).content.decode()
    assert "Kotawaringin Timur" in by_region and "Jayapura" not in by_region and "1 team" in by_region
    by_province = client.get(url, {"q": "papua"}).content.decode()
    assert "Jayapura" in by_province and "Kotawaringin" not in by_province
    assert "No team matches the search." in client.get(url, {"q": "Atlantis"}).content.decode()


def test_the_teams_list_does_the_same_work_in_a_larger_program(monkeypatch):
    def teams_page(program):
        organizer = ProgramRole.objects.filter(program=program, role="organizer").select_related("user").first().user
        return getter(organizer, reverse("team_list", args=[program.pk]))

    small, large = two_sizes(teams_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)
