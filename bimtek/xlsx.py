"""Spreadsheets bimtek writes: Indonesian headers, readable widths, no formula injection."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe-like quote."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def workbook_bytes(sheets) -> bytes:
    """``sheets``: iterable of (title, header row, iterable of rows). Returns XLSX bytes.

    Widths follow the longest value of each column (within limits); the header
    row is bold and frozen. Every text cell is neutralised.
    """
    book = Workbook(write_only=False)
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append([neutralise(h) for h in header])
        widths = [len(str(h)) for h in header]
        for row in rows:
            row = [neutralise(v) for v in row]
            sheet.append(row)
            for index, value in enumerate(row):
                if index < len(widths):
                    widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCE6F1")
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
