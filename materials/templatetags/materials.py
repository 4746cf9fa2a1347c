import datetime

from django import template
from django.utils import timezone
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(value):
    """A waiting time as people say it: '3 days 4 hours', '5 hours 10 minutes', '12 minutes'.

    The one form of a waiting time on every page: a timedelta, or a moment in the past (the time since then).
    """
    if isinstance(value, datetime.datetime):
        value = timezone.now() - value
    if not isinstance(value, datetime.timedelta):
        return "–"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours and len(parts) < 2:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and (minutes or not parts):
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)
