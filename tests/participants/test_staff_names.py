"""An organizer who adds an address learns nothing about its account; invitations are limited per person."""

import pytest
from django.core import mail
from django.urls import reverse

from participants.models import ProgramRole
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(client):
    organizer = factories.make_user(language="en")
    client.program = factories.make_program(organizer=organizer)
    client.force_login(organizer)
    return client


def add(client, email, name, role="mentor"):
    return client.post(reverse("staff_list", args=[client.program.pk]),
                       {"email": email, "full_name": name, "role": role}, follow=True)


def test_adding_an_existing_address_shows_only_what_the_organizer_typed(organizer_client):
    program = organizer_client.program
    other = factories.make_program()
    known = factories.make_staff(other, "mentor", user=factories.make_user(
        email="dosen@kampus.example", full_name="Prof. Dr. Nama Asli, M.T."))
    known.set_password("a-long-passphrase-2026")
    known.save()
    existing = add(organizer_client, "dosen@kampus.example", "Tebakan Satu").content.decode()
    new = add(organizer_client, "baru@kampus.example", "Tebakan Dua").content.decode()
    for page, typed in ((existing, "Tebakan Satu"), (new, "Tebakan Dua")):
        assert f"{typed} is now Mentor." in page
    assert "Nama Asli" not in existing
    team = factories.make_team(program)
    organizer_client.post(reverse("mentor_assign", args=[program.pk, team.pk]), {"mentor": known.pk},
                          follow=True)
    team_page = organizer_client.get(reverse("team_detail", args=[program.pk, team.pk])).content.decode()
    assert "Tebakan Satu" in team_page and "Tebakan Dua" in team_page and "Nama Asli" not in team_page
    session_form = organizer_client.get(reverse("session_create", args=[program.pk])).content.decode()
    assert "Tebakan Satu" in session_form and "Nama Asli" not in session_form
    # Every page that lists the program's mentors: the dashboard's filter, the review queue's mentors, the teams.
    for name, args in (("program_dashboard", [program.pk]), ("review_queue", [program.pk]),
                       ("team_list", [program.pk])):
        page = organizer_client.get(reverse(name, args=args)).content.decode()
        assert "Tebakan Satu" in page and "Nama Asli" not in page, name
    # The account keeps its own name; the other program still lists it so.
    known.refresh_from_db()
    assert known.full_name == "Prof. Dr. Nama Asli, M.T."
    assert ProgramRole.objects.get(program=program, user=known).full_name == "Tebakan Satu"


def test_a_person_gets_at_most_three_invitations_an_hour(organizer_client):
    program = organizer_client.program
    member = factories.make_participant(factories.make_team(program))
    other = factories.make_participant(factories.make_team(program))
    url = reverse("invitation_send", args=[program.pk, member.user.pk])
    for _ in range(3):
        organizer_client.post(url)
    response = organizer_client.post(url, follow=True)
    assert "Not sent" in response.content.decode() and "3 invitations in the last hour" in response.content.decode()
    organizer_client.post(reverse("invitation_send", args=[program.pk, other.user.pk]))
    assert [message.to for message in mail.outbox] == [[member.user.email]] * 3 + [[other.user.email]]
