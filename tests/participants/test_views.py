import pytest
from django.core import mail
from django.urls import reverse

from participants.models import Participant, ProgramRole, Team
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_organizer_adds_a_team_for_a_new_region(organizer_client):
    program = organizer_client.program
    response = organizer_client.post(reverse("team_create", args=[program.pk]), {
        "new_region_kind": "kabupaten", "new_region_name": "Kotawaringin Timur",
        "new_region_province": "Kalimantan Tengah", "new_region_time_zone": "Asia/Jakarta"})
    team = Team.objects.get(program=program)
    assert response.url == reverse("team_detail", args=[program.pk, team.pk])
    assert str(team) == "Kabupaten Kotawaringin Timur"


def test_a_team_form_without_a_region_explains_what_is_missing(organizer_client):
    program = organizer_client.program
    response = organizer_client.post(reverse("team_create", args=[program.pk]), {})
    assert response.status_code == 200
    assert "Choose a region" in response.content.decode()
    assert not Team.objects.exists()


def test_an_organizer_adds_a_member_who_gets_an_invitation(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    response = organizer_client.post(reverse("participant_create", args=[program.pk, team.pk]), {
        "email": "ahmad@example.org", "full_name": "Dr. Ir. H. Ahmad Fauzi, M.Si.", "nip": "198503122010011001",
        "position": "Kepala Dinas", "agency": "Diskominfo", "phone": "0812-3456-7890", "team_role": "leader",
        "group": "opd", "send_invitation": "on"})
    assert response.status_code == 302
    participant = Participant.objects.get(team=team)
    assert participant.phone == "+6281234567890"
    assert [m.to for m in mail.outbox] == [["ahmad@example.org"]]


def test_a_bad_nip_is_explained_next_to_the_field_and_nothing_is_saved(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    response = organizer_client.post(reverse("participant_create", args=[program.pk, team.pk]), {
        "email": "ahmad@example.org", "full_name": "Ahmad", "nip": "1.98503E+17", "team_role": "member"})
    assert response.status_code == 200
    assert "This NIP lost its last digits because a spreadsheet stored it as a number." in response.content.decode()
    assert not Participant.objects.exists()


@pytest.mark.parametrize("url_name", ["participant_create", "staff_list"])
def test_an_email_address_longer_than_an_account_holds_is_refused_next_to_the_field(organizer_client, url_name):
    program = organizer_client.program
    team = factories.make_team(program)
    args = [program.pk, team.pk] if url_name == "participant_create" else [program.pk]
    email = "a" * 64 + "@" + ".".join(["b" * 61, "b" * 61, "b" * 60]) + ".go.id"  # 255 characters, valid by the RFC
    response = organizer_client.post(reverse(url_name, args=args), {
        "email": email, "full_name": "Ahmad", "team_role": "member", "role": "mentor"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Participant.objects.exists() and not ProgramRole.objects.filter(role="mentor").exists()


def test_an_organizer_adds_a_mentor_and_assigns_a_team(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    organizer_client.post(reverse("staff_list", args=[program.pk]), {
        "email": "mentor@example.org", "full_name": "Prof. Dr. Suhono", "role": "mentor"})
    mentor = ProgramRole.objects.get(program=program, role="mentor").user
    organizer_client.post(reverse("mentor_assign", args=[program.pk, team.pk]), {"mentor": mentor.pk})
    assert list(team.mentors.all()) == [mentor]
    page = organizer_client.get(reverse("team_detail", args=[program.pk, team.pk])).content.decode()
    assert "Prof. Dr. Suhono" in page


def test_a_foreign_program_object_is_not_found_and_nothing_changes(organizer_client):
    foreign = factories.make_program()
    team = factories.make_team(foreign)
    response = organizer_client.post(reverse("participant_create", args=[foreign.pk, team.pk]), {
        "email": "x@example.org", "full_name": "X", "team_role": "member"})
    assert response.status_code == 404
    # The program in the URL is the organizer's own, the team is not: still not found.
    response = organizer_client.post(reverse("participant_create", args=[organizer_client.program.pk, team.pk]), {
        "email": "x@example.org", "full_name": "X", "team_role": "member"})
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_an_organizer_creates_a_program_with_its_stages(organizer_client):
    response = organizer_client.post(reverse("program_create"), {
        "name": "Gerakan Menuju Smart City 2027", "year": 2027, "institution": "Kementerian",
        "start_date": "2027-03-01", "end_date": "2027-07-31", "stage_count": 4})
    assert response.status_code == 302
    page = organizer_client.get(response.url).content.decode()
    assert page.count("Edit stage") == 4


def test_an_organizer_corrects_a_members_name(organizer_client):
    program = organizer_client.program
    participant = factories.make_participant(factories.make_team(program), full_name="Ahmad Fauzy")
    url = reverse("participant_update", args=[program.pk, participant.team.pk, participant.pk])
    assert "Ahmad Fauzy" in organizer_client.get(url).content.decode()
    response = organizer_client.post(url, {"full_name": "Dr. Ir. H. Ahmad Fauzi, M.Si.", "team_role": "member"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Dr. Ir. H. Ahmad Fauzi, M.Si."


def test_a_team_puts_one_dimension_first(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    economy = program.dimensions.get(name="Smart Economy")
    organizer_client.post(reverse("team_update", args=[program.pk, team.pk]), {"focus_dimension": economy.pk})
    page = organizer_client.get(reverse("team_detail", args=[program.pk, team.pk])).content.decode()
    assert "puts Smart Economy first" in page


def test_a_dimension_of_another_program_cannot_be_put_first(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    foreign = factories.make_program().dimensions.first()
    response = organizer_client.post(reverse("team_update", args=[program.pk, team.pk]),
                                     {"focus_dimension": foreign.pk})
    assert response.status_code == 200
    team.refresh_from_db()
    assert team.focus_dimension is None


def test_a_certificate_holder_cannot_be_removed_and_the_organizer_is_told_why(organizer_client):
    program = organizer_client.program
    participant = factories.make_participant(factories.make_team(program))
    factories.issue_certificate(participant=participant)
    url = reverse("participant_remove", args=[program.pk, participant.team.pk, participant.pk])
    response = organizer_client.post(url, follow=True)
    assert response.status_code == 200
    assert "revoke the certificate first" in response.content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_a_member_without_certificate_is_removed(organizer_client):
    program = organizer_client.program
    participant = factories.make_participant(factories.make_team(program))
    organizer_client.post(reverse("participant_remove", args=[program.pk, participant.team.pk, participant.pk]))
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_an_invitation_goes_to_a_person_of_the_program_and_returns_only_to_a_safe_page(organizer_client):
    program = organizer_client.program
    member = factories.make_participant(factories.make_team(program))
    url = reverse("invitation_send", args=[program.pk, member.user.pk])
    team_page = reverse("team_detail", args=[program.pk, member.team.pk])
    staff_page = reverse("staff_list", args=[program.pk])
    assert organizer_client.post(url, {"next": team_page}).url == team_page
    assert [message.to for message in mail.outbox] == [[member.user.email]]
    assert organizer_client.post(url, {"next": "https://evil.example/"}).url == staff_page
    # Over HTTPS, a plain-http address on the same host is not followed either.
    response = organizer_client.post(url, {"next": f"http://testserver{team_page}"}, secure=True)
    assert response.url == staff_page

    stranger = factories.make_participant(factories.make_team(factories.make_program()))
    mail.outbox.clear()
    assert organizer_client.post(reverse("invitation_send", args=[program.pk, stranger.user.pk])).status_code == 404
    assert mail.outbox == []


def test_a_nip_typed_in_its_groups_is_accepted_and_shown_grouped(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    response = organizer_client.post(reverse("participant_create", args=[program.pk, team.pk]), {
        "email": "ahmad@example.org", "full_name": "Ahmad", "nip": "19750312 200003 1 001", "team_role": "member"})
    assert response.status_code == 302
    assert Participant.objects.get(team=team).nip == "197503122000031001"
    page = organizer_client.get(reverse("team_detail", args=[program.pk, team.pk])).content.decode()
    assert "NIP 19750312 200003 1 001" in page
