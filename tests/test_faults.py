"""A database error in the middle of the work leaves no partial rows and no orphaned files.

The error is injected by making a model's save raise on its Nth call (our own code path; the database is real).
A certificate batch is covered in tests/certificates/test_jobs.py, a killed worker in tests/bimtek/test_periodic.py.
"""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from bimtek.jobs import JobOutput, job_kind, job_start
from bimtek.models import BackgroundJob
from materials.models import DraftVersion, Submission
from participants.import_run import participant_import_confirm
from participants.models import Participant, ParticipantImport
from tests import factories
from tests.factories import list_row
from tests.stored import stored_files
from tests.workers import work_off

pytestmark = pytest.mark.django_db


def fail_on_call(monkeypatch, model, number, *, when=lambda kwargs: True):
    """Make ``model.save`` raise a DatabaseError on its ``number``-th call (counting the calls ``when`` accepts)."""
    real_save, calls = model.save, []

    def save(self, *args, **kwargs):
        if when(kwargs):
            calls.append(1)
            if len(calls) == number:
                raise DatabaseError("server closed the connection unexpectedly")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(model, "save", save)
    return calls


def test_an_import_whose_participants_cannot_be_written_imports_nobody_and_keeps_its_list(monkeypatch):
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    upload = factories.make_participant_import(program, uploaded_by=organizer,
                                               rows=[list_row(n) for n in range(1, 6)])
    users_before = type(organizer).objects.count()

    def lost_connection(*args, **kwargs):  # after the accounts were written in bulk
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Participant.objects, "bulk_create", lost_connection)
    try:
        outcome = participant_import_confirm(upload=upload, confirmed_by=organizer)
    except DatabaseError:
        outcome = None
    assert outcome is None or not outcome.ok
    assert Participant.objects.filter(team__program=program).count() == 0
    assert type(organizer).objects.count() == users_before  # the accounts written first are gone too
    upload.refresh_from_db()
    assert upload.status == ParticipantImport.Status.PREVIEWED and upload.file.storage.exists(upload.file.name)
    monkeypatch.undo()
    assert participant_import_confirm(upload=upload, confirmed_by=organizer).ok  # tried again: all five
    assert Participant.objects.filter(team__program=program).count() == 5


def test_an_upload_whose_status_cannot_be_saved_leaves_no_version_and_no_file(monkeypatch):
    program = factories.make_program()
    team = factories.make_team(program)
    factories.make_participant(team)
    assignment = factories.make_assignment(program)
    fail_on_call(monkeypatch, Submission, 1, when=lambda kwargs: "status" in (kwargs.get("update_fields") or ()))
    with pytest.raises(DatabaseError):
        factories.make_version(assignment, team)
    assert not DraftVersion.objects.exists()
    assert not Submission.objects.exclude(status=Submission.Status.NOT_SUBMITTED).exists()
    assert stored_files("drafts") == []


@job_kind("test_fault_list")
def make_fault_list(*, job, progress):
    return JobOutput(file_name="daftar.txt", content_type="text/plain", content=b"1\n2\n")


def test_a_job_whose_finish_cannot_be_saved_keeps_no_file_and_is_made_again(
        monkeypatch, settings, django_capture_on_commit_callbacks, client):
    settings.BIMTEK_JOB_RETRY_SECONDS = 0
    owner = factories.make_user()
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test_fault_list", owner=owner, title="Daftar")
    fail_on_call(monkeypatch, BackgroundJob, 1, when=lambda kwargs: "file" in (kwargs.get("update_fields") or ()))
    work_off()  # the first attempt fails on its last save; the retry (due at once) succeeds
    job.refresh_from_db()
    assert (job.status, job.attempts) == (BackgroundJob.Status.DONE, 2)
    assert stored_files("jobs") == [job.file.name]  # the first attempt's file was removed
    client.force_login(owner)
    assert b"".join(client.get(reverse("job_download", args=[job.pk])).streaming_content) == b"1\n2\n"
