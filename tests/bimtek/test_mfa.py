"""Two-factor login: set up, log in with a real TOTP code or a recovery code, and who must use it when."""

import base64
import datetime
import re
import time
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse
from django.utils import timezone

from participants.mfa import AUTHENTICATION_RECORDS_KEY, MFAAdapter
from participants.models import ProgramRole
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-2026"


def totp_code(secret, periods_ahead=0):
    """The code an authenticator app shows now (or ``periods_ahead`` periods of 30 s later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_ahead))


def stored_secret(user):
    return decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def organizer_since(days_ago, *, grace_days=14):
    organizer = factories.make_user(password=PASSWORD)
    program = factories.make_program(organizer=organizer)
    program.mfa_grace_days = grace_days
    program.save(update_fields=["mfa_grace_days"])
    ProgramRole.objects.filter(user=organizer).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return organizer, program


def open_set_up_page(client):
    """allauth asks for the password again before a second factor is added."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def activate(client, user):
    """Log in with the password and turn on TOTP from the Settings page's link; returns the recovery codes."""
    assert log_in(client, user).status_code == 302
    settings_page = client.get(reverse("preferences")).content.decode()
    assert reverse("mfa_activate_totp") in settings_page
    open_set_up_page(client)
    page = client.get(reverse("mfa_activate_totp")).content.decode()  # each showing draws a new secret
    secret = client.session[SECRET_SESSION_KEY]
    qr_svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)).decode()
    url = f"otpauth://totp/{quote(user.email)}?secret={secret}&issuer=bimtek"
    assert qr_svg == MFAAdapter().build_totp_svg(url)  # the app scans the secret, issued by bimtek
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert stored_secret(user) == secret
    return RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
                         ).get_unused_codes()


def test_a_person_turns_it_on_and_then_logs_in_with_a_real_code(client):
    user = factories.make_user(password=PASSWORD)
    recovery_codes = activate(client, user)
    assert len(recovery_codes) == 10
    client.post(reverse("account_logout"))

    response = log_in(client, user)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # the password alone does not log in

    refused = client.post(reverse("mfa_authenticate"), {"code": "000000" if totp_code(stored_secret(user)) != "000000"
                                                        else "111111"})
    assert refused.status_code == 200
    assert "Incorrect code" in refused.content.decode() or "Kode salah" in refused.content.decode()
    assert client.get(reverse("home")).status_code == 302

    # The next period's code: the one typed at activation may not be replayed.
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(stored_secret(user), periods_ahead=1)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert any(record["method"] == "mfa" for record in client.session[AUTHENTICATION_RECORDS_KEY])


def test_a_recovery_code_logs_in_once(client):
    user = factories.make_user(password=PASSWORD)
    code = activate(client, user)[0]
    for attempt in ("first", "second"):
        client.post(reverse("account_logout"))
        assert log_in(client, user).url == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        if attempt == "first":
            assert response.status_code == 302
            assert client.get(reverse("home")).status_code == 200
        else:
            assert response.status_code == 200
            assert client.get(reverse("home")).status_code == 302


def test_the_settings_page_tells_an_organizer_from_when_it_is_required(client):
    organizer, _program = organizer_since(4, grace_days=14)
    client.force_login(organizer)
    page = client.get(reverse("preferences")).content.decode()
    deadline = timezone.localtime(timezone.now() + datetime.timedelta(days=10))
    assert deadline.strftime("%Y") in page and str(deadline.day) in page
    assert reverse("mfa_activate_totp") in page


def test_an_organizer_within_the_grace_period_still_works_without_it(client):
    organizer, program = organizer_since(13, grace_days=14)
    client.force_login(organizer)
    assert client.get(reverse("program_detail", args=[program.pk])).status_code == 200


def test_after_the_grace_period_an_organizer_is_sent_to_set_it_up_but_can_set_it_up_and_log_out(client):
    organizer, program = organizer_since(15, grace_days=14)
    assert log_in(client, organizer).status_code == 302
    for name, args in (("program_detail", [program.pk]), ("home", []), ("program_dashboard", [program.pk])):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response.url == reverse("mfa_activate_totp"), name
    open_set_up_page(client)
    secret = client.session[SECRET_SESSION_KEY]
    assert client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}).status_code == 302

    # Set up, but this session has not used it yet: one code, then the page.
    url = reverse("program_detail", args=[program.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_reauthenticate"))
    response = client.post(response.url, {"code": totp_code(secret, periods_ahead=1)})
    assert response.status_code == 302 and response.url == url
    assert client.get(url).status_code == 200

    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(url).status_code == 302 and "/accounts/login/" in client.get(url).url


def test_a_program_can_require_it_at_once(client):
    organizer, program = organizer_since(0, grace_days=0)
    client.force_login(organizer)
    assert client.get(reverse("program_detail", args=[program.pk])).url == reverse("mfa_activate_totp")


def test_people_who_organize_nothing_are_never_forced(client):
    program = factories.make_program()
    participant = factories.make_participant(factories.make_team(program))
    ProgramRole.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    client.force_login(participant.user)
    assert client.get(reverse("program_detail", args=[program.pk])).status_code == 200


def test_the_back_office_requires_it_of_staff_even_after_its_own_login_form(client):
    staff = factories.make_user(password=PASSWORD, is_staff=True, is_superuser=True)
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD,
                                                    "next": reverse("admin:index")})
    assert response.status_code == 302  # the back office's login sends people to the one login (bimtek.admin)
    log_in(client, staff)
    assert client.get(reverse("admin:index")).url == reverse("mfa_activate_totp")

    client.post(reverse("account_logout"))
    activate(client, staff)
    client.post(reverse("account_logout"))
    client.force_login(staff)  # a session logged in without the second factor
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_reauthenticate"))
    client.post(response.url, {"code": totp_code(stored_secret(staff), periods_ahead=1)})
    assert client.get(reverse("admin:index")).status_code == 200



def test_who_must_use_it_cannot_turn_it_off_but_others_can(client):
    organizer, _program = organizer_since(15, grace_days=14)
    activate(client, organizer)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200  # the form again, with allauth's refusal
    assert Authenticator.objects.filter(user=organizer, type=Authenticator.Type.TOTP).exists()

    client.post(reverse("account_logout"))
    person = factories.make_user(password=PASSWORD)
    activate(client, person)
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
