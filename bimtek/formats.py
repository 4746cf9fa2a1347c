"""Dates and times as Indonesian documents and the interface write them."""

import datetime
import math
import zoneinfo

from django.utils import formats, timezone

# The zones of Indonesia as people write them after a time.
TIME_ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]


def long_date_id(value: datetime.date, *, with_day: bool = True) -> str:
    """'Kamis, 27 November 2026' (documents are always in Indonesian)."""
    text = f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"
    return f"{DAYS_ID[value.weekday()]}, {text}" if with_day else text


def zone_label(tz) -> str:
    key = getattr(tz, "key", str(tz))
    return TIME_ZONE_LABELS.get(key, key)


def time_range_id(start: datetime.datetime, end: datetime.datetime, tz) -> str:
    """'09.00–12.00 WIB' in the given zone, as Indonesian documents write times."""
    local_start, local_end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    return f"{local_start:%H.%M}–{local_end:%H.%M} {zone_label(tz)}"


def nip_grouped(nip: str) -> str:
    """'197503122000031001' -> '19750312 200003 1 001' (birth date, appointment month, sex, number)."""
    digits = "".join(nip.split())
    if len(digits) != 18 or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def time_range_all_zones(start: datetime.datetime, end: datetime.datetime) -> str:
    """'09.00–12.00 WIB / 10.00–13.00 WITA / 11.00–14.00 WIT', for sessions that gather the whole country."""
    return " / ".join(time_range_id(start, end, zoneinfo.ZoneInfo(name)) for name in ZONES)


def place_id(venue: str, meeting_url: str) -> str:
    """'Daring (Zoom), tautan: https://…', 'Hotel Bidakara', or 'Daring, tautan: …' without a venue."""
    if meeting_url:
        return f"{venue or 'Daring'}, tautan: {meeting_url}"
    return venue


def moment_with_zone(value: datetime.datetime, tz) -> str:
    """'2026-11-27 09.00 WIB': a moment in the given zone, for records that stay as written (the audit trail)."""
    return f"{timezone.localtime(value, tz):%Y-%m-%d %H.%M} {zone_label(tz)}"


def decimal_text(value, places: int = 1) -> str:
    """A number as the active language writes it: '66,7' and '1.250' in Indonesian, '66.7' in English.

    A whole number shows no decimals ('100', not '100,0').
    """
    value = round(value, places)
    if value == int(value):
        value, places = int(value), 0
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def percent_text(fraction, *, floor: bool = False) -> str:
    """A share as a percentage with at most one decimal: 2/3 -> '66,7%'. ``floor`` never rounds up, so a rate
    just under a threshold (74.96%) never reads as the threshold ('75%')."""
    if fraction is None:
        return "–"
    tenths = fraction * 1000
    tenths = math.floor(tenths + 1e-9) if floor else round(tenths)
    return f"{decimal_text(tenths / 10)}%"


def size_text(size: int) -> str:
    """A file size: '850 B', '1,5 KB', '100 MB' (binary units, at most one decimal, rounded up so a file just
    over a limit never reads as the limit itself)."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{decimal_text(math.ceil(size * 10 - 1e-9) / 10)} {unit}"
        size /= 1024
    return f"{size} B"
