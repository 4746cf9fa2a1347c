"""A participant list as a region sends it: titles, a signature block under the table, a person listed twice,
a formula, a wrong address. The right rows import, the rest come back as a spreadsheet to correct."""

import io

import openpyxl
import pytest
from django.urls import reverse

from participants import import_run
from participants.exports import import_errors_xlsx
from participants.models import Participant, ParticipantImport
from participants.spreadsheet_reading import spreadsheet_read
from tests import factories
from tests.factories import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = ["No", "Nama Lengkap", "NIP", "Jabatan", "Instansi", "Email", "No. HP", "Kabupaten/Kota", "Provinsi"]
WRITTEN_HEADER = [*HEADER[:5], "E-mail", *HEADER[6:]]  # what bimtek writes back (participants.columns)
REGION = ("Kabupaten Kotawaringin Timur", "Kalimantan Tengah")


def person(number, name, email, nip=""):
    return [number, name, nip, "Staf", "Dinas Kominfo", email, "0812-3456-78%02d" % number, *REGION]


def region_list(*, wrong_email="budi.santoso@", formula=True):
    """Rows 1-2 titles, 4 the header, 5-9 people (8 with a wrong address, 9 a formula for a name), 10 a
    repeat of row 6, 11 blank, then the signature block: 12 place and date beside "Mengetahui,", 13 the
    titles, 14-15 blank, 16 the names, 17 the NIPs."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Daftar Peserta"
    rows = [
        ["DAFTAR PESERTA BIMBINGAN TEKNIS SMART CITY TAHAP I"],
        ["PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR"],
        [],
        HEADER,
        person(1, "Dr. Ir. H. Ahmad Fauzi, M.Si.", "ahmad.fauzi@kotimkab.go.id", "198503122010011001"),
        person(2, "Siti Rahayu, S.Kom.", "siti.rahayu@kotimkab.go.id"),
        person(3, "Yohanes Wanma'ur", "yohanes@kotimkab.go.id"),
        person(4, "Budi Santoso", wrong_email),
        person(5, "Rina Lestari", "rina.lestari@kotimkab.go.id"),
        person(2, "Siti Rahayu, S.Kom.", "siti.rahayu@kotimkab.go.id"),
        [],
        [None, "Mengetahui,", None, None, None, None, "Sampit, 3 Maret 2026"],
        [None, "Kepala Bappeda", None, None, None, None, "Kepala Dinas Kominfo"],
        [],
        [],
        [None, "Ir. Siti Aminah, M.T.", None, None, None, None, "Drs. H. Muhammad Yusuf, M.Si."],
        [None, "NIP. 19700101 199503 2 002", None, None, None, None, "NIP. 19750312 200003 1 001"],
    ]
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    if formula:
        sheet["B9"] = '=PROPER("rina lestari")'  # written by a program: no computed value stored
    sheet.merge_cells("A1:I1")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(content):
    return spreadsheet_read(upload(content, "daftar.xlsx"), "xlsx")


def test_the_signature_block_and_a_repeated_row_are_set_aside_and_the_people_are_read():
    sheet = read(region_list())
    assert [row.number for row in sheet.rows] == [5, 6, 7, 8, 9]
    assert [(aside.source.number, aside.first.number if aside.first else None) for aside in sheet.set_aside] == [
        (12, None), (13, None), (16, None), (17, None), (10, 6)]
    assert sheet.set_aside[0].text == "Mengetahui, · Sampit, 3 Maret 2026"
    assert sheet.rows[4].formulas == ("full_name",)
    assert sheet.left_out == []


@pytest.mark.parametrize("line", ["Sampit, 3 Maret 2026", "Palangka Raya,    Maret 2026", "Sampit, 03/03/2026",
                                  "Mengetahui,", "a.n. Bupati Kotawaringin Timur", "Plt. Kepala Dinas Kominfo",
                                  "NIP. 19750312 200003 1 001", "Pembina Tk. I (IV/b)", "Jumlah"])
def test_each_kind_of_line_under_a_table_is_not_a_participant(line):
    content = factories.xlsx_bytes(HEADER, person(1, "Ahmad", "ahmad@kotimkab.go.id"), [None, line])
    sheet = read(content)
    assert [row.number for row in sheet.rows] == [2]
    assert [aside.source.number for aside in sheet.set_aside] == [3]


def test_a_section_heading_after_a_subtotal_still_heads_its_section():
    content = factories.xlsx_bytes(
        ["No", "Nama", "Email"], ["A. OPD"], [1, "Ahmad", "ahmad@x.go.id"], ["Jumlah", "", 1],
        ["B. DEWAN SMART CITY"], [1, "Siti", "siti@x.go.id"])
    sheet = read(content)
    assert [(row.values["full_name"], row.values["group"]) for row in sheet.rows] == [("Ahmad", "opd"),
                                                                                     ("Siti", "council")]
    assert [aside.source.number for aside in sheet.set_aside] == [4]


def test_the_preview_names_each_row_set_aside_and_each_error():
    program = factories.make_program()
    item = import_run.participant_import_upload(program=program, file=upload(region_list(), "daftar.xlsx"),
                                              uploaded_by=factories.make_user())
    rows = {row["row"]: row for row in item.preview["rows"]}
    assert {number: row["status"] for number, row in rows.items()} == {
        5: "new", 6: "new", 7: "new", 8: "error", 9: "error", 10: "aside", 12: "aside", 13: "aside",
        16: "aside", 17: "aside"}
    assert rows[10]["reason"] == "Same as row 6."
    assert rows[12]["reason"] == "Not a participant row (signature, place and date, or total)."
    assert rows[9]["errors"] == [["Nama Lengkap", "This cell is a formula; type the name as text."]]
    assert rows[8]["errors"] == [["Email", "This is not a valid e-mail address."]]
    counts = item.preview["counts"]
    assert (counts["new"], counts["error"], counts["aside"]) == (3, 2, 5)


def errors_sheet(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_only_the_correct_rows_import_and_the_rest_come_back_to_correct_then_import_as_new():
    program = factories.make_program()
    organizer = factories.make_user()
    item = import_run.participant_import_upload(program=program, file=upload(region_list(), "daftar.xlsx"),
                                              uploaded_by=organizer)
    outcome = import_run.participant_import_confirm(upload=item, confirmed_by=organizer, only_correct=True)
    assert outcome.imported and outcome.counts["new"] == 3 and outcome.counts["error"] == 2
    item.refresh_from_db()
    assert item.status == ParticipantImport.Status.IMPORTED
    assert sorted(Participant.objects.filter(team__program=program).values_list("full_name", flat=True)) == [
        "Dr. Ir. H. Ahmad Fauzi, M.Si.", "Siti Rahayu, S.Kom.", "Yohanes Wanma'ur"]
    assert Participant.objects.get(full_name="Dr. Ir. H. Ahmad Fauzi, M.Si.").nip == "198503122010011001"


    table = errors_sheet(import_errors_xlsx(item.preview))
    assert table[0] == [*WRITTEN_HEADER, "Peran", "Kelompok", "Yang perlu diperbaiki"]
    assert [row[:2] + row[5:6] for row in table[1:]] == [[1, "Budi Santoso", "budi.santoso@"],
                                                         [2, None, "rina.lestari@kotimkab.go.id"]]
    assert table[1][-1] == "Baris 8: Email: This is not a valid e-mail address."
    assert table[2][-1] == "Baris 9: Nama Lengkap: This cell is a formula; type the name as text."

    # The region corrects the whole list and sends it again: only the two corrected people are new.
    again = import_run.participant_import_upload(
        program=program, file=upload(region_list(wrong_email="budi@kotimkab.go.id", formula=False), "daftar.xlsx"),
        uploaded_by=organizer)
    counts = again.preview["counts"]
    assert (counts["new"], counts["unchanged"], counts["error"], counts["aside"]) == (2, 3, 0, 5)
    assert import_run.participant_import_confirm(upload=again, confirmed_by=organizer).ok
    assert Participant.objects.filter(team__program=program).count() == 5


def test_the_corrected_error_file_imports_as_it_is():
    program = factories.make_program()
    organizer = factories.make_user()
    item = import_run.participant_import_upload(program=program, file=upload(region_list(), "daftar.xlsx"),
                                              uploaded_by=organizer)
    import_run.participant_import_confirm(upload=item, confirmed_by=organizer, only_correct=True)

    book = openpyxl.load_workbook(io.BytesIO(import_errors_xlsx(item.preview)))
    book.active["F2"] = "budi@kotimkab.go.id"
    book.active["B3"] = "Rina Lestari"
    buffer = io.BytesIO()
    book.save(buffer)
    again = import_run.participant_import_upload(program=program, file=upload(buffer.getvalue(), "koreksi.xlsx"),
                                               uploaded_by=organizer)
    assert again.preview["unknown_headers"] == []
    assert [row["status"] for row in again.preview["rows"]] == ["new", "new"]
    import_run.participant_import_confirm(upload=again, confirmed_by=organizer)
    assert Participant.objects.filter(team__program=program).count() == 5


def test_the_organizer_imports_the_correct_rows_and_downloads_the_rest_through_the_screens(client):
    organizer = factories.make_user()
    organizer.language = "en"
    organizer.save()
    client.force_login(organizer)
    program = factories.make_program(organizer=organizer)
    response = client.post(reverse("participant_import", args=[program.pk]),
                           {"file": upload(region_list(), "daftar.xlsx")})
    page = client.get(response.url).content.decode()
    assert "Import the 3 correct rows" in page and "Same as row 6." in page
    assert "Not a participant row (signature, place and date, or total)." in page
    item = ParticipantImport.objects.get()
    errors_url = reverse("participant_import_errors", args=[program.pk, item.pk])
    assert errors_url in page
    response = client.post(response.url, {"rows": "correct"})
    assert Participant.objects.filter(team__program=program).count() == 3
    page = client.get(response.url).content.decode()
    assert "Import done: 3 new, 0 updated, 0 unchanged." in page and "2 rows with errors were left out" in page
    download = client.get(errors_url)
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [row[1] for row in errors_sheet(download.content)[1:]] == ["Budi Santoso", None]


def test_importing_everything_is_still_refused_while_rows_have_errors():
    program = factories.make_program()
    organizer = factories.make_user()
    item = import_run.participant_import_upload(program=program, file=upload(region_list(), "daftar.xlsx"),
                                              uploaded_by=organizer)
    outcome = import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    assert not outcome.imported and not Participant.objects.exists()
