import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY="k" * 20 + "production-secret-key-that-is-long-enough-50",
                    DJANGO_ALLOWED_HOSTS="bimtek.example.go.id", DJANGO_HTTPS="1",
                    DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_site_refuses_to_serve_without_a_secret_key(tmp_path):
    code = "import bimtek.wsgi"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_uploaded_files_have_no_public_url(client):
    response = client.get("/media-not-served/drafts/2026/11/anything")
    assert response.status_code == 404


def test_the_normal_settings_stay_strict_in_a_process_that_imported_pytest(tmp_path):
    """Only tests/settings.py (named by pytest.ini) relaxes HTTPS and the key check; importing pytest does not."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    code = "import pytest, bimtek.settings as s; print(s.HTTPS, s.SECRET_KEY_MISSING, s.SECURE_SSL_REDIRECT)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


def test_a_web_worker_keeps_its_database_connection_checked_before_reuse(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    code = ("import bimtek.settings as s; d = s.DATABASES['default']; "
            "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])")
    for environ, expected in (({}, ["60", "True"]), ({"DJANGO_CONN_MAX_AGE": "0"}, ["0", "True"])):
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                env={**clean, **environ, "DJANGO_SECRET_KEY": "k" * 50,
                                     "DATABASE_URL": "postgres://bimtek@127.0.0.1:5432/bimtek"})
        assert result.stdout.split() == expected, result.stderr
