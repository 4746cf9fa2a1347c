"""Spreadsheets bimtek writes: Indonesian headers, readable widths, printable pages, no formula injection.

A value a spreadsheet would run as a formula (it starts with = + - @ or a tab)
is written as a text cell with Excel's quote-prefix style: it shows and
reads back exactly as stored ("+62 812…", not "'+62 812…"), and editing the
cell does not turn it into a formula. NIP and phone columns are formatted as
text (@), cells and column alike, so a row typed below the export and
imported again keeps an 18-digit NIP. Dates and times are real date cells.
Every sheet prints landscape, one page wide, with its header row repeated.
"""

import datetime
import io
import itertools
import math
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
TEXT = "@"
DATE_FORMATS = ((datetime.datetime, "dd-mm-yyyy hh:mm"), (datetime.date, "dd-mm-yyyy"), (datetime.time, "hh:mm"))
# Widths are measured on the first rows; the rest stream straight to the file.
WIDTH_SAMPLE_ROWS = 1000
MIN_WIDTH, MAX_WIDTH = 6, 60
LINE_HEIGHT = 15  # points per line of a wrapped header


@dataclass
class Sheet:
    """One sheet: its title, header row and rows; ``text_columns`` are header texts formatted as text (@)."""

    title: str
    header: list
    rows: object  # any iterable of rows
    text_columns: frozenset = field(default_factory=frozenset)


def is_dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_START)


def workbook_bytes(sheets) -> bytes:
    """``sheets``: iterable of Sheet (or (title, header, rows) tuples). Returns XLSX bytes.

    Written in openpyxl's write-only mode, so a 4,000 × 200 recap does not
    build a cell object per value in memory. Each column is as wide as its
    longest value among the first rows or the longest word of its header
    (within limits); a longer header wraps, so a column of statuses stays
    narrow under a long session title. The header row is bold, frozen and
    repeated on every printed page.
    """
    book = Workbook(write_only=True)
    for sheet_spec in sheets:
        if not isinstance(sheet_spec, Sheet):
            sheet_spec = Sheet(*sheet_spec)
        _write_sheet(book, sheet_spec)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(book, spec: Sheet):
    sheet = book.create_sheet(title=spec.title[:31])
    header = [str(value) for value in spec.header]
    text_indexes = {index for index, title in enumerate(header) if title in spec.text_columns}
    rows = iter(spec.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = [max([len(word) for word in title.split()] or [0]) for title in header]
    for row in sample:
        for index, value in enumerate(row[:len(widths)]):
            widths[index] = max(widths[index], _shown_length(value))
    widths = [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]
    for index, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = width
        if index - 1 in text_indexes:
            dimension.number_format = TEXT  # rows typed below the data are text too
    lines = max([_wrapped_lines(title, width) for title, width in zip(header, widths, strict=True)] or [1])
    sheet.row_dimensions[1].height = LINE_HEIGHT * lines
    sheet.freeze_panes = "A2"
    _printable(sheet)
    sheet.append([_header_cell(sheet, value) for value in header])
    for row in itertools.chain(sample, rows):
        sheet.append([_cell(sheet, value, index in text_indexes) for index, value in enumerate(row)])


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return len(str(value))


def _wrapped_lines(title: str, width: float) -> int:
    """How many lines the header takes once wrapped at spaces in a column of ``width`` characters."""
    room = max(width - 2, 1)
    lines, used = 1, 0
    for word in title.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        lines += max(math.ceil(len(word) / room) - 1, 0)
    return lines


def _printable(sheet):
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _cell(sheet, value, as_text: bool):
    """The value as it goes into the file: plain when nothing needs saying, else a cell with its format."""
    if as_text and value is not None and value != "":
        value = str(value)
    elif isinstance(value, str):
        if not is_dangerous(value):
            return value
    elif isinstance(value, (datetime.date, datetime.time)):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = next(fmt for kind, fmt in DATE_FORMATS if isinstance(value, kind))
        return cell
    else:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if as_text:
        cell.number_format = TEXT
    if is_dangerous(value):
        cell.quotePrefix = True
    return cell


def _header_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DCE6F1")
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
