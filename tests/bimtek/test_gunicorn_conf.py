"""gunicorn.conf.py, which `gunicorn bimtek.wsgi` reads from the project's folder, as gunicorn reads it."""

import multiprocessing
from pathlib import Path

from gunicorn.config import Config

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def loaded(monkeypatch, **environ):
    for name in ("WEB_CONCURRENCY",):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    namespace = {"__file__": str(CONF)}
    exec(compile(CONF.read_text(), str(CONF), "exec"), namespace)  # noqa: S102 - as gunicorn loads it
    config = Config()
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_two_workers_per_core_and_one_more_and_pages_cut_off_after_30_seconds(monkeypatch):
    config = loaded(monkeypatch)
    assert config.workers == 2 * multiprocessing.cpu_count() + 1
    assert config.timeout == 30
    assert config.max_requests > 0


def test_web_concurrency_sets_the_workers(monkeypatch):
    assert loaded(monkeypatch, WEB_CONCURRENCY="7").workers == 7
