"""The organizer's import screens (upload, preview, confirm, summary), the template and the export, through HTTP."""

import io

import openpyxl
import pytest
from django.urls import reverse

from participants.import_run import participant_import_upload
from participants.models import Participant, ParticipantImport
from tests import factories
from tests.factories import LIST_HEADER, list_row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def post_list(client, content, name="daftar.xlsx", **fields):
    return client.post(reverse("participant_import", args=[client.program.pk]),
                       {"file": upload(content, name), **fields})


def test_upload_preview_confirm_and_summary(organizer_client, django_capture_on_commit_callbacks):
    program = organizer_client.program
    content = xlsx_bytes(["DAFTAR PESERTA"], [], LIST_HEADER, list_row(1, name="Dr. Ahmad Fauzi, M.Si."),
                         list_row(2, name="Siti Rahayu"), merged=["A1:I1"])
    response = post_list(organizer_client, content, send_invitations="on")
    item = ParticipantImport.objects.get()
    assert response.url == reverse("participant_import_detail", args=[program.pk, item.pk])
    page = organizer_client.get(response.url).content.decode()
    assert "Preview of the import" in page and "Dr. Ahmad Fauzi, M.Si." in page and "Import 2 rows" in page
    assert not Participant.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(response.url)
    assert Participant.objects.filter(team__program=program).count() == 2
    page = organizer_client.get(response.url).content.decode()
    assert "Import done" in page and "Invitations to set a password were e-mailed to 2 new participants." in page


def test_a_preview_with_errors_shows_row_column_and_problem_and_offers_only_the_correct_rows(organizer_client):
    program = organizer_client.program
    content = xlsx_bytes(["Daftar"], LIST_HEADER, list_row(1), list_row(2, email="salah@", phone="12"))
    response = post_list(organizer_client, content)
    page = organizer_client.get(response.url).content.decode()
    assert "Rows with errors" in page and "Import the 1 correct row" in page and "Import 1 row<" not in page
    assert '<td data-label="Row">4</td>' in page and "No. HP" in page and "Write the phone number as" in page
    organizer_client.post(response.url)
    assert not Participant.objects.filter(team__program=program).exists()


def test_the_rows_can_be_filtered_by_status(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program)
    known = factories.make_participant(team, full_name="Orang Lama")
    rows = [list_row(1, name="Orang Lama", email=known.user.email, region=str(team.region), province=""),
            list_row(2, name="Orang Baru")]
    response = post_list(organizer_client, xlsx_bytes(LIST_HEADER, *rows))
    page = organizer_client.get(response.url + "?status=new").content.decode()
    assert "Orang Baru" in page and "Orang Lama" not in page


def test_a_wrong_file_is_refused_next_to_the_field_and_nothing_is_stored(organizer_client):
    response = post_list(organizer_client, b"%PDF-1.4 not a list", name="daftar.csv")
    assert response.status_code == 200
    assert "It looks like: PDF" in response.content.decode()
    assert not ParticipantImport.objects.exists()


def test_another_organizer_cannot_open_or_confirm_someone_elses_list(organizer_client, client):
    program = organizer_client.program
    item = participant_import_upload(program=program, file=upload(xlsx_bytes(LIST_HEADER, list_row(1))),
                                     uploaded_by=organizer_client.user)
    colleague = factories.make_staff(program, "organizer")
    client.force_login(colleague)
    url = reverse("participant_import_detail", args=[program.pk, item.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Participant.objects.exists()


def test_discarding_a_list_imports_nothing(organizer_client):
    program = organizer_client.program
    response = post_list(organizer_client, xlsx_bytes(LIST_HEADER, list_row(1)))
    item = ParticipantImport.objects.get()
    organizer_client.post(reverse("participant_import_discard", args=[program.pk, item.pk]))
    item.refresh_from_db()
    assert item.status == "discarded"
    assert organizer_client.post(response.url).status_code == 302
    assert not Participant.objects.exists()


def test_the_template_has_the_expected_headers_an_example_row_and_imports_as_it_is(organizer_client):
    program = organizer_client.program
    response = organizer_client.get(reverse("participant_import_template", args=[program.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="template-daftar-peserta.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Daftar Peserta"]
    assert [cell.value for cell in sheet[1]] == ["No", "Nama Lengkap", "NIP", "Jabatan", "Instansi", "E-mail",
                                                 "No. HP", "Kabupaten/Kota", "Provinsi", "Peran", "Kelompok"]
    assert [cell.value for cell in sheet[2]][1:3] == ["Dr. Ir. H. Ahmad Fauzi, M.Si.", "198503122010011001"]
    assert sheet["C50"].number_format == "@"  # NIP typed later stays text
    assert book["Petunjuk"]["A1"].value == "Kolom"
    item = participant_import_upload(program=program, file=upload(response.content, "template.xlsx"),
                                     uploaded_by=organizer_client.user)
    assert [(row["status"], row["team"]) for row in item.preview["rows"]] == [
        ("new", "Kabupaten Kotawaringin Timur")]


def test_the_export_has_indonesian_headers_neutralised_formulas_and_imports_back_unchanged(organizer_client):
    program = organizer_client.program
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur",
                                                                      province="Kalimantan Tengah"))
    factories.make_participant(team, full_name="=HYPERLINK(\"http://x\")", nip="198503122010011001",
                               phone="+6281234567890", team_role="leader", group="council")
    factories.make_participant(team, full_name="Siti Rahayu")
    factories.make_participant(factories.make_team(factories.make_program()), full_name="Orang Lain")
    response = organizer_client.get(reverse("participant_export", args=[program.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["No", "Nama Lengkap", "NIP", "Jabatan", "Instansi", "E-mail", "No. HP", "Kabupaten/Kota",
                       "Provinsi", "Peran", "Kelompok"]
    assert len(rows) == 3
    # As written, without a visible quote, as text cells that never run as formulas.
    assert rows[1][1] == "=HYPERLINK(\"http://x\")" and sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix
    assert rows[1][6] == "+6281234567890" and sheet["G2"].quotePrefix
    # NIP and phone are text, cells and columns: a row typed below the export keeps its 18 digits.
    for column in "CG":
        assert sheet[f"{column}2"].number_format == "@" == sheet.column_dimensions[column].number_format
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert rows[1][2:3] + rows[1][7:] == ["198503122010011001", "Kabupaten Kotawaringin Timur", "Kalimantan Tengah",
                                          "Ketua", "Dewan Smart City"]
    assert sheet.column_dimensions["B"].width > 20
    item = participant_import_upload(program=program, file=upload(response.content, "peserta.xlsx"),
                                     uploaded_by=organizer_client.user)
    assert [row["status"] for row in item.preview["rows"]] == ["unchanged", "unchanged"]


def test_a_file_over_the_limit_is_dropped_while_it_arrives_and_said_so(organizer_client, settings):
    settings.BIMTEK_IMPORT_MAX_BYTES = 2000
    response = post_list(organizer_client, xlsx_bytes(LIST_HEADER, *[list_row(n) for n in range(1, 60)]))
    assert response.status_code == 200
    assert "The file is larger than 2 KB." in response.content.decode()
    assert not ParticipantImport.objects.exists()


def test_an_upload_without_a_file_asks_for_one(organizer_client):
    response = organizer_client.post(reverse("participant_import", args=[organizer_client.program.pk]), {})
    assert "Choose the file to upload." in response.content.decode()


def test_a_list_that_changes_nothing_says_so_instead_of_offering_an_import(organizer_client):
    program = organizer_client.program
    content = xlsx_bytes(LIST_HEADER, list_row(1, email="sama@kotim.go.id"))
    first = post_list(organizer_client, content)
    organizer_client.post(first.url)
    again = post_list(organizer_client, content)
    page = organizer_client.get(again.url).content.decode()
    assert "Nothing to import: everyone in this list is already in the program exactly as written." in page
    assert "Import 0 rows" not in page and Participant.objects.filter(team__program=program).count() == 1
