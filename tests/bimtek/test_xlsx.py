"""bimtek.xlsx, read back with openpyxl: text cells without a visible quote, text columns, dates, print setup."""

import datetime
import io

from openpyxl import load_workbook

from bimtek.xlsx import Sheet, workbook_bytes

DANGEROUS = ["=HYPERLINK(\"http://x\")", "+62812", "-5", "@SUM(A1)", "\tTab"]


def test_a_workbook_has_a_bold_frozen_header_readable_widths_and_no_formulas():
    rows = [[*DANGEROUS, "Dr. Ir. H. Ahmad Fauzi, M.Si.", 7]]
    rows += [["a", "b", "c", "d", "e", "f", n] for n in range(1500)]
    header = ["Nama", "HP", "x", "y", "z", "w", "n"]
    book = load_workbook(io.BytesIO(workbook_bytes([("Rekap Kehadiran", header, rows)])))
    sheet = book["Rekap Kehadiran"]
    assert sheet["A1"].value == "Nama" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    # Written as they are, as text cells that Excel will not run: no apostrophe in the value.
    assert [c.value for c in sheet[2]][:5] == DANGEROUS
    assert all(c.data_type == "s" and c.quotePrefix for c in sheet[2][:5])
    assert not sheet["F2"].quotePrefix and sheet["G2"].data_type == "n"
    assert sheet.column_dimensions["F"].width >= len("Dr. Ir. H. Ahmad Fauzi, M.Si.")
    assert sheet.max_row == 1 + len(rows)
    assert sheet.cell(row=sheet.max_row, column=7).value == 1499


def test_text_columns_dates_and_print_setup():
    header = ["No", "Nama", "NIP", "No. HP", "Diterbitkan (WIB)", "27-11-2026 09.00 WITA Pleno Pembukaan Tahap I"]
    rows = [[1, "Ahmad", "198503122010011001", "+6281234567890", datetime.datetime(2026, 11, 28, 9, 30), "Hadir"],
            [2, "Budi", "", None, datetime.date(2026, 11, 29), "Tidak hadir"]]
    data = workbook_bytes([Sheet("Rekap", header, rows, text_columns=frozenset({"NIP", "No. HP"}))])
    sheet = load_workbook(io.BytesIO(data))["Rekap"]
    nip, phone, issued = sheet["C2"], sheet["D2"], sheet["E2"]
    assert (nip.value, nip.data_type, nip.number_format) == ("198503122010011001", "s", "@")
    assert (phone.value, phone.number_format, phone.quotePrefix) == ("+6281234567890", "@", True)
    assert sheet.column_dimensions["C"].number_format == "@" == sheet.column_dimensions["D"].number_format
    assert sheet.column_dimensions["B"].number_format == "General"
    assert issued.is_date and issued.value == datetime.datetime(2026, 11, 28, 9, 30)
    assert issued.number_format == "dd-mm-yyyy hh:mm" and sheet["E3"].number_format == "dd-mm-yyyy"
    # The status column stays narrow under its long header, which wraps in a taller header row.
    assert sheet.column_dimensions["F"].width < 16 and sheet["F1"].alignment.wrap_text
    assert sheet.row_dimensions[1].height >= 45
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
