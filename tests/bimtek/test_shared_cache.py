"""Several web machines share one cache (REDIS_URL): a rate limit counts requests wherever they land.

Another process stands for another web machine: it spends a person's failed-login
allowance through allauth, exactly as a failed login does; this process then
refuses that person's next login, even with the right password.
"""
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


OTHER_MACHINE = """
from django.test import RequestFactory
from allauth.account.adapter import get_adapter
request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.7", HTTP_HOST="127.0.0.1")
for _ in range(5):
    get_adapter(request).pre_authenticate(request, email={email!r}, password="wrong")
print("spent")
"""


@pytest.mark.skipif(not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
def test_failed_logins_on_another_machine_count_here(client, settings, tmp_path):
    prefix = f"bimtek-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {**settings.CACHES, "default": {  # the figures stay in this process
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    user = factories.make_user(password="kata-sandi-yang-benar-2026")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BIMTEK_", "PYTEST"))}
    env.update(DJANGO_SETTINGS_MODULE="bimtek.settings", DJANGO_DEBUG="1", BIMTEK_VAR_DIR=str(tmp_path),
               REDIS_URL=REDIS_URL, BIMTEK_CACHE_PREFIX=prefix)
    try:
        other = subprocess.run([sys.executable, "manage.py", "shell", "-c", OTHER_MACHINE.format(email=user.email)],
                               env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
                               timeout=120)
        assert other.returncode == 0 and "spent" in other.stdout, other.stderr[-2000:]

        # The same site address on both machines (allauth keys the limit by site and address).
        response = client.post(reverse("account_login"),
                               {"login": user.email, "password": "kata-sandi-yang-benar-2026"}, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200  # the form again, not the redirect of a login
        assert "_auth_user_id" not in client.session
    finally:
        cache.clear()
