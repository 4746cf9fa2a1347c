"""Settings for the test suite (pytest.ini names this module): bimtek's own settings, and what a test run changes.

`python manage.py`, `make run`, gunicorn and bench/ keep bimtek.settings.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from bimtek.settings import *  # noqa: F403

# The suite's own key; the secret-key check of bimtek.checks and bimtek.wsgi is for a real deployment.
SECRET_KEY = "tests-only-key-" + "x" * 40
SECRET_KEY_MISSING = False

# The test client and the browser tests' live server speak plain HTTP on this machine.
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = False

# Static files straight from the app folders (no collectstatic manifest). Uploads go where DJANGO_FILE_STORAGE
# says: the local disk (a folder per test, tests/conftest.py), or object storage in the several-machine run
# (.ci/several_machines.py: a prefix per test in the bucket).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# A cache per test process; with REDIS_URL (the several-machine run) the shared Redis, one database per pytest
# worker, since each test empties the cache (tests/conftest.py) and must not empty the other worker's.
if REDIS_URL:  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "KEY_PREFIX": "bimtek-tests",
                          "LOCATION": urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{1 + _worker}"))}}  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES = with_figures_cache(CACHES)  # noqa: F405

# E-mail tasks run at once in the suite, so a test reads mail.outbox right after the action; the retry tests
# (tests/bimtek/test_mail.py) switch to the database backend and a real worker.
TASKS = {**TASKS, "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # noqa: F405
BIMTEK_MAIL_TASK_BACKEND = "mail"
