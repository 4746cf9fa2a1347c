"""Marking a long roster team by team: each team's list saves on its own and never touches another's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import Attendance
from sessions.views.attendance import TEAM_BY_TEAM
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def plenary(world, live_stage):
    """A session for every team that started just now, with a mentor; team A has a second member."""
    world.second = factories.make_participant(world.team_a)
    return factories.make_session(live_stage, title="Pleno", starts_at=timezone.now().replace(microsecond=0),
                                  mentors=[world.users["mentor"]])


def marks():
    return {a.person_id: (a.status, a.note) for a in Attendance.objects.all()}


def test_saving_team_b_keeps_what_was_saved_for_team_a(client, world, plenary):
    url = reverse("attendance_mark", args=[world.program.pk, plenary.pk])
    a1, a2, b1 = world.participant.user.pk, world.second.user.pk, world.other_participant.user.pk
    client.force_login(world.users["organizer"])
    client.post(f"{url}?team={world.team_a.pk}", {f"status-{a1}": "izin", f"note-{a1}": "Dinas luar",
                                                   f"status-{a2}": "", f"note-{a2}": ""})
    saved_for_a = marks()
    assert saved_for_a == {a1: ("izin", "Dinas luar")}

    # Team B's form, with A's people smuggled in and "mark everyone without a status absent".
    response = client.post(f"{url}?team={world.team_b.pk}", {
        f"status-{b1}": "hadir", f"note-{b1}": "", f"status-{a1}": "tidak_hadir", f"note-{a1}": "",
        "fill": "tidak_hadir"})
    assert response.status_code == 302 and response.url == f"{url}?team={world.team_b.pk}"
    assert marks() == {**saved_for_a, b1: ("hadir", "")}


def test_save_then_next_team_goes_on_to_the_next_list(client, world, plenary):
    url = reverse("attendance_mark", args=[world.program.pk, plenary.pk])
    b1 = world.other_participant.user.pk
    world.users["organizer"].language = "en"  # the page is in the person's language
    world.users["organizer"].save(update_fields=["language"])
    client.force_login(world.users["organizer"])
    teams = sorted([world.team_a, world.team_b], key=lambda team: str(team.region).casefold())
    page = client.get(f"{url}?team={teams[0].pk}").content.decode()
    assert "List 1 of 3" in page and f'name="then" value="{teams[1].pk}"' in page
    response = client.post(f"{url}?team={world.team_b.pk}", {f"status-{b1}": "hadir", "then": "mentors"})
    assert response.url == f"{url}?team=mentors"
    assert marks() == {b1: ("hadir", "")}


def test_a_long_roster_opens_on_its_first_team_and_a_short_one_whole(client, world, plenary,
                                                                     django_capture_on_commit_callbacks):
    url = reverse("attendance_mark", args=[world.program.pk, plenary.pk])
    world.users["organizer"].language = "en"  # the page is in the person's language
    world.users["organizer"].save(update_fields=["language"])
    client.force_login(world.users["organizer"])
    page = client.get(url).content.decode()
    assert world.participant.full_name in page and world.other_participant.full_name in page
    with django_capture_on_commit_callbacks(execute=True):  # the roster's size is counted afresh once committed
        for _ in range(TEAM_BY_TEAM):
            factories.make_participant(world.team_b)
    page = client.get(url).content.decode()
    first, second = sorted([world.team_a, world.team_b], key=lambda team: str(team.region).casefold())
    shown = world.participant if first == world.team_a else world.other_participant
    hidden = world.other_participant if first == world.team_a else world.participant
    assert shown.full_name in page and hidden.full_name not in page
    assert "mark them team by team" in page and "List 1 of 3" in page


def test_a_refused_list_stays_on_screen_instead_of_moving_on(client, world, live_stage):
    soon = factories.make_session(live_stage, title="Pleno Besok", mentors=[world.users["mentor"]],
                                  starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(hours=20))
    url = reverse("attendance_mark", args=[world.program.pk, soon.pk])
    b1 = world.other_participant.user.pk
    client.force_login(world.users["organizer"])
    response = client.post(f"{url}?team={world.team_b.pk}", {f"status-{b1}": "hadir", "then": "mentors"})
    assert response.url == f"{url}?team={world.team_b.pk}"
    assert marks() == {}
