"""Reading the participant lists regions really send: titles, merged cells, aliases, sections, CSV, bad files."""

import io
import zipfile

import openpyxl
import openpyxl.xml.functions
import pytest
from django.core.exceptions import ValidationError

from participants.spreadsheet_reading import import_file_check, require_safe_xml, rows_estimate, spreadsheet_read
from tests.factories import LIST_HEADER, list_row, upload, xlsx_bytes

pytestmark = pytest.mark.usefixtures("english")


def read(content, name="daftar.xlsx"):
    file = upload(content, name)
    return spreadsheet_read(file, import_file_check(file).kind)


def test_title_rows_merged_cells_and_blank_rows_are_understood_and_rows_keep_their_spreadsheet_numbers():
    content = xlsx_bytes(
        ["DAFTAR PESERTA BIMBINGAN TEKNIS SMART CITY"],
        ["KABUPATEN KOTAWARINGIN TIMUR, 2026"],
        [],
        ["No", "Nama", "NIP", "Jabatan", "OPD", "E-mail", "WhatsApp", "Kab/Kota", "Provinsi"],
        [1, " Dr. Ir. H. Ahmad  Fauzi, M.Si. ", "198503122010011001", "Kepala Dinas", "Diskominfo", "ahmad@kotim.go.id",
         "0812-3456-7890", "Kabupaten Kotawaringin Timur", "Kalimantan Tengah"],
        [2, "Siti Rahayu", None, "Perencana", None, "siti@kotim.go.id", None, None, None],
        [],
        [3, "Budi Santoso", None, "Staf", "Bappeda", "budi@kotim.go.id", None, None, None],
        merged=["A1:I1", "A2:I2", "H5:H8", "I5:I8", "E5:E6"],
    )
    sheet = read(content)
    assert [row.number for row in sheet.rows] == [5, 6, 8]
    assert sheet.headers["agency"] == "OPD"
    assert sheet.rows[0].values["full_name"] == "Dr. Ir. H. Ahmad  Fauzi, M.Si."
    # The region and province were merged over all three people, the agency over the first two.
    assert [row.values["region"] for row in sheet.rows] == ["Kabupaten Kotawaringin Timur"] * 3
    assert [row.values["agency"] for row in sheet.rows] == ["Diskominfo", "Diskominfo", "Bappeda"]
    assert sheet.left_out == []


def test_section_headings_inside_the_table_give_the_region_and_group_of_the_rows_below():
    content = xlsx_bytes(
        ["No", "Nama Lengkap", "Jabatan", "Email"],
        ["KABUPATEN KOTAWARINGIN TIMUR"],
        ["A. ORGANISASI PERANGKAT DAERAH (OPD)"],
        [1, "Ahmad", "Kepala Dinas", "ahmad@kotim.go.id"],
        ["B. DEWAN SMART CITY"],
        [2, "Siti", "Akademisi", "siti@kotim.go.id"],
        ["KOTA PALANGKA RAYA"],
        [3, "Budi", "Staf", "budi@palangkaraya.go.id"],
        [4],
        merged=["A2:D2", "A3:D3", "A5:D5", "A7:D7"],
    )
    sheet = read(content)
    values = [(row.values.get("region"), row.values.get("group")) for row in sheet.rows]
    assert values == [("KABUPATEN KOTAWARINGIN TIMUR", "opd"), ("KABUPATEN KOTAWARINGIN TIMUR", "council"),
                      ("KOTA PALANGKA RAYA", "council")]
    assert sheet.left_out == [("Daftar Peserta", 9)]


def test_one_sheet_per_group_gives_the_group_and_a_header_repeated_on_a_new_page_is_skipped():
    header = ["Nama", "Email", "Jabatan"]
    content = xlsx_bytes(sheets={
        "OPD": [header, ["Ahmad", "ahmad@x.go.id", "Kadis"], header, ["Rina", "rina@x.go.id", "Staf"]],
        "Dewan Smart City": [["Daftar anggota dewan"], header, ["Siti", "siti@x.go.id", "Dosen"]],
        "Catatan": [["Tidak ada tabel di sini"]],
    })
    sheet = read(content)
    assert sheet.sheets == ["OPD", "Dewan Smart City"]
    assert [(row.sheet, row.number, row.values.get("group")) for row in sheet.rows] == [
        ("OPD", 2, "opd"), ("OPD", 4, "opd"), ("Dewan Smart City", 3, "council")]


def test_a_hidden_sheet_is_not_read():
    book = openpyxl.Workbook()
    book.active.append(["Nama", "Email"])
    book.active.append(["Ahmad", "ahmad@x.go.id"])
    hidden = book.create_sheet("lama")
    hidden.append(["Nama", "Email"])
    hidden.append(["Lama", "lama@x.go.id"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    assert [row.values["full_name"] for row in read(buffer.getvalue()).rows] == ["Ahmad"]


def test_a_csv_from_indonesian_excel_with_semicolons_and_windows_encoding_is_read():
    content = ("Daftar peserta;;;\r\nNama Lengkap;E-mail;No. HP;Unit Kerja\r\n"
               "Andr\xe9 Siregar;andre@x.go.id;0812 3456 7890;Dinas \"Kominfo\"\r\n;;;\r\n"
               "Siti;siti@x.go.id;;Bappeda\r\n").encode("cp1252")
    sheet = read(content, "daftar.csv")
    assert [(row.number, row.values["full_name"], row.values["agency"]) for row in sheet.rows] == [
        (3, "Andr\xe9 Siregar", 'Dinas "Kominfo"'), (5, "Siti", "Bappeda")]


def test_a_utf8_csv_with_commas_and_a_line_break_in_a_cell_counts_rows_as_a_spreadsheet_shows_them():
    content = '\ufeffNama,Email,Jabatan\n"Ahmad",ahmad@x.go.id,"Kepala\nDinas"\nSiti,siti@x.go.id,Staf\n'.encode()
    sheet = read(content, "daftar.csv")
    assert [(row.number, row.values["full_name"]) for row in sheet.rows] == [(2, "Ahmad"), (3, "Siti")]


def test_a_list_without_a_recognisable_header_is_refused_with_what_is_needed():
    with pytest.raises(ValidationError) as caught:
        read(xlsx_bytes(["Daftar"], ["Ahmad", "ahmad@x.go.id"]))
    assert "Nama Lengkap" in caught.value.messages[0] and "E-mail" in caught.value.messages[0]


def test_a_list_with_too_many_rows_is_refused(settings):
    settings.BIMTEK_IMPORT_MAX_ROWS = 5
    with pytest.raises(ValidationError) as caught:
        read(xlsx_bytes(LIST_HEADER, *[list_row(number) for number in range(1, 8)]))
    assert caught.value.messages == ["The file has more than 5 rows. Split it into smaller files."]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.BIMTEK_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as caught:
        import_file_check(upload(b"Nama;Email\n" + b"Ahmad;ahmad@x.go.id\n" * 100, "daftar.csv"))
    assert "the limit is 1,000 B" in caught.value.messages[0]


@pytest.mark.parametrize(("content", "name", "says"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "daftar.xls", "old Excel file (.xls)"),
    (b"%PDF-1.4\n1 0 obj\n", "daftar.csv", "It looks like: PDF"),
    (b"\x00\x01\x02binary", "daftar.csv", "not one of the allowed kinds"),
    (b"Nama;Email\nAhmad;ahmad@x.go.id\n", "daftar.xlsx", "named .xlsx but holds CSV"),
    (b"", "daftar.csv", "The file is empty."),
])
def test_a_file_that_is_not_what_it_claims_is_refused_with_a_clear_message(content, name, says):
    with pytest.raises(ValidationError) as caught:
        import_file_check(upload(content, name))
    assert says in caught.value.messages[0]


def test_an_xlsx_named_csv_is_refused():
    with pytest.raises(ValidationError) as caught:
        import_file_check(upload(xlsx_bytes(LIST_HEADER), "daftar.csv"))
    assert "named .csv but holds Excel (XLSX)" in caught.value.messages[0]


def test_spreadsheet_xml_is_parsed_with_defusedxml():
    require_safe_xml()
    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")


def test_an_xlsx_with_an_entity_expansion_bomb_is_refused_before_it_expands():
    dtd = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    plain = xlsx_bytes(["Nama", "Email"], ["x", "y@x.go.id"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = dtd + data.replace(b"<t>x</t>", b"<t>&lol3;</t>")
            target.writestr(item, data)
    with pytest.raises(ValidationError) as caught:
        read(bomb.getvalue())
    assert "XML constructions that are not allowed" in caught.value.messages[0]


def test_the_row_estimate_that_decides_request_or_worker_counts_rows_without_reading_cells():
    rows = [["Peserta", f"p{n}@kotim.go.id"] for n in range(1, 1001)]
    assert rows_estimate(io.BytesIO(xlsx_bytes(["Nama", "Email"], *rows)), "xlsx") == 1001
    assert rows_estimate(io.BytesIO(b"Nama;Email\nSiti;s@kotim.go.id\nBudi;b@kotim.go.id"), "csv") == 3
    assert rows_estimate(io.BytesIO(b"PK\x03\x04 not a zip"), "xlsx") == 0  # the reading says what is wrong
