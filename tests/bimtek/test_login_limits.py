"""Failed logins are limited per client, on every login form, also behind the documented proxy set-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from participants.mfa import AUTHENTICATION_RECORDS_KEY
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-2026"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # dozens of logins per test


def logged_in(client):
    return client.get(reverse("home")).status_code == 200


def test_the_back_office_login_goes_through_the_accounts_login_and_its_limits(client):
    staff = factories.make_user(email="admin@kementerian.example", password=PASSWORD, is_staff=True,
                                is_superuser=True)
    login = reverse("admin:login")
    for _ in range(30):
        client.post(login, {"username": staff.email, "password": "wrong"})
    response = client.post(login, {"username": staff.email, "password": PASSWORD})
    assert not logged_in(client)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    # The form it sends people to refuses the right password after the failures of the last minutes.
    for _ in range(5):
        client.post(reverse("account_login"), {"login": staff.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert not logged_in(client)

    cache.clear()
    response = client.get(reverse("admin:index"))
    response = client.get(response.url)
    assert response.url == reverse("account_login") + "?next=%2Fback-office%2F"
    response = client.post(response.url, {"login": staff.email, "password": PASSWORD})
    assert response.url == "/back-office/"
    # Staff then need their second factor there (participants.mfa); once given, the back office opens.
    assert client.get("/back-office/").url == reverse("mfa_activate_totp")
    session = client.session
    session[AUTHENTICATION_RECORDS_KEY] = [{"method": "mfa", "type": "totp", "at": timezone.now().timestamp()}]
    session.save()
    assert client.get("/back-office/").status_code == 200


def test_a_logged_in_person_without_back_office_access_is_told_so(client):
    client.force_login(factories.make_user(email="peserta@daerah.example", language="en"))
    response = client.get(reverse("admin:login") + "?next=/back-office/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your account has no access to the back office." in response.content.decode()


def fail_logins(client, count, **headers):
    for number in range(count):
        client.post(reverse("account_login"), {"login": f"nobody{number}@x.example", "password": "x"}, **headers)


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = factories.make_user(email="mentor@kampus.example", password=PASSWORD)
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    fail_logins(client, 12, **attacker)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, **attacker)
    assert not logged_in(client)
    # What a visitor writes into X-Forwarded-For comes before the proxy's entry, and is not believed.
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD},
                REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.66")
    assert not logged_in(client)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD},
                REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert logged_in(client)


def settings_value(name, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    code = f"import bimtek.settings as s; print(repr(s.{name}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**clean, **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_documented_proxy_setting_trusts_one_proxy_and_the_count_is_configurable():
    assert settings_value("ALLAUTH_TRUSTED_PROXY_COUNT") == "0"
    assert settings_value("ALLAUTH_TRUSTED_PROXY_COUNT", DJANGO_BEHIND_PROXY="1") == "1"
    assert settings_value("ALLAUTH_TRUSTED_PROXY_COUNT", DJANGO_BEHIND_PROXY="1", DJANGO_TRUSTED_PROXY_COUNT="2") == "2"
    assert settings_value("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", DJANGO_CLIENT_IP_HEADER="X-Real-IP") == "'X-Real-IP'"
