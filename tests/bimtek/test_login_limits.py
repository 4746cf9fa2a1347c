"""Failed logins are limited per client, on every login form, also behind the documented proxy set-up."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-2026"


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # dozens of logins per test
    cache.clear()  # the limits are counted in the cache, which outlives one test
    yield
    cache.clear()


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
    assert client.get("/back-office/").status_code == 200


def test_a_logged_in_person_without_back_office_access_is_told_so(client):
    client.force_login(factories.make_user(email="peserta@daerah.example", language="en"))
    response = client.get(reverse("admin:login") + "?next=/back-office/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your account has no access to the back office." in response.content.decode()
