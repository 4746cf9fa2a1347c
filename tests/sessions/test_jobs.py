"""A large session's Daftar Hadir is made by a worker; a small one stays in the request."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bimtek.models import BackgroundJob
from sessions import jobs
from tests import factories
from tests.workers import prepared

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_world")]


def test_a_large_sessions_sheet_is_prepared_by_a_worker(client, world, stages, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1], title="Pleno Besar", teams=[world.team_a])
    factories.mark(session, world.participant, "hadir")
    client.force_login(world.users["organizer"])
    url = reverse("attendance_sheet", args=[world.program.pk, session.pk])
    detail = reverse("session_detail", args=[world.program.pk, session.pk])
    assert f'href="{url}?variant=blank"' in client.get(detail).content.decode()  # small: a plain link

    monkeypatch.setattr(jobs, "SHEET_IN_REQUEST_MAX", 0)
    page = client.get(detail).content.decode()
    assert f'action="{url}?variant=blank"' in page and f'href="{url}?variant=blank"' not in page
    assert client.get(url + "?variant=blank")["Location"] == detail  # no PDF made in the request

    response = prepared(client, django_capture_on_commit_callbacks, url, {"variant": "recap"})
    assert response["Content-Type"] == "application/pdf" and 'filename="rekap-kehadiran-pleno-besar' in \
        response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.body)).pages[0].extract_text()
    assert "REKAPITULASI KEHADIRAN" in text and world.participant.full_name in text
    job = BackgroundJob.objects.get(pk=response.job_id)
    assert (job.owner, job.program, job.done, job.total) == (world.users["organizer"], world.program, 2, 2)


def test_a_participant_cannot_start_the_sheet_job(client, world, stages):
    session = factories.make_session(stages[1], teams=[world.team_a])
    client.force_login(world.participant.user)
    response = client.post(reverse("attendance_sheet", args=[world.program.pk, session.pk]))
    assert response.status_code == 404 and not BackgroundJob.objects.exists()
