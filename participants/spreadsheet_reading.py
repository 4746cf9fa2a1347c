"""Read the participant lists regions send, however messy, into plain rows.

Real lists have a title row or two above the header, merged cells (a region
or an agency written once for several people), headers in many wordings
(Nama / Nama Lengkap, Instansi / OPD / Unit Kerja, No. HP / WhatsApp),
section headings inside the table ("KABUPATEN KOTAWARINGIN TIMUR",
"B. DEWAN SMART CITY"), blank rows, trailing spaces, and sometimes one sheet
per group. ``spreadsheet_read`` finds the header in each sheet, fills merged
cells down, follows section headings and hands back every data row with the
row number the user sees in their spreadsheet, so errors can name it. The
signature block under the table, totals and rows that repeat an earlier row
exactly are set aside (participants.rowkinds), and a formula whose value the
file does not hold is marked, not read as an empty cell.

XLSX files are read by openpyxl, which parses their XML with defusedxml
(entity expansion and external entities are refused); ``require_safe_xml``
makes sure that stays so.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from bimtek.uploads import KIND_LABELS, CheckedUpload, check_upload
from participants.columns import COLUMNS, NUMBER_HEADERS, column_for_header, group_for_text, header_key, region_parse
from participants.normalize import text_clean
from participants.rowkinds import footer_kind, row_signature, row_texts

HEADER_SEARCH_ROWS = 30  # the header is looked for in the first rows of each sheet
MAX_COLUMNS = 100


def max_rows() -> int:
    return settings.BIMTEK_IMPORT_MAX_ROWS


def max_bytes() -> int:
    return settings.BIMTEK_IMPORT_MAX_BYTES


def require_safe_xml():
    """openpyxl parses XLSX XML with defusedxml only when that is installed and not switched off."""
    if not openpyxl.DEFUSEDXML:
        raise ImproperlyConfigured("defusedxml is not active for openpyxl: install defusedxml and do not set "
                                   "OPENPYXL_DEFUSEDXML=False.")


class _Formula:
    """A cell holding a formula without a computed value (files written by programs, not by Excel)."""

    def __str__(self):
        return ""

    def __repr__(self):
        return "FORMULA"


FORMULA = _Formula()


@dataclass
class SourceRow:
    sheet: str
    number: int  # the row number the user sees in their spreadsheet
    values: dict  # column key -> cell value (text, or a number where the spreadsheet stored one)
    formulas: tuple = ()  # column keys whose cell is a formula bimtek cannot compute


@dataclass
class AsideRow:
    """A row that is no participant: part of the signature block or a total, or a repeat of ``first``."""

    source: SourceRow
    text: str = ""  # the row's cells, as the preview shows them
    first: SourceRow | None = None


@dataclass
class SpreadsheetRows:
    rows: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)  # column key -> the header as written in the file
    sheets: list = field(default_factory=list)  # titles of the sheets rows came from
    left_out: list = field(default_factory=list)  # (sheet, row number) of rows without name, e-mail or NIP
    set_aside: list = field(default_factory=list)  # AsideRow: signature lines, totals, repeated rows
    unknown_headers: list = field(default_factory=list)  # headers no column uses

    @property
    def several_sheets(self):
        return len(self.sheets) > 1


class TooManyRows(Exception):
    pass


def _refuse(message):
    raise ValidationError(message, code="import_file")


# Checking the file -----------------------------------------------------------------------------------------

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), and other old Office files


def import_file_check(file) -> CheckedUpload:
    """An XLSX or CSV list by its content, within the size limit, and the kind its name claims.

    XLSX goes through bimtek.uploads.check_upload (ZIP structure, macros,
    expansion); anything else must be text that decodes as UTF-8 or
    Windows-1252 to count as CSV.
    """
    limit = max_bytes()
    head = _head(file, 8)
    if head.startswith(OLE2_SIGNATURE):
        _refuse(_("This is an old Excel file (.xls). Open it in Excel or LibreOffice and save it as an Excel "
                  "Workbook (.xlsx), then upload that."))
    checked = check_upload(file, kinds=["xlsx", "csv"], max_bytes=limit)
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("xlsx", "xls", "csv") and extension != checked.kind:
        _refuse(_("The file is named .%(extension)s but holds %(kind)s. Save it again as .xlsx or .csv.")
                % {"extension": extension, "kind": KIND_LABELS[checked.kind]})
    return checked


def _head(file, length):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def rows_estimate(file, kind: str) -> int:
    """About how many rows the file has, without reading its cells (milliseconds even at the row limit).

    It decides whether the list is read in the request or by a worker, never what is imported: CSV lines,
    or the rows of an XLSX's sheets that hold a value (counted in the decompressed XML as it streams by).
    """
    file.seek(0)
    if kind == "csv":
        count = file.read().count(b"\n") + 1
    else:
        count = 0
        try:
            with zipfile.ZipFile(file) as archive:
                for name in archive.namelist():
                    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                        count += _row_elements(archive, name)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            count = 0  # the reading proper says what is wrong with the file
    file.seek(0)
    return count


def _row_elements(archive, name) -> int:
    """Rows holding a value (a template's formatted empty rows are not counted)."""
    count, rest = 0, b""
    with archive.open(name) as part:
        for chunk in iter(lambda: part.read(1024 * 1024), b""):  # noqa: B023 (read right here)
            *rows, rest = (rest + chunk).split(b"</row>")
            count += sum(1 for row in rows if b"<v>" in row or b"<is>" in row)
    return count


# Reading the cells -----------------------------------------------------------------------------------------


def _xlsx_tables(file):
    """(sheet title, [(row number, [values])]) for every visible sheet, merged cells filled down."""
    require_safe_xml()
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # defusedxml refusals, broken ZIP parts, invalid XML
        _refuse(_unreadable_message(error))
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            try:
                yield sheet.title, _sheet_rows(book, sheet)
            except TooManyRows:
                raise
            except Exception as error:
                _refuse(_unreadable_message(error))
    finally:
        book.close()


def _unreadable_message(error):
    # openpyxl wraps what went wrong in a ValueError; the cause says whether defusedxml refused the XML.
    causes = []
    while error is not None and len(causes) < 10:
        causes.append(error)
        error = error.__cause__ or error.__context__
    if any(type(cause).__module__.startswith("defusedxml") for cause in causes):
        return _("The file contains XML constructions that are not allowed in a spreadsheet (entities or "
                 "references to other files); it is refused.")
    return _("The file could not be read as an Excel workbook. Open it in Excel or LibreOffice and save it again "
             "as .xlsx.")


def _sheet_rows(book, sheet):
    # openpyxl's read-only mode streams the rows but throws away the merged ranges; its own parser, which it
    # runs underneath, collects them (they come after the rows in the file).
    rows = {}
    seen = 0
    limit = max_rows()
    with sheet._get_source() as source:
        parser = _FormulaAwareParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            seen += 1
            if seen > limit * 5:
                raise TooManyRows
            values = {}
            for cell in cells:
                value = cell["value"]
                if value is not None and value != "" and cell["column"] <= MAX_COLUMNS:
                    values[cell["column"] - 1] = value
            if values:
                rows[number] = values
                if len(rows) > limit + HEADER_SEARCH_ROWS:
                    raise TooManyRows
        merged = parser.merged_cells
    for ref in (merged.mergeCell if merged is not None else []):
        min_col, min_row, max_col, max_row = range_boundaries(ref.ref)
        top = rows.get(min_row, {}).get(min_col - 1)
        if top is None:
            continue
        # Filled down the first column only: a region or agency merged over several people belongs to each,
        # while a title merged across the sheet stays one cell.
        for number in range(min_row + 1, max_row + 1):
            if number in rows:
                rows[number].setdefault(min_col - 1, top)
    table = []
    for number in sorted(rows):
        values = rows[number]
        width = max(values) + 1
        table.append((number, [values.get(index) for index in range(width)]))
    return table


class _FormulaAwareParser(WorkSheetParser):
    """openpyxl's parser, but a formula with no stored result becomes FORMULA instead of an empty cell."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = FORMULA
        return cell


class _Semicolon(csv.excel):
    delimiter = ";"


def _csv_table(data: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 only fails on five undefined bytes
        text = data.decode("latin-1")
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel() if sample.count(";") <= sample.count(",") else _Semicolon()
    table = []
    limit = max_rows()
    # Spreadsheet programs show each record as one row, even one with a line break inside a cell.
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        if len(table) > limit + HEADER_SEARCH_ROWS:
            raise TooManyRows
        values = [value if value != "" else None for value in record[:MAX_COLUMNS]]
        if any(value is not None and value.strip() for value in values):
            table.append((number, values))
    return [("CSV", table)]


def spreadsheet_tables(file, kind: str):
    """(sheet title, [(row number, [cell values])]) of every visible sheet of an XLSX or CSV file (``kind``),
    merged cells filled down: the raw reading other imports (the master plan register) build on."""
    file.seek(0)
    try:
        return list(_csv_table(file.read()) if kind == "csv" else
                    ((title, table) for title, table in _xlsx_tables(file)))
    except TooManyRows:
        _refuse(_("The file has more than %(limit)s rows. Split it into smaller files.") % {
            "limit": f"{max_rows():,}".replace(",", ".")})


# Understanding the rows ------------------------------------------------------------------------------------


def _header_columns(values):
    """{column index: key} and the headers nothing uses, for one candidate header row."""
    columns, unknown, taken = {}, [], set()
    for index, value in enumerate(values):
        if value is None or not text_clean(value):
            continue
        key = column_for_header(value)
        if key and key not in taken:
            columns[index] = key
            taken.add(key)
        elif not key and header_key(value) not in NUMBER_HEADERS:
            unknown.append(text_clean(value))
    return columns, unknown


def _find_header(table):
    """(position in table, {column index: key}, unknown headers) of the best header row, or None."""
    best = None
    for position, (_number, values) in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns, unknown = _header_columns(values)
        keys = set(columns.values())
        if "full_name" not in keys or not keys & {"email", "nip"}:
            continue
        if best is None or len(keys) > len(best[1]):
            best = (position, columns, unknown)
    return best


def _section_heading(values):
    """A row with one text and no person in it may head a section: (region text, group) it sets, or None."""
    texts = {text_clean(value) for value in values if value is not None and text_clean(value)}
    if len(texts) != 1:
        return None
    text = texts.pop()
    kind, _name = region_parse(re.sub(r"^[A-Z0-9]{1,3}[.)]\s+", "", text))
    if kind:
        return re.sub(r"^[A-Z0-9]{1,3}[.)]\s+", "", text), ""
    group = group_for_text(text)
    if group:
        return "", group
    return None


def _rows_of_table(result: SpreadsheetRows, title, table):
    found = _find_header(table)
    if found is None:
        return False
    position, columns, unknown = found
    header_values = table[position][1]
    for index, key in columns.items():
        result.headers.setdefault(key, text_clean(header_values[index]))
    for text in unknown:
        if text not in result.unknown_headers:
            result.unknown_headers.append(text)
    header_keys = {header_key(value) for value in header_values if value is not None}
    sheet_group = group_for_text(title)
    section_region, section_group = "", ""
    in_footer = False
    for number, values in table[position + 1:]:
        row = {key: values[index] if index < len(values) else None for index, key in columns.items()}
        formulas = tuple(key for key, value in row.items() if value is FORMULA)
        for key, value in row.items():
            if isinstance(value, str):
                row[key] = value.strip() or None
            elif value is FORMULA:
                row[key] = None
        heading = _section_heading(values)
        kind = "" if heading else footer_kind(values, in_block=in_footer)
        if kind:
            in_footer = in_footer or kind == "footer"
            result.set_aside.append(AsideRow(source=SourceRow(sheet=title, number=number, values={}),
                                             text=" · ".join(row_texts(values))))
            continue
        if not formulas and not any(row.get(key) for key in ("full_name", "email", "nip")):
            if heading:
                section_region = heading[0] or section_region
                section_group = heading[1] or section_group
            else:
                result.left_out.append((title, number))
            continue
        if {header_key(value) for value in values if value is not None} == header_keys:
            continue  # the header repeated, as lists printed over several pages do
        if not row.get("region") and section_region:
            row["region"] = section_region
        if not row.get("group") and (section_group or sheet_group):
            row["group"] = section_group or sheet_group
        result.rows.append(SourceRow(sheet=title, number=number, values=row, formulas=formulas))
    result.sheets.append(title)
    return True


def _set_aside_repeats(result: SpreadsheetRows):
    """A row that repeats an earlier row of the file exactly is set aside (people get listed twice)."""
    first, kept = {}, []
    for row in result.rows:
        signature = row_signature(row.values)
        if row.formulas or signature not in first:
            first.setdefault(signature, row)
            kept.append(row)
        else:
            result.set_aside.append(AsideRow(source=row, text=text_clean(row.values.get("full_name")),
                                             first=first[signature]))
    result.rows = kept


def spreadsheet_read(file, kind: str) -> SpreadsheetRows:
    """Every participant row of an XLSX or CSV file (``kind``), or ValidationError saying what is wrong."""
    file.seek(0)
    result = SpreadsheetRows()
    try:
        tables = _csv_table(file.read()) if kind == "csv" else _xlsx_tables(file)
        for title, table in tables:
            _rows_of_table(result, title, table)
            if len(result.rows) > max_rows():
                raise TooManyRows
    except TooManyRows:
        _refuse(_("The file has more than %(limit)s rows. Split it into smaller files.") % {
            "limit": f"{max_rows():,}".replace(",", ".")})
    _set_aside_repeats(result)
    if not result.sheets:
        _refuse(_("No header row was found. The list needs a row with the column names, at least "
                  "%(name)s and %(email)s (or %(nip)s), within its first %(rows)s rows.") % {
            "name": COLUMNS["full_name"], "email": COLUMNS["email"], "nip": COLUMNS["nip"],
            "rows": HEADER_SEARCH_ROWS})
    if not result.rows:
        _refuse(_("The list has a header row but no participants below it."))
    return result
