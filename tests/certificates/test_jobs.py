"""Issuing to a large program is a worker's job, in committed batches; a failing batch leaves nothing half-done."""
import io

import openpyxl
import pytest
from django.db import DatabaseError
from django.urls import resolve, reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bimtek.jobs import job_run
from bimtek.models import BackgroundJob
from certificates import jobs
from certificates.models import Certificate, CertificateSettings
from tests import factories
from tests.certificates.helpers import attend, past_sessions
from tests.workers import work_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_program(client, monkeypatch):
    """Four eligible participants, which counts as large once the request's limit is 1; batches of 2."""
    monkeypatch.setattr(jobs, "ISSUE_IN_REQUEST_MAX", 1)
    monkeypatch.setattr(jobs, "ISSUE_BATCH", 2)
    program = factories.make_program()
    organizer = factories.in_english(factories.make_staff(program, "organizer"))
    team = factories.make_team(program)
    people = [factories.make_participant(team, full_name=f"Peserta {n}") for n in range(4)]
    sessions = past_sessions(program, 2)
    for person in people:
        attend(sessions, person, 2, by=organizer)
    client.force_login(organizer)
    return program, factories.make_certificate_template(program)


def ask_to_issue(client, program, template, capture):
    with capture(execute=True):
        # The program is still running: issuing now needs a reason (certificates.services).
        response = client.post(reverse("certificate_bulk_issue", args=[program.pk, "participant"]),
                               {"template": template.pk, "early_reason": "Uji: terbit di tengah program"})
    assert resolve(response["Location"]).url_name == "job_detail"
    return BackgroundJob.objects.get(pk=resolve(response["Location"]).kwargs["job"])


def test_a_large_bulk_issue_runs_in_batches_on_a_worker_and_lists_what_it_issued(
        client, big_program, django_capture_on_commit_callbacks):
    program, template = big_program
    job = ask_to_issue(client, program, template, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()  # nothing issued in the request
    work_off()
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE and (job.done, job.total) == (4, 4)
    numbers = list(Certificate.objects.order_by("sequence").values_list("number", flat=True))
    assert len(numbers) == 4 and CertificateSettings.objects.get(program=program).last_sequence == 4
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(reverse("job_download", args=[job.pk]))
                                                       .streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == numbers
    job_run.call(str(job.pk))  # delivered twice: nothing more is issued
    assert Certificate.objects.count() == 4


def test_a_database_error_in_the_second_batch_keeps_the_first_and_the_retry_finishes_without_doubles(
        client, big_program, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.BIMTEK_JOB_RETRY_SECONDS = 3600
    program, template = big_program
    real_bulk_create, calls = Certificate.objects.bulk_create, []

    def failing_second_batch(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise DatabaseError("connection lost")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Certificate.objects, "bulk_create", failing_second_batch)
    job = ask_to_issue(client, program, template, django_capture_on_commit_callbacks)
    work_off()
    job.refresh_from_db()
    # The first batch was committed whole; the failed one left no row and did not move the numbering.
    assert job.status == BackgroundJob.Status.QUEUED and job.attempts == 1
    assert Certificate.objects.count() == 2
    assert CertificateSettings.objects.get(program=program).last_sequence == 2
    # An hour later: the retry is due.
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    work_off()
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE and job.attempts == 2
    sequences = list(Certificate.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == [1, 2, 3, 4]
    assert Certificate.objects.values("participant").distinct().count() == 4
