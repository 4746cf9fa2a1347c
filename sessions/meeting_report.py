"""Reading an online meeting platform's participant report, and what it says about each person.

Zoom's "Participants" export is the reference (with or without the meeting
summary above the table, several rows per person who rejoined), but any CSV
with name, e-mail, join, leave and duration columns works: Google Meet's and
Microsoft Teams' attendance lists, Indonesian headers, ``;`` or tab separators,
UTF-8, UTF-16 or Windows encodings.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEADERS = {
    "name": {"name (original name)", "name", "full name", "nama", "nama lengkap", "participant", "display name",
             "peserta", "nama peserta", "user name"},
    "first_name": {"first name", "nama depan"},
    "last_name": {"last name", "nama belakang"},
    "email": {"user email", "email", "e-mail", "email address", "alamat email", "alamat e-mail", "surel",
              "participant email"},
    "joined": {"join time", "time joined", "first join", "first seen", "joined", "join", "waktu bergabung",
               "waktu masuk", "masuk"},
    "left": {"leave time", "time exited", "last leave", "left", "leave", "waktu keluar", "keluar"},
    "minutes": {"duration (minutes)", "duration (mins)", "duration", "time in call", "in-meeting duration",
                "attendance duration", "durasi", "durasi (menit)", "lama (menit)"},
}
DATETIME_FORMATS = [
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p",
]
MAX_ROWS = 20_000


@dataclass
class ReportLine:
    name: str
    email: str
    joined_at: datetime.datetime | None
    left_at: datetime.datetime | None
    minutes: int


def _decode(data: bytes) -> str:
    encodings = ["utf-8-sig", "cp1252"]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Broken data after a UTF-16 mark falls through to the readings below, which find no table.
        encodings.insert(0, "utf-16")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


SUMMARY_HEADERS = {"meeting id", "topic", "id rapat", "topik", "meeting title"}


def _header_map(row) -> dict | None:
    """Column positions of a participant table's header row, or None for any other row."""
    keys = [_key(cell) for cell in row]
    if SUMMARY_HEADERS & set(keys):  # Zoom's meeting summary above the participant table
        return None
    found = {}
    for index, key in enumerate(keys):
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    has_name = "name" in found or "first_name" in found
    if (has_name or "email" in found) and ("minutes" in found or "joined" in found):
        return found
    return None


def parse_minutes(text: str) -> int | None:
    """'65', '65.5', '1:05:00', '65 min', '1h 5m 3s', '1 hr 5 mins' -> whole minutes."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if re.fullmatch(r"\d+([.,]\d+)?", text):
        return round(float(text.replace(",", ".")))
    if re.fullmatch(r"\d+:\d{2}(:\d{2})?", text):
        parts = [int(p) for p in text.split(":")]
        hours, minutes, seconds = parts if len(parts) == 3 else (0, *parts)
        return round(hours * 60 + minutes + seconds / 60)
    units = re.findall(r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|jam|m|min|mins|minute|minutes|menit|s|sec|secs|"
                       r"second|seconds|detik)\b", text)
    if not units:
        return None
    total = 0.0
    for number, unit in units:
        value = float(number.replace(",", "."))
        total += value * 60 if unit in {"h", "hr", "hrs", "hour", "hours", "jam"} else \
            value / 60 if unit in {"s", "sec", "secs", "second", "seconds", "detik"} else value
    return round(total)


def parse_moment(text: str, zone, near: datetime.date) -> datetime.datetime | None:
    """A report's local time as an aware datetime; of the formats that fit, the one nearest ``near`` wins.

    That settles 03/04/2026 (Zoom's month/day) against 03/04/2026 (day/month).
    """
    text = " ".join((text or "").strip().split())
    if not text:
        return None
    candidates = []
    for fmt in DATETIME_FORMATS:
        try:
            value = datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
        candidates.append(value)
    if not candidates:
        return None
    best = min(candidates, key=lambda value: abs((value.date() - near).days))
    return best.replace(tzinfo=zone)


def parse_report(data: bytes, *, zone, near: datetime.date) -> list[ReportLine]:
    """Every participant row of the report. Raises ValidationError when no participant table is found."""
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    columns = None
    lines = []
    for row in reader:
        if columns is None:
            columns = _header_map(row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if _header_map(row):  # a second table (Zoom repeats the header after the summary)
            columns = _header_map(row)
            continue
        lines.append(_line(row, columns, zone, near))
        if len(lines) > MAX_ROWS:
            raise ValidationError(_("The report has more than %(n)d rows.") % {"n": MAX_ROWS})
    if columns is None:
        raise ValidationError(_("No participant table found: the file needs columns for the name or e-mail and "
                                "for the join time or duration (as in Zoom's participant report)."))
    return [line for line in lines if line.name or line.email]


def _line(row, columns, zone, near) -> ReportLine:
    def cell(field):
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    name = cell("name") or " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
    # Zoom writes "Name (Original Name)" as "Display name (original name)" when someone renamed themselves.
    name = re.sub(r"\s+\([^)]*\)$", "", name).strip() or name
    joined, left = parse_moment(cell("joined"), zone, near), parse_moment(cell("left"), zone, near)
    minutes = parse_minutes(cell("minutes"))
    if minutes is None and joined and left:
        minutes = max(round((left - joined).total_seconds() / 60), 0)
    email = cell("email").lower()
    return ReportLine(name=name[:200], email=email if "@" in email else "", joined_at=joined, left_at=left,
                      minutes=minutes or 0)


def stayed_minutes(rows, starts_at, ends_at) -> int:
    """Minutes a person was in the session: the union of their join–leave spans within the session.

    Rows without times (some exports give only a duration) add their duration.
    Never more than the session's length.
    """
    spans, loose = [], 0
    for row in rows:
        if row.joined_at and row.left_at:
            start, end = max(row.joined_at, starts_at), min(row.left_at, ends_at)
            if end > start:
                spans.append((start, end))
        else:
            loose += row.minutes
    spans.sort()
    total = datetime.timedelta()
    current_start = current_end = None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    length = round((ends_at - starts_at).total_seconds() / 60)
    return min(round(total.total_seconds() / 60) + loose, length)


def report_span(lines) -> tuple[datetime.datetime, datetime.datetime] | None:
    """From the first join to the last leave of the report, or None for a report without times."""
    joins = [line.joined_at for line in lines if line.joined_at]
    leaves = [line.left_at for line in lines if line.left_at]
    if not joins or not leaves:
        return None
    return min(joins), max(leaves)


def first_join(rows):
    joins = [row.joined_at for row in rows if row.joined_at]
    return min(joins) if joins else None
