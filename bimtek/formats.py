"""Dates and times as Indonesian documents and the interface write them."""

import datetime
import math

from django.utils import formats, timezone

from bimtek.models import TIME_ZONE_LABELS

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
