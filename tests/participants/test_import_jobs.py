"""A long participant list is read and imported by a worker: the same preview and confirmation, the page shows
how far it is, and the import is still all or nothing."""

import datetime

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from bimtek.models import BackgroundJob
from participants import import_run
from participants.models import Participant, ParticipantImport
from tests import factories
from tests.factories import LIST_HEADER, list_row, upload, xlsx_bytes
from tests.workers import work_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Lists of more than 3 rows go to a worker (300 in production: the same code, fewer rows to write)."""
    monkeypatch.setattr(import_run, "IMPORT_IN_REQUEST_MAX", 3)


def post_list(client, content, name="daftar.xlsx", **fields):
    return client.post(reverse("participant_import", args=[client.program.pk]),
                       {"file": upload(content, name), **fields})


def test_a_long_list_is_read_by_a_worker_then_confirmed_by_one_with_the_same_preview_and_summary(
        organizer_client, small_limit, django_capture_on_commit_callbacks):
    program = organizer_client.program
    content = xlsx_bytes(["DAFTAR PESERTA"], LIST_HEADER, *[list_row(n) for n in range(1, 6)])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_list(organizer_client, content, send_invitations="on")
    item = ParticipantImport.objects.get()
    assert response.url == reverse("participant_import_detail", args=[program.pk, item.pk])
    assert item.status == ParticipantImport.Status.READING and item.file and item.job.owner == organizer_client.user
    page = organizer_client.get(response.url).content.decode()
    assert "Being read" in page and "data-reload-when-done" in page and "Import 5 rows" not in page

    work_off()
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.PREVIEWED and item.preview["counts"]["new"] == 5
    page = organizer_client.get(response.url).content.decode()
    assert "Preview of the import" in page and "Import 5 rows" in page and "data-refresh" not in page
    assert not Participant.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        asked = organizer_client.post(response.url)
    assert asked.url == response.url
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.IMPORTING
    assert item.job.kind == import_run.IMPORT_CONFIRM_JOB and not Participant.objects.exists()
    assert "Being imported" in organizer_client.get(response.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the invitations go once the import commits
        work_off()
    assert Participant.objects.filter(team__program=program).count() == 5
    page = organizer_client.get(response.url).content.decode()
    assert "Import done" in page and "Invitations to set a password were e-mailed to 5 new participants." in page
    assert len(mail.outbox) == 5
    # The job's page, under Downloads, leads back to the list: the work left no file to download.
    job_page = organizer_client.get(reverse("job_detail", args=[item.job_id])).content.decode()
    assert f'href="{response.url}"' in job_page and reverse("job_download", args=[item.job_id]) not in job_page


def test_a_short_list_is_still_read_and_imported_in_the_request(organizer_client, small_limit,
                                                                 django_capture_on_commit_callbacks):
    # Two rows and the header: within the limit of three.
    response = post_list(organizer_client, xlsx_bytes(LIST_HEADER, *[list_row(n) for n in range(1, 3)]))
    item = ParticipantImport.objects.get()
    assert item.status == ParticipantImport.Status.PREVIEWED and item.job is None
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(response.url)
    assert Participant.objects.filter(team__program=organizer_client.program).count() == 2
    assert not BackgroundJob.objects.exists()


def test_a_long_list_the_worker_cannot_read_says_why_and_keeps_no_file(organizer_client, small_limit,
                                                                       django_capture_on_commit_callbacks):
    content = "Siapa;Dari\n" + "Budi;Kota Bogor\n" * 6  # no name-and-e-mail header anywhere
    with django_capture_on_commit_callbacks(execute=True):
        response = post_list(organizer_client, content.encode(), name="daftar.csv")
    item = ParticipantImport.objects.get()
    stored = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        work_off()
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.DISCARDED and not item.file
    assert not item.file.storage.exists(stored)
    page = organizer_client.get(response.url).content.decode()
    assert "No header row was found." in page and "Upload a corrected list" in page
    assert item.job.status == BackgroundJob.Status.DONE  # the file was wrong, not the worker: not tried again


def confirm_by_a_worker(client, rows, capture):
    """A long list uploaded, read by the worker, and its confirmation asked for (not run yet)."""
    program = client.program
    with capture(execute=True):
        item = import_run.participant_import_upload(program=program, file=upload(xlsx_bytes(LIST_HEADER, *rows)),
                                                    uploaded_by=client.user)
    with capture(execute=True):
        work_off()
    with capture(execute=True):
        client.post(reverse("participant_import_detail", args=[program.pk, item.pk]))
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.IMPORTING
    return item


def test_a_worker_whose_database_fails_midway_writes_nobody_and_imports_all_when_confirmed_again(
        organizer_client, small_limit, monkeypatch, django_capture_on_commit_callbacks):
    program = organizer_client.program
    item = confirm_by_a_worker(organizer_client, [list_row(n) for n in range(1, 6)],
                               django_capture_on_commit_callbacks)
    users_before = type(organizer_client.user).objects.count()
    with monkeypatch.context() as broken:
        def lost_connection(*args, **kwargs):  # after the accounts were written in bulk
            raise DatabaseError("server closed the connection unexpectedly")

        broken.setattr(Participant.objects, "bulk_create", lost_connection)
        work_off()
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.PREVIEWED and item.file.storage.exists(item.file.name)
    assert not Participant.objects.filter(team__program=program).exists()
    assert type(organizer_client.user).objects.count() == users_before  # the accounts written first are gone
    url = reverse("participant_import_detail", args=[program.pk, item.pk])
    assert "Nothing was imported" in organizer_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url)
    work_off()
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.IMPORTED
    assert Participant.objects.filter(team__program=program).count() == 5


def test_a_confirmation_the_rows_no_longer_allow_goes_back_to_the_preview_saying_why(
        organizer_client, small_limit, django_capture_on_commit_callbacks):
    program = organizer_client.program
    rows = [list_row(n) for n in range(1, 5)] + [list_row(5, nip="198503122010011001")]
    item = confirm_by_a_worker(organizer_client, rows, django_capture_on_commit_callbacks)
    # Between the confirmation and the worker's turn, someone else gets that NIP in the program.
    factories.make_participant(factories.make_team(program), nip="198503122010011001")
    work_off()
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.PREVIEWED and item.preview["counts"]["error"] == 1
    assert Participant.objects.filter(team__program=program).count() == 1
    page = organizer_client.get(reverse("participant_import_detail", args=[program.pk, item.pk])).content.decode()
    assert "Nothing was imported: some rows have errors now." in page and "Import the 4 correct rows" in page


def test_a_list_whose_worker_gave_up_is_discarded_with_its_file_after_a_day(organizer_client, small_limit,
                                                                          django_capture_on_commit_callbacks):
    program = organizer_client.program
    item = import_run.participant_import_upload(
        program=program, file=upload(xlsx_bytes(LIST_HEADER, *[list_row(n) for n in range(1, 6)])),
        uploaded_by=organizer_client.user)
    stored = item.file.name
    ParticipantImport.objects.filter(pk=item.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert import_run.participant_imports_purge(program=program) == 0  # its worker may still come
    BackgroundJob.objects.filter(pk=item.job_id).update(status=BackgroundJob.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert import_run.participant_imports_purge(program=program) == 1
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.DISCARDED and not item.file
    assert not default_storage.exists(stored)
