import datetime
import uuid

import pytest
import rules
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone, translation

from tests import factories
from tests.world import World

S3_STORAGE = "storages.backends.s3.S3Storage"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Every test writes uploads to its own folder, never to var/; on object storage (the several-machine run),
    under its own prefix in the bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = None
    if settings.STORAGES["default"]["BACKEND"] != S3_STORAGE:
        yield
        return
    # The same storage object with another prefix: a new one per test would build a new S3 client each time.
    default_storage.location = f"tests/{uuid.uuid4().hex}"
    yield
    default_storage.location = ""


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache, which outlives a test (and ids are reused between tests); so do the
    program figures."""
    cache.clear()
    caches["figures"].clear()
    yield
    cache.clear()
    caches["figures"].clear()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def english():
    """Messages in English, the source language (Indonesian is the default), so assertions on wording
    do not depend on the catalogue."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_world(world, english):
    """Everyone in the world reads English too, so assertions on wording survive the Indonesian catalogue."""
    get_user_model().objects.update(language="en")
    for user in world.users.values():
        if user is not None:
            user.language = "en"
    return world


@pytest.fixture
def organizer_client(client, db):
    """A client logged in as an English-reading organizer of a program that began 40 days ago;
    ``client.user`` and ``client.program`` name them."""
    organizer = factories.make_user(language="en")
    client.program = factories.make_program(start=timezone.localdate() - datetime.timedelta(days=40),
                                            organizer=organizer)
    client.force_login(organizer)
    client.user = organizer
    return client


def _replacing(rule_set):
    saved = {}

    def replace(name, predicate):
        saved.setdefault(name, rule_set[name])
        rule_set.set_rule(name, predicate)

    yield replace
    for name, predicate in saved.items():
        rule_set.set_rule(name, predicate)


@pytest.fixture
def replace_perm():
    """``replace_perm(name, predicate)`` changes one permission's rule for the test; it is put back afterwards."""
    yield from _replacing(rules.permissions.permissions)


@pytest.fixture
def replace_rule():
    """``replace_rule(name, predicate)`` changes one rule (not a permission) for the test, as replace_perm."""
    yield from _replacing(rules.rulesets.default_rules)


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
