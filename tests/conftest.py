import pytest
from django.db import connection

from tests.world import World


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Every test writes uploads to its own folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = None


@pytest.fixture
def world(db):
    return World()


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
