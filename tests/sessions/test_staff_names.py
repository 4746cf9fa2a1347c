"""A session's pages and documents name its mentors as the program lists them, never by their account's name."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from participants.services import staff_add
from sessions.services import signed_sheet_add
from tests import factories
from tests.workers import prepared

pytestmark = pytest.mark.django_db


def test_a_sessions_mentor_is_named_as_the_program_lists_them(client, django_capture_on_commit_callbacks):
    organizer = factories.make_user(language="en")
    program = factories.make_program(organizer=organizer)
    known = factories.make_user(email="dosen@kampus.example", full_name="Prof. Dr. Nama Asli, M.T.")
    factories.make_staff(factories.make_program(), "mentor", user=known)
    staff_add(program=program, email="dosen@kampus.example", full_name="Tebakan Satu", role="mentor")
    team = factories.make_team(program)
    member = factories.make_participant(team, full_name="Peserta Satu")
    stage = program.stages.get(ordinal=1)
    session = factories.make_session(stage, title="Klinik Nama", mentors=[known])
    # The mentor marked a participant and uploaded the signed sheet: the pages name them as the program lists them.
    factories.mark(session, member, "hadir", by=known)
    signed_sheet_add(session=session, file=SimpleUploadedFile("ttd.pdf", factories.pdf_bytes("ttd")),
                     uploaded_by=known)
    client.force_login(organizer)

    args = [program.pk, session.pk]
    for name, url in (("session_detail", reverse("session_detail", args=args)),
                      ("attendance_mark", reverse("attendance_mark", args=args)),
                      ("attendance_mark mentors", reverse("attendance_mark", args=args) + "?team=mentors"),
                      ("attendance_recap", reverse("attendance_recap", args=[program.pk])),
                      ("session_list", reverse("session_list", args=[program.pk]) + "?stage=1")):
        for _twice in range(2):  # the page as read, then as kept in the cache
            page = client.get(url).content.decode()
            assert "Tebakan Satu" in page and "Nama Asli" not in page, name
    def people(search):  # the session page's list of everyone expected, searched
        page = client.get(reverse("session_detail", args=args) + f"?q={search}").content.decode()
        return page.split('id="people"')[1].split("</table>")[0]
    assert "Nobody matches the search." in people("Nama") and "Tebakan Satu" in people("Tebakan")
    assert "Nama Asli" not in client.get(reverse("attendance_recap", args=[program.pk]) + "?q=Nama").content.decode()
    assert "Tebakan Satu" in client.get(reverse("attendance_recap", args=[program.pk]) + "?q=Tebakan").content.decode()

    sheet = client.get(reverse("attendance_sheet", args=args) + "?variant=blank")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.getvalue())).pages)
    assert "Tebakan Satu" in text and "Nama Asli" not in text

    export = prepared(client, django_capture_on_commit_callbacks,
                      reverse("attendance_recap_export", args=[program.pk]), {"stage": 1})
    book = openpyxl.load_workbook(io.BytesIO(export.body))
    names = [row[1] for row in book["Rekap Peserta"].iter_rows(min_row=2, values_only=True)]
    assert "Tebakan Satu" in names and not any("Nama Asli" in str(name) for name in names)

    # The calendar feed of a participant (ical folds long lines: read it unfolded).
    feed = client.get(reverse("calendar_feed", args=[member.user.calendar_token])).content.decode()
    feed = feed.replace("\r\n ", "")
    assert "Tebakan Satu" in feed and "Nama Asli" not in feed
