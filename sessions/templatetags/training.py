"""Template helpers for sessions: time ranges in the viewer's zone and the participant's home panel."""

import zoneinfo

from django import template
from django.utils import formats, timezone

from bimtek.formats import zone_label
from sessions import checkin, selectors
from sessions.selectors.rates import PRESENT_STATUSES

register = template.Library()


@register.filter
def time_range(session):
    """'Kamis, 27 November 2026, 09.00–12.00 WIB' in the viewer's zone; both dates when it spans days."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    zone = zone_label(timezone.get_current_timezone())
    if start.date() == end.date():
        return f"{formats.date_format(start, 'l, j F Y')}, {start:%H.%M}–{end:%H.%M} {zone}"
    return (f"{formats.date_format(start, 'l, j F Y')} {start:%H.%M} – "
            f"{formats.date_format(end, 'l, j F Y')} {end:%H.%M} {zone}")


@register.filter
def hours(session):
    """'09.00–12.00 WIB' in the viewer's zone."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{start:%H.%M}–{end:%H.%M} {zone_label(timezone.get_current_timezone())}"


@register.filter
def local_hours(session):
    """'09.00–12.00 WITA' in the session's own zone (where it is held)."""
    zone = zoneinfo.ZoneInfo(session.time_zone)
    start, end = timezone.localtime(session.starts_at, zone), timezone.localtime(session.ends_at, zone)
    return f"{start:%H.%M}–{end:%H.%M} {session.zone_label}"


@register.filter
def stage_counts(person, stage_id):
    """(attended, expected) of a recap person in one stage."""
    return person.stage_counts(stage_id)


@register.inclusion_tag("sessions/home_participant.html", takes_context=True)
def participant_attendance(context, program):
    """The participant's own attendance rate, sessions open for check-in now, and next sessions."""
    user = context["request"].user
    sessions = selectors.person_sessions(program, user)
    now = timezone.now()
    policy = selectors.attendance_policy(program)
    counted = [s for s in sessions if not s.is_cancelled and s.starts_at <= now]
    attended = sum(1 for s in counted if s.my_attendance and s.my_attendance.status in PRESENT_STATUSES)
    open_now = [s for s in sessions if not s.is_cancelled and checkin.checkin_window(s, policy).is_open(now)
                and not (s.my_attendance and s.my_attendance.status in PRESENT_STATUSES)]
    upcoming = [s for s in sessions if s.ends_at >= now][:5]
    return {"program": program, "attended": attended, "expected": len(counted),
            "rate": attended / len(counted) if counted else None, "open_now": open_now, "upcoming": upcoming,
            "request": context["request"]}
