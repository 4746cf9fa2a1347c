import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Every test writes uploads to its own folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = None


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache, which outlives a test (and ids are reused between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    from tests.world import World

    return World()


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
