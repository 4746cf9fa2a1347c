import io

from openpyxl import load_workbook

from bimtek.xlsx import workbook_bytes


def test_a_workbook_has_a_bold_frozen_header_readable_widths_and_no_formulas():
    rows = [["=HYPERLINK(\"http://x\")", "+62812", "-5", "@SUM(A1)", "\tTab", "Dr. Ir. H. Ahmad Fauzi, M.Si.", 7]]
    rows += [["a", "b", "c", "d", "e", "f", n] for n in range(1500)]
    header = ["Nama", "HP", "x", "y", "z", "w", "n"]
    book = load_workbook(io.BytesIO(workbook_bytes([("Rekap Kehadiran", header, rows)])))
    sheet = book["Rekap Kehadiran"]
    assert sheet["A1"].value == "Nama" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]][:5] == ["'=HYPERLINK(\"http://x\")", "'+62812", "'-5", "'@SUM(A1)", "'\tTab"]
    assert sheet.column_dimensions["F"].width >= len("Dr. Ir. H. Ahmad Fauzi, M.Si.")
    assert sheet.max_row == 1 + len(rows)
    assert sheet.cell(row=sheet.max_row, column=7).value == 1499
