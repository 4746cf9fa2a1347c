"""E-mails to the people expected at a session when it is scheduled (the invitation), changes or is cancelled.

Each recipient reads the message in their own language with the times in their
own zone (the zone named). Messages are handed to a worker after the transaction commits
(bimtek.mail: retried while the mail server is down), one message per person so nobody sees the others'
addresses.
"""

import zoneinfo
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from bimtek.mail import mail_queue, render_subject, render_text
from sessions import selectors
from sessions.ical import session_ics
from sessions.models import TrainingSession


def after_commit(function, **kwargs):
    transaction.on_commit(lambda: function(**kwargs))


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _send(*, session, recipient_ids, template, extra, calendar=False):
    """``calendar``: attach the session as an iCalendar file, in each group's zone, to add or update it."""
    users = list(get_user_model().objects.filter(pk__in=recipient_ids, is_active=True)
                 .order_by("language", "time_zone", "pk"))
    if not users:
        return 0
    url = settings.BIMTEK_BASE_URL + reverse("session_detail", kwargs={"program": session.stage.program_id,
                                                                       "session": session.pk})
    messages = []
    mentors = selectors.mentor_labels([session.pk]).get(session.pk, []) if calendar else []
    for (language, zone_name), group in groupby(users, key=lambda u: (u.language, u.time_zone)):
        with translation.override(language or settings.LANGUAGE_CODE), timezone.override(_zone(zone_name)):
            context = {"session": session, "stage": session.stage, "program": session.stage.program, "url": url,
                       "base_url": settings.BIMTEK_BASE_URL, **extra}
            subject = render_subject(f"sessions/email/{template}_subject.txt", context)
            body = render_text(f"sessions/email/{template}_message.txt", context)
            ics = (session_ics(session, zone=_zone(zone_name), base_url=settings.BIMTEK_BASE_URL, mentors=mentors)
                   if calendar else None)
        for user in group:
            message = EmailMessage(subject, body, None, [user.email])
            if ics:
                message.attach("sesi.ics", ics, "text/calendar; method=PUBLISH; charset=utf-8")
            messages.append(message)
    return mail_queue(messages)


def _session(session_id):
    return TrainingSession.objects.select_related("stage__program").get(pk=session_id)


def session_scheduled(*, session_id, recipient_ids):
    """The invitation (undangan) to everyone expected at a newly scheduled session, with its calendar entry."""
    return _send(session=_session(session_id), recipient_ids=recipient_ids, template="session_scheduled",
                 extra={}, calendar=True)


def session_changed(*, session_id, changes, previous, recipient_ids, removed_ids, changed_by_id=None):
    session = _session(session_id)
    sent = _send(session=session, recipient_ids=recipient_ids, template="session_changed",
                 extra={"changes": set(changes), "previous": previous}, calendar=True)
    sent += _send(session=session, recipient_ids=removed_ids, template="session_removed", extra={})
    return sent


def session_cancelled(*, session_id, recipient_ids, changed_by_id=None):
    return _send(session=_session(session_id), recipient_ids=recipient_ids, template="session_cancelled", extra={})


def session_reminder(*, session, recipient_ids) -> int:
    """Remind the people expected at ``session`` that it is coming (sessions/reminders.py decides when)."""
    return _send(session=session, recipient_ids=recipient_ids, template="session_reminder", extra={})
