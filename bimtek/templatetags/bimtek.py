import functools

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from bimtek.formats import nip_grouped, percent_text, size_text, zone_label

register = template.Library()


@register.filter
def when(value):
    """A moment in the viewer's zone with the zone named: '27 Nov 2026 09.00 WIB'."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{_day(local.date(), get_language())} {local:%H.%M} {zone_label(timezone.get_current_timezone())}"


@functools.lru_cache(maxsize=512)
def _day(day, language):
    """'27 Nov 2026' in the language: made once per day and language, as a roster shows a time on each row."""
    return formats.date_format(day, "j M Y")


@register.filter
def clock(value):
    """Only the time of day with the zone: '09.00 WITA'."""
    if not value:
        return ""
    return f"{timezone.localtime(value):%H.%M} {zone_label(timezone.get_current_timezone())}"


@register.simple_tag
def shown_zone():
    """The label of the zone this page's times are in ('WIT'): the viewer's, or the room's on the check-in screen."""
    return zone_label(timezone.get_current_timezone())


@register.filter
def long_date(value):
    """'Kamis, 27 November 2026' in the active language."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return formats.date_format(value, "l, j F Y")


@register.filter
def percent(value):
    """A share (0..1) as the language writes it: '66,7%' in Indonesian."""
    return percent_text(value)


@register.filter
def size(value):
    """A file size in bytes: '100 MB', '1,5 KB' in Indonesian."""
    return size_text(value or 0)


@register.filter
def nip(value):
    """A NIP in its usual grouped form: '19750312 200003 1 001'."""
    return nip_grouped(value) if value else ""
