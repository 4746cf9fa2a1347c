"""Dates and times as Indonesian documents and the interface write them."""

import datetime

from django.utils import timezone

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


def moment_with_zone(value: datetime.datetime, tz) -> str:
    """'2026-11-27 09.00 WIB': a moment in the given zone, for records that stay as written (the audit trail)."""
    return f"{timezone.localtime(value, tz):%Y-%m-%d %H.%M} {zone_label(tz)}"
