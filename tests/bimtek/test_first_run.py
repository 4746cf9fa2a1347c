"""`make run` on a fresh clone: the default settings make every folder they need.

A new user has no var/ folder and sets no environment variable; `make run` migrates
and loads the demo with the default settings. These run the same commands in a
subprocess, as `make run` does, with the data folders pointed somewhere that does
not exist yet.
"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]



def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )


def default_environment(**overrides):
    """The environment of a new user: none of the deployment variables, as `make run` sets them."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "BIMTEK_", "DATABASE_URL", "REDIS_URL", "PYTEST"))}
    env.update(DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="bimtek.settings", **overrides)
    return env


def test_migrate_and_the_demo_work_in_folders_that_do_not_exist_yet(tmp_path):
    var = tmp_path / "fresh" / "var"
    media = tmp_path / "elsewhere" / "uploads"
    # A memory cache, so that nothing but the settings themselves can make var/.
    env = default_environment(BIMTEK_VAR_DIR=str(var), DJANGO_MEDIA_ROOT=str(media),
                              DJANGO_CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache")
    assert not var.exists() and not media.exists()

    migrated = manage("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    demo = manage("seed_demo", env=env)
    assert demo.returncode == 0, demo.stderr[-2000:]

    assert "password" in demo.stdout
    with sqlite3.connect(var / "bimtek.sqlite3") as db:
        (programs,) = db.execute("SELECT COUNT(*) FROM bimtek_program").fetchone()
    assert programs >= 1
    # The demo's drafts are uploads: they land in the media folder that did not exist.
    assert any(path.is_file() for path in media.rglob("*"))


def test_the_default_file_cache_and_upload_folder_are_made_too(tmp_path):
    var = tmp_path / "new"
    upload_tmp = tmp_path / "spool" / "incoming"
    env = default_environment(BIMTEK_VAR_DIR=str(var), DJANGO_FILE_UPLOAD_TEMP_DIR=str(upload_tmp))
    checked = manage("check", env=env)
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert (var / "cache").is_dir() and (var / "media").is_dir() and upload_tmp.is_dir()
