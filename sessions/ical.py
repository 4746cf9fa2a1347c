"""A person's sessions as an iCalendar feed (RFC 5545), built with the icalendar library.

Each session is one event with a stable UID; its SEQUENCE is the session's
``sequence``, raised on every change, so calendar apps move the event in place.
A cancelled session stays in the feed with STATUS:CANCELLED, which removes it
from the calendar instead of leaving a stale event behind.
"""

import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//bimtek//Jadwal Bimbingan Teknis//ID"


def session_uid(session, base_url: str) -> str:
    return f"bimtek-session-{session.pk}@{urlsplit(base_url).hostname or 'bimtek'}"


def _description(session, url, mentors):
    stage = session.stage
    lines = [f"{stage.program.name} — {stage}", session.get_kind_display()]
    mentors = ", ".join(mentors)
    if mentors:
        lines.append(_("Mentors: %(names)s") % {"names": mentors})
    if session.meeting_url:
        lines.append(_("Meeting link: %(url)s") % {"url": session.meeting_url})
    if session.is_cancelled and session.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": session.cancel_reason})
    lines.append(url)
    return "\n".join(lines)


def _event(session, *, zone, base_url: str, now, mentors) -> Event:
    url = base_url + reverse("session_detail", kwargs={"program": session.stage.program_id, "session": session.pk})
    return Event.new(
        uid=session_uid(session, base_url), summary=session.title, start=timezone.localtime(session.starts_at, zone),
        end=timezone.localtime(session.ends_at, zone), sequence=session.sequence, stamp=now,
        last_modified=session.updated_at, location=session.venue or session.meeting_url or None, url=url,
        description=_description(session, url, mentors), status="CANCELLED" if session.is_cancelled else "CONFIRMED",
        categories=[session.get_kind_display()],
    )


def _with_timezones(calendar, sessions, zone):
    days = [timezone.localtime(moment, zone).date() for s in sessions for moment in (s.starts_at, s.ends_at)]
    if days:
        calendar.add_missing_timezones(first_date=min(days) - datetime.timedelta(days=1),
                                       last_date=max(days) + datetime.timedelta(days=1))
    return calendar.to_ical()


def calendar_feed_ics(*, user, sessions, mentors: dict, base_url: str) -> bytes:
    """The feed for ``user``: times in the user's zone, with the VTIMEZONE it needs; ``mentors``: session id ->
    its mentors' names (``selectors.mentor_labels``)."""
    zone = zoneinfo.ZoneInfo(user.time_zone)
    now = timezone.now()
    host = urlsplit(base_url).hostname or "bimtek"
    calendar = Calendar.new(prodid=PRODID, name=_("bimtek schedule"),
                            uid=f"bimtek-calendar-{user.pk}@{host}",
                            description=_("Sessions of %(person)s") % {"person": user.get_full_name()},
                            refresh_interval=datetime.timedelta(hours=1))
    for session in sessions:
        calendar.add_component(_event(session, zone=zone, base_url=base_url, now=now,
                                      mentors=mentors.get(session.pk, [])))
    return _with_timezones(calendar, sessions, zone)


def session_ics(session, *, zone, base_url: str, mentors: list) -> bytes:
    """One session as a calendar file to attach to an e-mail (METHOD:PUBLISH: added, or updated by its UID), with
    its ``mentors``' names (``selectors.mentor_labels``)."""
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH")
    calendar.add_component(_event(session, zone=zone, base_url=base_url, now=timezone.now(), mentors=mentors))
    return _with_timezones(calendar, [session], zone)
