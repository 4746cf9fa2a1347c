import time

import pytest
from django.contrib import admin
from django.urls import reverse

from participants.mfa import AUTHENTICATION_RECORDS_KEY
from tests.factories import make_user
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_back_office_lets_in_staff_only_and_lists_every_model(client):
    world = World()
    changelists = [reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
                   for m in admin.site._registry]
    for role, user in world.users.items():
        client.logout()
        if user:
            client.force_login(user)
        for url in [reverse("admin:index"), *changelists]:
            response = client.get(url)
            assert response.status_code == 302 and "/back-office/login/" in response.url, (role, url)

    log_in_to_back_office(client)
    for url in changelists:
        assert client.get(url + "?q=a").status_code == 200, url


def log_in_to_back_office(client):
    """A superuser's session that used a second factor, which the back office requires."""
    client.force_login(make_user(is_staff=True, is_superuser=True))
    session = client.session
    session[AUTHENTICATION_RECORDS_KEY] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session.save()
