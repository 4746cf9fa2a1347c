"""A person's address is set by organizers and identifies them; nobody collects a role by claiming one."""

import importlib

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from participants.import_run import participants_import_rows
from participants.models import Participant, ProgramRole
from tests import factories
from tests.participants.test_import_run import person, sheet_of

pytestmark = pytest.mark.django_db
User = get_user_model()
VICTIM = "kepala.dinas@ministry.example"


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def test_nobody_adds_or_changes_their_own_address(client):
    program = factories.make_program()
    squatter = english(factories.make_participant(factories.make_team(program)).user)
    owner = factories.make_user(email="owner@kotim.go.id")
    login = squatter.email
    client.force_login(squatter)
    page = client.get(reverse("account_email")).content.decode()
    assert login in page and "ask your organizer" in page
    for address in (VICTIM, owner.email):  # someone not yet in bimtek; another account's address
        for action in ("action_add", "action_primary", "action_send", "action_remove"):
            response = client.post(reverse("account_email"), {"email": address, action: ""})
            assert response.status_code == 405, (address, action)
    squatter.refresh_from_db()
    assert squatter.email == login
    assert not EmailAddress.objects.filter(email__in=[VICTIM, owner.email], user=squatter).exists()
    assert mail.outbox == []  # the owner gets no mail written by someone else


def test_claiming_an_address_first_no_longer_collects_the_role_given_to_it(client):
    program = factories.make_program()
    organizer = english(factories.make_staff(program, "organizer"))
    squatter = factories.make_participant(factories.make_team(program)).user
    client.force_login(squatter)
    client.post(reverse("account_email"), {"email": VICTIM, "action_add": ""})
    client.post(reverse("account_email"), {"email": VICTIM, "action_primary": ""})
    client.force_login(organizer)
    response = client.post(reverse("staff_list", args=[program.pk]), {
        "email": VICTIM, "full_name": "Ir. Kepala Dinas", "role": "organizer", "send_invitation": "on"})
    assert response.status_code == 302
    assert not ProgramRole.objects.filter(user=squatter, role="organizer").exists()
    newcomer = User.objects.get(email=VICTIM)
    assert newcomer != squatter and ProgramRole.objects.filter(user=newcomer, role="organizer").exists()
    assert [message.to for message in mail.outbox] == [[VICTIM]]  # the real person is invited


def squat(user, address):
    """What /accounts/email/ let anyone do before: an unconfirmed address made their login."""
    EmailAddress.objects.filter(user=user).update(primary=False)
    EmailAddress.objects.create(user=user, email=address, verified=False, primary=True)
    user.email = address
    user.save(update_fields=["email"])


def test_an_unconfirmed_login_identifies_nobody_in_any_way_of_adding_people(client):
    program = factories.make_program()
    team = factories.make_team(program)
    organizer = english(factories.make_staff(program, "organizer"))
    squatter = factories.make_participant(factories.make_team(factories.make_program())).user
    squat(squatter, VICTIM)
    client.force_login(organizer)
    staff = client.post(reverse("staff_list", args=[program.pk]), {
        "email": VICTIM, "full_name": "Ir. Kepala Dinas", "role": "organizer"})
    member = client.post(reverse("participant_create", args=[program.pk, team.pk]), {
        "email": VICTIM, "full_name": "Ir. Kepala Dinas", "team_role": "member"})
    for response in (staff, member):
        assert response.status_code == 200, response
        assert "never confirmed it, so it identifies nobody here" in response.content.decode()
    with translation.override("en"):
        outcome = participants_import_rows(program=program, sheet=sheet_of(person(1, email=VICTIM)), dry_run=False)
    assert not outcome.ok
    assert "never confirmed it" in str(outcome.rows[0]["errors"])
    assert not ProgramRole.objects.filter(program=program, user=squatter).exists()
    assert not Participant.objects.filter(team__program=program, user=squatter).exists()
    # Once the back office confirms the address of the right account, it finds that account.
    EmailAddress.objects.filter(user=squatter, email=VICTIM).update(verified=True)
    client.post(reverse("staff_list", args=[program.pk]), {"email": VICTIM, "full_name": "X", "role": "evaluator"})
    assert ProgramRole.objects.filter(program=program, user=squatter, role="evaluator").exists()


def test_accounts_made_by_organizers_imports_and_the_back_office_have_a_confirmed_address(client):
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    client.force_login(organizer)
    client.post(reverse("staff_list", args=[program.pk]), {"email": "Mentor@Kampus.example", "full_name": "Dr. A",
                                                           "role": "mentor"})
    participants_import_rows(program=program, sheet=sheet_of(person(1)), dry_run=False)
    admin = factories.make_user(is_staff=True, is_superuser=True)
    factories.log_in_to_back_office(client, admin)
    client.post(reverse("admin:bimtek_user_add"), {"email": "tamu@kementerian.example", "full_name": "Tamu",
                                                   "password1": "x-Long-passphrase-77", "password2":
                                                   "x-Long-passphrase-77", "usable_password": "true"})
    for address in ("mentor@kampus.example", "peserta1@kotim.go.id", "tamu@kementerian.example"):
        assert EmailAddress.objects.filter(email=address, verified=True, primary=True,
                                           user__email=address).exists(), address


def test_the_upgrade_confirms_the_addresses_people_were_given_but_not_the_ones_they_took():
    migration = importlib.import_module("bimtek.migrations.0003_confirm_organizer_set_addresses")
    invited = factories.make_user(email="diundang@kotim.go.id")
    squatter = factories.make_user(email="peserta@kotim.go.id")
    EmailAddress.objects.all().delete()  # as before this change: no confirmed address on record
    EmailAddress.objects.create(user=invited, email=invited.email, verified=False, primary=True)  # an invitation
    EmailAddress.objects.create(user=squatter, email=squatter.email, verified=False, primary=False)
    squat(squatter, VICTIM)
    EmailAddress.objects.create(user=squatter, email="lain@x.example", verified=False, primary=False)
    migration.confirm(apps, None)
    assert EmailAddress.objects.filter(user=invited, email=invited.email, verified=True, primary=True).exists()
    assert not EmailAddress.objects.filter(user=squatter, verified=True).exists()
    assert list(EmailAddress.objects.filter(user=squatter).values_list("email", flat=True)) == [VICTIM]


def test_a_confirmation_link_sent_before_makes_no_address_anyones_confirmed_login(client):
    squatter = factories.make_user(email="peserta@kotim.go.id")
    claim = EmailAddress.objects.create(user=squatter, email=VICTIM, verified=False, primary=False)
    key = EmailConfirmationHMAC(claim).key
    client.post(reverse("account_confirm_email", args=[key]))  # the owner, tricked into clicking
    claim.refresh_from_db()
    squatter.refresh_from_db()
    assert not claim.verified and squatter.email == "peserta@kotim.go.id"


def test_a_participant_who_took_an_address_is_not_found_by_it_in_their_own_program_either():
    program = factories.make_program()
    squatter = factories.make_participant(factories.make_team(program), full_name="Peserta Biasa")
    squat(squatter.user, VICTIM)
    with translation.override("en"):
        outcome = participants_import_rows(program=program, dry_run=False, sheet=sheet_of(
            person(1, email=VICTIM, full_name="Ir. Kepala Dinas")))
    assert not outcome.ok and "never confirmed it" in str(outcome.rows[0]["errors"])
    squatter.refresh_from_db()
    assert squatter.full_name == "Peserta Biasa"
