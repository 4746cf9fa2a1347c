"""Spreadsheets bimtek writes: Indonesian headers, readable widths, no formula injection."""

import io
import itertools

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe-like quote."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


# Widths are measured on the first rows; the rest stream straight to the file.
WIDTH_SAMPLE_ROWS = 1000


def workbook_bytes(sheets) -> bytes:
    """``sheets``: iterable of (title, header row, iterable of rows). Returns XLSX bytes.

    Written in openpyxl's write-only mode, so a 4,000 × 200 recap does not
    build a cell object per value in memory. Widths follow the longest value of
    each column among the first rows (within limits); the header row is bold
    and frozen. Every text cell is neutralised.
    """
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        rows = iter(rows)
        sample = [[neutralise(v) for v in row] for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)]
        widths = [len(str(h)) for h in header]
        for row in sample:
            for index, value in enumerate(row[:len(widths)]):
                widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
        sheet.append([_header_cell(sheet, value) for value in header])
        for row in sample:
            sheet.append(row)
        for row in rows:
            sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DCE6F1")
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
