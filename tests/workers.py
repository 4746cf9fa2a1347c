"""Run the background worker inside a test, and fetch a document the way a user does: ask, wait, download."""

import io
from unittest import mock
from urllib.parse import urlencode

from django.core.management import call_command
from django.urls import resolve, reverse


def work_off():
    """What `manage.py db_worker` does in production: take every waiting task and run it.

    The worker's housekeeping closes a connection that is inside a transaction (as the test's is); Django's
    test client keeps its own request housekeeping off the test's connection the same way.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO(),
                     stderr=io.StringIO())


def prepared(client, capture, url, query=None):
    """POST the page's "Prepare" button (``query`` as its address's filters), run the worker, return the file.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``: the job is handed over on commit.
    The response has ``.body`` (the file's bytes) and ``.job_id``.
    """
    with capture(execute=True):
        asked = client.post(url + ("?" + urlencode(query) if query else ""))
    assert asked.status_code == 302, asked.status_code
    job_id = resolve(asked["Location"]).kwargs["job"]
    assert asked["Location"] == reverse("job_detail", args=[job_id])
    work_off()
    response = client.get(reverse("job_download", args=[job_id]))
    assert response.status_code == 200, client.get(asked["Location"]).content.decode()[-2000:]
    response.body = b"".join(response.streaming_content) if response.streaming else response.content
    response.job_id = job_id
    return response
