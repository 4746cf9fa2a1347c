import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from participants import services
from participants.models import Participant, Team
from tests import factories

pytestmark = pytest.mark.django_db


def test_adding_a_participant_creates_an_account_without_a_usable_password():
    team = factories.make_team(factories.make_program())
    participant = services.participant_add(team=team, email="Budi.Santoso@Example.ORG ",
                                           full_name="Dr. Ir. H. Budi Santoso, M.Si.", nip="198503122010011001")
    assert participant.user.email == "budi.santoso@example.org"
    assert participant.full_name == "Dr. Ir. H. Budi Santoso, M.Si."
    assert not participant.user.has_usable_password()


def test_a_person_is_on_one_team_per_program_only():
    program = factories.make_program()
    first, second = factories.make_team(program), factories.make_team(program)
    services.participant_add(team=first, email="siti@example.org", full_name="Siti")
    with pytest.raises(ValidationError):
        services.participant_add(team=second, email="siti@example.org", full_name="Siti")
    assert Participant.objects.filter(user__email="siti@example.org").count() == 1


def test_the_same_person_may_join_next_years_program():
    region = factories.make_region()
    this_year = factories.make_team(factories.make_program(), region=region)
    next_year = factories.make_team(factories.make_program(), region=region)
    services.participant_add(team=this_year, email="agus@example.org", full_name="Agus")
    services.participant_add(team=next_year, email="agus@example.org", full_name="Agus")
    assert Participant.objects.filter(user__email="agus@example.org").count() == 2


def test_a_nip_must_have_eighteen_digits():
    team = factories.make_team(factories.make_program())
    with pytest.raises(ValidationError):
        services.participant_add(team=team, email="x@example.org", full_name="X", nip="1985031220100110")
    assert not Participant.objects.exists()


def test_one_team_per_region_and_program():
    program = factories.make_program()
    region = factories.make_region()
    services.team_create(program=program, region=region)
    with pytest.raises(ValidationError):
        services.team_create(program=program, region=region)
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(program=program, region=region)


def test_only_a_mentor_of_the_program_can_be_assigned_to_a_team():
    program = factories.make_program()
    team = factories.make_team(program)
    stranger = factories.make_user()
    with pytest.raises(ValidationError):
        services.mentor_assign(team=team, mentor=stranger)
    mentor = factories.make_staff(program, "mentor")
    services.mentor_assign(team=team, mentor=mentor)
    assert list(team.mentors.all()) == [mentor]


def test_the_last_organizer_cannot_be_removed():
    organizer = factories.make_user()
    program = factories.make_program(organizer=organizer)
    grant = program.roles.get(user=organizer)
    with pytest.raises(ValidationError):
        services.program_role_revoke(grant=grant)
    second = factories.make_staff(program, "organizer")
    services.program_role_revoke(grant=grant)
    assert list(program.roles.values_list("user", flat=True)) == [second.pk]


def test_removing_a_mentor_role_ends_their_team_assignments():
    program = factories.make_program()
    team = factories.make_team(program)
    mentor = factories.make_mentor(program, team)
    services.program_role_revoke(grant=program.roles.get(user=mentor, role="mentor"))
    assert team.mentors.count() == 0


def test_adding_an_existing_person_to_another_program_keeps_their_name():
    mentor = factories.make_user(full_name="Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc.")
    services.staff_add(program=factories.make_program(), email=mentor.email, full_name="Suhono", role="mentor")
    mentor.refresh_from_db()
    assert mentor.full_name == "Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc."


def test_a_new_staff_member_gets_the_name_given():
    grant = services.staff_add(program=factories.make_program(), email="evaluator@example.org",
                               full_name="Drs. Hendrik Tuanakotta, M.Si.", role="evaluator")
    assert grant.user.full_name == "Drs. Hendrik Tuanakotta, M.Si."
