"""Background jobs: asked for in a request, made by a real worker, fetched by the one who asked."""
import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from bimtek.jobs import JobOutput, job_kind, job_prune, job_run, job_start
from bimtek.models import BackgroundJob
from tests.factories import make_user
from tests.workers import work_off

pytestmark = pytest.mark.django_db

CALLS = {"flaky": 0}


@job_kind("test_list", attempts=2)
def make_list(*, job, progress):
    rows = job.params["rows"]
    for number in range(1, rows + 1):
        progress(number, rows)
    return JobOutput(file_name="daftar.txt", content_type="text/plain",
                     content=(f"{n}\n".encode() for n in range(1, rows + 1)))


@job_kind("test_broken", attempts=3)
def make_nothing(*, job, progress):
    CALLS["flaky"] += 1
    raise RuntimeError("the mail server is down")


def ask(kind, owner, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        return job_start(kind=kind, owner=owner, title="Daftar uji", params=params)


def test_the_worker_makes_the_file_and_only_its_owner_gets_it(client, django_capture_on_commit_callbacks):
    owner, other = make_user(), make_user()
    job = ask("test_list", owner, django_capture_on_commit_callbacks, rows=3)
    assert job.status == BackgroundJob.Status.QUEUED

    client.force_login(owner)
    waiting = client.get(reverse("job_detail", args=[job.pk]))
    assert waiting.status_code == 200 and b'data-refresh="3"' in waiting.content

    work_off()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (BackgroundJob.Status.DONE, 3, 3, 1)
    page = client.get(reverse("job_detail", args=[job.pk]))
    assert b'data-refresh' not in page.content
    assert reverse("job_download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"1\n2\n3\n"
    assert "daftar.txt" in download["Content-Disposition"]

    client.force_login(other)
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    assert job.title.encode() not in client.get(reverse("job_list")).content


def test_a_failing_job_is_tried_again_then_says_it_failed(client, settings, django_capture_on_commit_callbacks):
    settings.BIMTEK_JOB_RETRY_SECONDS = 0
    CALLS["flaky"] = 0
    owner = make_user()
    job = ask("test_broken", owner, django_capture_on_commit_callbacks)
    for _ in range(3):
        work_off()
    job.refresh_from_db()
    assert CALLS["flaky"] == 3
    assert job.status == BackgroundJob.Status.FAILED and job.attempts == 3
    client.force_login(owner)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert job.error in page and str(job.pk)[:8] in page
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404


def test_a_job_run_twice_keeps_one_file(django_capture_on_commit_callbacks):
    job = ask("test_list", make_user(), django_capture_on_commit_callbacks, rows=2)
    work_off()
    job.refresh_from_db()
    first = job.file.name
    # A second delivery of the same task (a worker that died after finishing, say) changes nothing.
    job_run.call(str(job.pk))
    job.refresh_from_db()
    assert job.file.name == first and job.attempts == 1


def test_old_jobs_and_their_files_are_pruned(django_capture_on_commit_callbacks):
    job = ask("test_list", make_user(), django_capture_on_commit_callbacks, rows=1)
    work_off()
    job.refresh_from_db()
    storage, name = job.file.storage, job.file.name
    assert job_prune(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert job_prune(now=timezone.now() + datetime.timedelta(days=30)) == 1
    assert not BackgroundJob.objects.filter(pk=job.pk).exists() and not storage.exists(name)


def test_a_file_left_by_a_worker_killed_before_saving_its_job_is_swept_after_a_grace_period(
        django_capture_on_commit_callbacks):
    kept = ask("test_list", make_user(), django_capture_on_commit_callbacks, rows=1)
    work_off()
    kept.refresh_from_db()
    # Another worker stored its file, then was killed before the job's row named it.
    lost = ask("test_list", make_user(), django_capture_on_commit_callbacks, rows=1)
    lost.file.save("daftar.txt", ContentFile(b"1\n"), save=False)
    storage, orphan = lost.file.storage, lost.file.name
    assert job_prune() == 0 and storage.exists(orphan)  # it may be a file being attached right now
    assert job_prune(now=timezone.now() + datetime.timedelta(days=2)) == 1
    assert not storage.exists(orphan) and storage.exists(kept.file.name)
    kept.refresh_from_db()
    assert kept.file.read() == b"1\n"


def test_every_page_leads_to_the_downloads_where_prepared_files_wait(client):
    """The job page says the file waits under Downloads: every logged-in page links there."""
    client.force_login(make_user())
    page = client.get(reverse("preferences")).content.decode()
    assert f'href="{reverse("job_list")}"' in page
