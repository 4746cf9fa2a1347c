"""Dates and times as Indonesian documents and the interface write them."""

import datetime
import zoneinfo

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
