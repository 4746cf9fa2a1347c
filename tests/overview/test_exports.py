"""The exports page and the submission status matrix workbook."""

import datetime
import io

import openpyxl
import pytest
import rules
from django.urls import reverse
from django.utils import timezone

from bimtek.overview.exports import WIB
from materials.models import Assignment
from participants.services import staff_add
from tests import factories
from tests.workers import prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_with_work():
    program = factories.make_program(start=timezone.localdate() - datetime.timedelta(days=40))
    organizer = factories.make_staff(program, "organizer")
    bali = factories.make_team(program, region=factories.make_region(name="Badung", province="Bali"))
    jabar = factories.make_team(program, region=factories.make_region(name="Bekasi", kind="kota"))
    for team in (bali, jabar):
        factories.make_participant(team)
    factories.make_mentor(program, bali, user=factories.make_user(full_name="Dr. Dina Ayu Lestari"))
    first = factories.make_assignment(program, title="Analisis SWOT", created_by=organizer)
    factories.make_assignment(program, stage=program.stages.get(ordinal=2), title="Rencana Aksi",
                              created_by=organizer, due_in=datetime.timedelta(days=-2))
    factories.make_version(first, bali)
    factories.make_version(first, bali)
    return program, organizer, bali, jabar


def test_the_submission_matrix_has_a_row_per_team_and_status_and_versions_per_assignment(
        client, program_with_work, django_capture_on_commit_callbacks):
    program, organizer, bali, _jabar = program_with_work
    client.force_login(organizer)
    response = prepared(client, django_capture_on_commit_callbacks,
                        reverse("submission_matrix_export", args=[program.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="status-tugas-')
    book = openpyxl.load_workbook(io.BytesIO(response.body))
    rows = [[cell.value for cell in row] for row in book["Status Tugas"].iter_rows()]
    assert rows[0] == ["No", "Kabupaten/Kota", "Provinsi", "Narasumber", "Kehadiran (%)", "Tahap I", "Tahap II",
                       "Tahap III", "Tahap IV", "I.1 Status", "I.1 Versi", "II.1 Status", "II.1 Versi",
                       "Tugas terlambat"]
    assert rows[1][:4] == [1, "Kabupaten Badung", "Bali", "Dr. Dina Ayu Lestari"]
    assert rows[1][9:] == ["Dikirim", 2, "Belum dikirim (terlambat)", 0, 1]
    legend = [[cell.value for cell in row] for row in book["Daftar Tugas"].iter_rows()]
    assert legend[0] == ["Kode", "Tahap", "Judul", "Dimensi", "Tenggat (WIB)"]
    assert legend[1][:3] == ["I.1", "Tahap I", "Analisis SWOT"]
    due = book["Daftar Tugas"]["E2"]
    swot = Assignment.objects.get(title="Analisis SWOT")
    local_due = timezone.localtime(swot.due_at, WIB).replace(tzinfo=None, second=0, microsecond=0)
    assert due.is_date and due.value == local_due
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"


def test_the_submission_matrix_names_mentors_as_the_program_lists_them(client, program_with_work,
                                                                      django_capture_on_commit_callbacks):
    program, organizer, bali, _jabar = program_with_work
    mentor = bali.mentors.get()
    staff_add(program=program, email=mentor.email, full_name="Ir. Dina A. L., M.T.", role="mentor")
    client.force_login(organizer)
    book = openpyxl.load_workbook(io.BytesIO(prepared(client, django_capture_on_commit_callbacks, reverse(
        "submission_matrix_export", args=[program.pk])).body))
    assert book["Status Tugas"]["D2"].value == "Ir. Dina A. L., M.T."  # not the account's "Dr. Dina Ayu Lestari"


def test_a_cell_starting_with_an_equals_sign_is_written_as_text(client, program_with_work,
                                                                 django_capture_on_commit_callbacks):
    program, organizer, _bali, jabar = program_with_work
    factories.make_mentor(program, jabar, user=factories.make_user(full_name="=HYPERLINK(\"http://x\")"))
    factories.make_assignment(program, title="@SUM(1+1)", created_by=organizer)
    client.force_login(organizer)
    book = openpyxl.load_workbook(io.BytesIO(prepared(client, django_capture_on_commit_callbacks,
                                                      reverse("submission_matrix_export", args=[program.pk])).body))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    values = [cell.value for cell in cells]
    assert "=HYPERLINK(\"http://x\")" in values and "@SUM(1+1)" in values  # as written, no quote added
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    assert len(risky) == 2 and all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_the_exports_page_links_what_each_reader_may_download(client, program_with_work):
    program, organizer, _bali, _jabar = program_with_work
    client.force_login(organizer)
    page = client.get(reverse("program_exports", args=[program.pk])).content.decode()
    for name in ("participant_export", "attendance_recap_export", "submission_matrix_export",
                 "certificate_register_export"):
        assert f'action="{reverse(name, args=[program.pk])}"' in page
    evaluator = factories.make_staff(program, "evaluator")
    client.force_login(evaluator)
    page = client.get(reverse("program_exports", args=[program.pk])).content.decode()
    assert f'action="{reverse("submission_matrix_export", args=[program.pk])}"' in page
    assert f'action="{reverse("attendance_recap_export", args=[program.pk])}"' in page
    # Phone numbers and NIPs stay with the organizers.
    assert reverse("participant_export", args=[program.pk]) not in page


def test_the_exports_page_links_the_audit_trail_for_whom_its_rule_allows(client, program_with_work, replace_perm):
    program, organizer, _bali, _jabar = program_with_work
    audit = reverse("audit_trail", args=[program.pk])
    client.force_login(organizer)
    assert audit in client.get(reverse("program_exports", args=[program.pk])).content.decode()
    client.force_login(factories.make_staff(program, "evaluator"))
    assert audit not in client.get(reverse("program_exports", args=[program.pk])).content.decode()
    replace_perm("bimtek.view_audit_trail", rules.always_true)
    assert audit in client.get(reverse("program_exports", args=[program.pk])).content.decode()

