"""Reading a master plan register from a spreadsheet, however the region laid it out, into preview rows.

Regions keep their master plan's programs in a workbook: a title or two above the table, a header in their own
words (Program / Nama Program, OPD Penanggung Jawab, Tahun, Indikator, Baseline, Target, Anggaran, Sumber
Anggaran, Risiko, Quick Win), sometimes in two rows (Tahun over Mulai | Selesai, Indikator over Uraian | Baseline
| Target), the dimension merged over its programs or written as a heading row ("A. SMART GOVERNANCE"), the header
repeated on each printed page, and the signature block under the table. The cells come from participants'
reader (participants.spreadsheet_reading: the file checks, merged cells, formulas); here every data row becomes
a preview row with its status and, for a row that does not fit, the reasons by the row number the user sees.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bimtek.xlsx import Sheet, workbook_bytes
from evaluation.models import MasterPlan, PlanProgram
from evaluation.services.register import PROGRAM_FIELDS, program_problems
from participants.columns import NUMBER_HEADERS, header_key
from participants.normalize import text_clean
from participants.rowkinds import footer_kind, row_signature, row_texts
from participants.spreadsheet_reading import HEADER_SEARCH_ROWS, spreadsheet_tables

# Column key -> its header in the template (Indonesian: what the regions write).
TEMPLATE_HEADERS = {
    "dimension": "Dimensi", "title": "Program", "description": "Deskripsi Singkat",
    "responsible_agency": "OPD Penanggung Jawab", "start_year": "Tahun Mulai", "end_year": "Tahun Selesai",
    "indicator": "Indikator", "unit": "Satuan", "baseline_value": "Baseline", "target_value": "Target",
    "budget": "Anggaran (Rp)", "budget_source": "Sumber Anggaran", "risks": "Risiko",
    "quick_win": "Quick Win (Ya/Tidak)",
}
# Column key -> how the preview names it.
LABELS = {name: PlanProgram._meta.get_field(name).verbose_name for name in PROGRAM_FIELDS}
LABELS["years"] = gettext_lazy("years")

_EXACT = {
    "dimension": {"dimensi", "dimension", "dimensi smart city", "bidang", "dimensi sc"},
    "title": {"program", "nama program", "program kegiatan", "kegiatan", "program unggulan", "judul program",
              "program smart city"},
    "description": {"deskripsi", "deskripsi singkat", "uraian", "uraian singkat", "keterangan", "description",
                    "short description"},
    "responsible_agency": {"opd", "opd penanggung jawab", "penanggung jawab", "perangkat daerah", "opd pengampu",
                           "responsible opd", "instansi", "opd pelaksana", "pj"},
    "years": {"tahun", "tahun pelaksanaan", "periode", "years", "waktu pelaksanaan", "jadwal"},
    "start_year": {"tahun mulai", "dari tahun", "mulai", "tahun awal", "from year", "start year", "dari"},
    "end_year": {"tahun selesai", "sampai tahun", "selesai", "tahun akhir", "to year", "end year", "sampai", "s d"},
    "indicator": {"indikator", "indikator kinerja", "indikator keberhasilan", "indicator", "nama indikator"},
    "unit": {"satuan", "unit"},
    "baseline_value": {"baseline", "nilai baseline", "kondisi awal", "baseline value", "awal"},
    "target_value": {"target", "nilai target", "target value", "target akhir", "kondisi akhir", "akhir"},
    "budget": {"anggaran", "estimasi anggaran", "perkiraan anggaran", "pagu", "budget", "estimated budget",
               "biaya", "jumlah", "nilai", "rp"},
    "budget_source": {"sumber anggaran", "sumber dana", "sumber pendanaan", "budget source", "sumber"},
    "risks": {"risiko", "resiko", "risiko yang diidentifikasi", "identifikasi risiko", "risks", "risk"},
    "quick_win": {"quick win", "quickwin", "quick wins", "qw"},
}
EXACT = {alias: key for key, aliases in _EXACT.items() for alias in aliases}
# Tried in order on a header no exact wording matches ("Indikator Baseline" under a merged "Indikator").
KEYWORDS = [
    (r"quick ?wins?", "quick_win"), (r"\bsumber\b", "budget_source"), (r"\b(risiko|resiko|risk)", "risks"),
    (r"\bbaseline\b|kondisi awal", "baseline_value"), (r"\btarget\b|kondisi akhir", "target_value"),
    (r"\bsatuan\b", "unit"), (r"\bmulai\b|\bawal\b|\bdari\b", "start_year"),
    (r"\bselesai\b|\bsampai\b|\bakhir\b", "end_year"), (r"\btahun\b", "years"),
    (r"\bindikator\b", "indicator"), (r"\b(anggaran|biaya|pagu)\b", "budget"), (r"\bdimensi\b", "dimension"),
    (r"\b(opd|penanggung jawab|perangkat daerah)\b", "responsible_agency"),
    (r"\b(deskripsi|uraian|keterangan)\b", "description"), (r"\b(program|kegiatan)\b", "title"),
]
TRUE_WORDS = {"ya", "y", "yes", "v", "√", "✓", "✔", "x", "1", "true", "benar", "quick win", "qw", "iya"}
FALSE_WORDS = {"tidak", "t", "tdk", "no", "n", "0", "false", "-", "bukan", "–"}
MULTIPLIERS = {"ribu": 1_000, "rb": 1_000, "juta": 1_000_000, "jt": 1_000_000, "miliar": 1_000_000_000,
               "milyar": 1_000_000_000, "m": 1_000_000_000, "triliun": 1_000_000_000_000, "t": 1_000_000_000_000}
# Indonesian names of the usual dimensions (the part after "Smart"), as regions write them.
DIMENSION_WORDS = {
    "governance": {"tata kelola", "pemerintahan", "tata pemerintahan"}, "branding": {"pencitraan", "citra daerah"},
    "economy": {"ekonomi", "perekonomian"}, "living": {"kehidupan", "permukiman"},
    "society": {"masyarakat", "sosial"}, "people": {"masyarakat", "sumber daya manusia", "sdm"},
    "environment": {"lingkungan", "lingkungan hidup"}, "infrastructure": {"infrastruktur", "prasarana"},
}
MAX_PROGRAMS = 500  # a master plan has tens of programs; the preview waits in the session until confirmed
LIMITS = {"baseline_value": Decimal(10) ** 12, "target_value": Decimal(10) ** 12, "budget": Decimal(10) ** 16}
TEXT_LIMITS = {"title": 300, "responsible_agency": 200, "indicator": 300, "unit": 50, "budget_source": 200}


def column_for_header(text) -> str | None:
    wording = header_key(text)
    if not wording:
        return None
    if wording in EXACT:
        return EXACT[wording]
    for pattern, key in KEYWORDS:
        if re.search(pattern, wording):
            return key
    return None


@dataclass
class RegisterSheet:
    rows: list = field(default_factory=list)  # dicts: number, sheet, status, cells, values, errors / reason
    unknown_headers: list = field(default_factory=list)


# Finding the header -----------------------------------------------------------------------------------------


def _columns(values):
    """{column index: key} of one header row."""
    columns = {}
    for index, value in enumerate(values):
        key = column_for_header(value) if value is not None else None
        if key and key not in columns.values():
            columns[index] = key
    return columns


def _two_row_columns(upper, lower):
    """{column index: key} of a header written in two rows: a header merged across columns (written in its
    first one) names the columns under it together with their own words ("Tahun" over "Mulai" gives the
    start year); a header merged down over both rows reads the same in each."""
    columns, parent = {}, ""
    for index in range(max(len(upper), len(lower))):
        above = text_clean(upper[index]) if index < len(upper) and upper[index] is not None else ""
        below = text_clean(lower[index]) if index < len(lower) and lower[index] is not None else ""
        parent = above or parent
        if not below:
            key = column_for_header(above) if above else None
        elif not parent or header_key(below) == header_key(above):
            key = column_for_header(below)
        else:
            key = column_for_header(f"{parent} {below}")
        if key and key not in columns.values():
            columns[index] = key
    return columns


def _is_subheader(values) -> bool:
    """A second header row: short known words only (Mulai | Selesai, Uraian | Baseline | Target), no numbers."""
    texts = [value for value in values if value is not None and text_clean(value)]
    if len(texts) < 2 or any(isinstance(value, (int, float)) for value in texts):
        return False
    return all(header_key(value) in EXACT or header_key(value) in NUMBER_HEADERS
               or header_key(value) in {"nama", "uraian", "nilai", "jumlah", "rp", "sumber", "mulai", "selesai"}
               for value in texts)


def _find_header(table):
    """(position of the last header row, {column index: key}, header row keys) or None."""
    for position, (_number, values) in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns = _columns(values)
        keys = set(columns.values())
        if "title" not in keys or len(keys) < 3:
            continue
        header_keys = {header_key(value) for value in values if value is not None}
        if position + 1 < len(table) and _is_subheader(table[position + 1][1]):
            lower = table[position + 1][1]
            header_keys |= {header_key(value) for value in lower if value is not None}
            return position + 1, _two_row_columns(values, lower), header_keys
        return position, columns, header_keys
    return None


# Reading the cells ------------------------------------------------------------------------------------------


def _number(value, name):
    """A Decimal from 1500000, '1.500.000', 'Rp 1,5 M', '75%', '12,5'; ValueError when it is no number."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        text = text_clean(value).lower().replace("rp.", "").replace("rp", "").replace("%", "").strip()
        multiplier = 1
        match = re.fullmatch(r"(.*?)\s*([a-z]+)\.?", text)
        if match and match.group(2) in MULTIPLIERS and name == "budget":
            text, multiplier = match.group(1), MULTIPLIERS[match.group(2)]
        text = text.replace(" ", "")
        if "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            text = text.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
        elif "." in text and (text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", text)):
            text = text.replace(".", "")  # 1.500.000: dots group thousands in Indonesian
        elif "," in text:
            text = text.replace(",", "") if text.count(",") > 1 else text.replace(",", ".")
        try:
            number = Decimal(text) * multiplier
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite() or abs(number) >= LIMITS[name]:
        raise ValueError
    return number.quantize(Decimal(1) if name == "budget" else Decimal("0.01"))


def _years(value):
    """(start, end) from 2027, '2027', '2027-2029', '2027 s.d. 2029', '2027, 2028'; ValueError otherwise."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    found = [int(year) for year in re.findall(r"(?<!\d)(\d{4})(?!\d)", text_clean(value))]
    rest = re.sub(r"(?<!\d)\d{4}(?!\d)|s\.?\s?d\.?|sampai|hingga|to|[-–—/,;\s]", "", text_clean(value).lower())
    if not found or rest or len(found) > 5:
        raise ValueError
    return min(found), max(found)


def _year(value):
    start, end = _years(value)
    if start != end:
        raise ValueError
    return start


def _flag(value):
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = header_key(value) if isinstance(value, str) else text_clean(value)
    if word in TRUE_WORDS or text_clean(value) in TRUE_WORDS:
        return True
    if not word or word in FALSE_WORDS or text_clean(value) in FALSE_WORDS:
        return False
    raise ValueError


def _dimension_key(text) -> str:
    key = header_key(re.sub(r"^([A-Z]|[IVX]{1,4}|\d{1,2})[.)]\s+", "", text_clean(text)))
    return re.sub(r"^(dimensi\s+)?(smart\s+)?", "", key)


def dimension_finder(dimensions):
    """A function: a cell ('Smart Governance', 'GOVERNANCE', 'B. Smart Living') -> the dimension or None."""
    by_key = {}
    for dimension in dimensions:
        key = _dimension_key(dimension.name)
        for word in DIMENSION_WORDS.get(key, ()):
            by_key.setdefault(word, dimension)
    by_key.update({_dimension_key(dimension.name): dimension for dimension in dimensions})

    def find(text):
        return by_key.get(_dimension_key(text)) if text_clean(text) else None

    return find


def _cell_errors(cells: dict, find_dimension, current_dimension):
    """(values, [(column, message)]) of one row's cells."""
    values, errors = {}, []
    dimension_text = cells.get("dimension")
    if dimension_text is not None and text_clean(dimension_text):
        values["dimension"] = find_dimension(dimension_text)
        if values["dimension"] is None:
            errors.append((LABELS["dimension"], _("“%(text)s” is not one of the program's dimensions.")
                           % {"text": text_clean(dimension_text)}))
    else:
        values["dimension"] = current_dimension
    for name in ("title", "description", "responsible_agency", "indicator", "unit", "budget_source", "risks"):
        values[name] = text_clean(cells.get(name)) if name not in ("description", "risks") else \
            str(cells.get(name) or "").strip()
        if name in TEXT_LIMITS and len(values[name]) > TEXT_LIMITS[name]:
            errors.append((LABELS[name], _("At most %(limit)s characters.") % {"limit": TEXT_LIMITS[name]}))
    values["start_year"] = values["end_year"] = None
    try:
        if cells.get("years") is not None and text_clean(cells["years"]):
            values["start_year"], values["end_year"] = _years(cells["years"])
        if cells.get("start_year") is not None and text_clean(cells["start_year"]):
            values["start_year"] = _year(cells["start_year"])
            values["end_year"] = values["end_year"] or values["start_year"]
        if cells.get("end_year") is not None and text_clean(cells["end_year"]):
            values["end_year"] = _year(cells["end_year"])
    except ValueError:
        errors.append((LABELS["years"], _("Write a year such as 2027, or two such as 2027-2029.")))
    for name in ("baseline_value", "target_value", "budget"):
        values[name] = None
        if cells.get(name) is not None and text_clean(cells[name]):
            try:
                values[name] = _number(cells[name], name)
            except ValueError:
                errors.append((LABELS[name], _("“%(text)s” is not a number.") % {"text": text_clean(cells[name])}))
    try:
        values["quick_win"] = _flag(cells.get("quick_win"))
    except ValueError:
        values["quick_win"] = False
        errors.append((LABELS["quick_win"], _("Write Ya or Tidak.")))
    return values, errors


def _stored(values) -> dict:
    """The values as the session keeps them (JSON)."""
    stored = {name: values.get(name) for name in PROGRAM_FIELDS}
    stored["dimension"] = values["dimension"].pk if values.get("dimension") is not None else None
    for name in ("baseline_value", "target_value", "budget"):
        stored[name] = str(values[name]) if values.get(name) is not None else None
    return stored


def rows_from_stored(rows, dimensions) -> list[dict]:
    """The importable rows of a preview kept in the session, with their dimensions and numbers back."""
    by_id = {dimension.pk: dimension for dimension in dimensions}
    result = []
    for row in rows:
        if row["status"] != "ok":
            continue
        values = dict(row["values"])
        values["dimension"] = by_id.get(values["dimension"])
        for name in ("baseline_value", "target_value", "budget"):
            values[name] = Decimal(values[name]) if values.get(name) is not None else None
        result.append({"number": row["number"], "values": values})
    return result


def _row_label(sheet, number, several):
    return f"{sheet} · {number}" if several else str(number)


def _heading_dimension(values, find_dimension):
    texts = set(row_texts(values))
    if len(texts) != 1:
        return None
    return find_dimension(texts.pop())


def register_sheet_read(file, kind: str, plan: MasterPlan, dimensions) -> RegisterSheet:
    """Every row of the file as a preview row for ``plan``: "ok", "error" (with reasons) or "aside" (signature
    lines, headings, repeated header or rows). ValidationError when the file holds no register table."""
    result = RegisterSheet()
    find_dimension = dimension_finder(dimensions)
    tables = spreadsheet_tables(file, kind)
    found_any = False
    seen = {}
    several = len(tables) > 1
    for title, table in tables:
        found = _find_header(table)
        if found is None:
            continue
        found_any = True
        position, columns, header_keys = found
        for value in table[position][1]:
            if value is not None and text_clean(value) and not column_for_header(value) \
                    and header_key(value) not in NUMBER_HEADERS and text_clean(value) not in result.unknown_headers:
                result.unknown_headers.append(text_clean(value))
        current_dimension, in_footer = None, False
        for number, values in table[position + 1:]:
            label = _row_label(title, number, several)
            aside = {"number": label, "sheet": title, "status": "aside", "text": " · ".join(row_texts(values))}
            heading = _heading_dimension(values, find_dimension)
            if heading is not None:
                current_dimension = heading
                result.rows.append({**aside, "reason": _("Dimension heading")})
                continue
            kind_of_row = footer_kind(values, in_block=in_footer)
            if kind_of_row:
                in_footer = in_footer or kind_of_row == "footer"
                result.rows.append({**aside, "reason": _("Signature or total line under the table")})
                continue
            texts = row_texts(values)
            if len(texts) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", text) for text in texts):
                result.rows.append({**aside, "reason": _("Column numbers")})
                continue
            if {header_key(value) for value in values if value is not None} <= header_keys | {""} or \
                    _is_subheader(values):
                result.rows.append({**aside, "reason": _("The header repeated")})
                continue
            cells = {key: values[index] if index < len(values) else None for index, key in columns.items()}
            if not any(text_clean(cells.get(key)) for key in ("title", "indicator", "responsible_agency")):
                result.rows.append({**aside, "reason": _("No program in this row")})
                continue
            signature = row_signature(cells)
            if signature in seen:
                result.rows.append({**aside, "reason": _("The same as row %(row)s") % {"row": seen[signature]}})
                continue
            seen[signature] = label
            parsed, errors = _cell_errors(cells, find_dimension, current_dimension)
            if parsed["dimension"] is not None:
                current_dimension = parsed["dimension"]
            elif not any(column == LABELS["dimension"] for column, _message in errors):
                errors.append((LABELS["dimension"], _("Say which dimension the program belongs to.")))
            for name, message in program_problems(plan, parsed).items():
                column = LABELS["years"] if name in ("start_year", "end_year") else LABELS[name]
                if not any(existing == column for existing, _message in errors):
                    errors.append((column, message))
            result.rows.append({
                "number": label, "sheet": title, "status": "error" if errors else "ok",
                "title": parsed["title"], "dimension": str(parsed["dimension"] or ""),
                "years": _years_text(parsed), "budget": str(parsed["budget"] or ""),
                "quick_win": parsed["quick_win"], "errors": [(str(column), message) for column, message in errors],
                "values": _stored(parsed),
            })
    if not found_any:
        raise ValidationError(_("No header row was found. The register needs a row with the column names, at least "
                                "Program, Dimensi, OPD Penanggung Jawab and Indikator, within its first %(rows)s "
                                "rows.") % {"rows": HEADER_SEARCH_ROWS}, code="import_file")
    programs = sum(1 for row in result.rows if row["status"] != "aside")
    if not programs:
        raise ValidationError(_("The register has a header row but no programs below it."), code="import_file")
    if programs > MAX_PROGRAMS:
        raise ValidationError(_("The spreadsheet has more than %(limit)s programs. Is it the master plan's "
                                "register?") % {"limit": MAX_PROGRAMS}, code="import_file")
    return result


def _years_text(values):
    start, end = values.get("start_year"), values.get("end_year")
    if start is None:
        return ""
    return str(start) if start == end or end is None else f"{start}–{end}"


def register_template_xlsx(dimensions, first_year: int) -> bytes:
    """The register to fill in: the template's headers, two example rows and a sheet of instructions."""
    names = [dimension.name for dimension in dimensions] or ["Smart Governance"]
    header = ["No", *TEMPLATE_HEADERS.values()]
    examples = [
        [1, names[0], "Layanan perizinan daring", "Satu portal untuk semua izin usaha", "DPMPTSP", first_year,
         first_year, "Jenis izin yang dilayani daring", "jenis", 5, 40, 750_000_000, "APBD",
         "Jaringan di kecamatan belum stabil", "Ya"],
        [2, names[min(1, len(names) - 1)], "Ruang kendali kota (command center)", "Pemantauan layanan kota",
         "Diskominfo", first_year, first_year + 2, "Layanan yang terpantau", "layanan", 0, 12, 2_500_000_000,
         "APBD, DAK", "Ketersediaan SDM", "Tidak"],
    ]
    instructions = [
        [_("One row per program. Title rows above the table and the signatures under it are fine.")],
        [_("Dimensi: one of %(names)s.") % {"names": ", ".join(names)}],
        [_("Years: within the plan's five years, %(first)s to %(last)s; a quick win in %(first)s only.")
         % {"first": first_year, "last": first_year + 4}],
        [_("Quick Win: Ya or Tidak. Anggaran in rupiah, e.g. 1500000000 or 1,5 M.")],
    ]
    return workbook_bytes([Sheet("Register Masterplan", header, examples),
                           (_("Instructions"), [_("Instructions")], instructions)])
