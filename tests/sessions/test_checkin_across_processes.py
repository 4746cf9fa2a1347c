"""Several web processes (gunicorn workers, or machines sharing REDIS_URL): the wrong-code limit of self
check-in counts every attempt wherever it lands.

Another process (manage.py shell, its own interpreter and cache client) types wrong codes for a person
on the same PostgreSQL database and Redis; this process then sees that person's allowance spent.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from sessions import checkin, selectors, services
from sessions.models import Attendance
from tests import factories
from tests.bimtek.test_shared_cache import REDIS_URL, redis_reachable

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379")]

OTHER_PROCESS = """
import datetime
from django.contrib.auth import get_user_model
from sessions import services
from sessions.models import TrainingSession
session = TrainingSession.objects.get(pk={session})
person = get_user_model().objects.get(pk={person})
now = datetime.datetime.fromisoformat({now!r})
for _ in range({attempts}):
    try:
        services.attendance_check_in(session=session, person=person, code="000000", now=now)
    except services.CheckInRefused:
        pass
print("typed")
"""


def database_url():
    """The test database itself, so the other process sees the rows this test committed."""
    settings = connection.settings_dict
    return (f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
            f"{settings['NAME']}")


def wrong_codes_elsewhere(session, person, now, attempts, *, prefix, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BIMTEK_", "PYTEST", "DATABASE"))}
    env.update(DJANGO_SETTINGS_MODULE="bimtek.settings", DJANGO_DEBUG="1", BIMTEK_VAR_DIR=str(tmp_path),
               DATABASE_URL=database_url(), REDIS_URL=REDIS_URL, BIMTEK_CACHE_PREFIX=prefix)
    script = OTHER_PROCESS.format(session=session.pk, person=person.pk, now=now.isoformat(), attempts=attempts)
    other = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], env=env, capture_output=True,
                           text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert other.returncode == 0 and "typed" in other.stdout, other.stderr[-2000:]


def test_wrong_codes_typed_in_another_process_count_towards_the_limit_here(world, live_stage, english, settings,
                                                                          tmp_path):
    prefix = f"bimtek-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {**settings.CACHES, "default": {  # the figures stay in this process
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    clinic = factories.make_session(live_stage, starts_at=timezone.now().replace(microsecond=0),
                                    teams=[world.team_a], mentors=[world.users["mentor"]])
    person, now = world.participant.user, clinic.starts_at
    half = services.attendance.MAX_WRONG_CODES // 2
    try:
        for _ in range(half):  # half the allowance here
            with pytest.raises(services.CheckInRefused):
                services.attendance_check_in(session=clinic, person=person, code="000000", now=now)
        # The rest in the other process: neither process alone reached the limit.
        wrong_codes_elsewhere(clinic, person, now, services.attendance.MAX_WRONG_CODES - half, prefix=prefix,
                              tmp_path=tmp_path)

        right = checkin.current_code(clinic, selectors.attendance_policy(clinic.stage.program), now)
        with pytest.raises(services.CheckInRefused) as refusal:
            services.attendance_check_in(session=clinic, person=person, code=right, now=now)
        assert refusal.value.code != "wrong_code"  # refused for the spent allowance, not for the code
        assert not Attendance.objects.filter(session=clinic, person=person).exists()
        assert "Too many wrong codes" in refusal.value.messages[0]
        # A teammate on the same session is not affected.
        teammate = factories.make_participant(world.team_a).user
        assert services.attendance_check_in(session=clinic, person=teammate, code=right, now=now).status == "hadir"
    finally:
        cache.clear()
