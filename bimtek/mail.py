"""E-mail: written as plain text, and never lost.

Plain text: rendered by the "text" template engine, which does not HTML-escape, so "Jum'at & Sabtu"
arrives as written (render_text, render_subject). Never lost: each message is a task, tried again later
while the mail server is down.

``mail_queue(messages)`` records one task per message (in the caller's transaction when there is one, so a
message leaves only if what it tells about was saved); a worker sends it. A refused or unreachable server
(``SMTPException``, ``OSError``) means another try after ``BIMTEK_MAIL_RETRY_SECONDS`` × 2^(n-1), up to
``BIMTEK_MAIL_ATTEMPTS`` tries; then the task fails with its traceback kept in the task results.
"""

import datetime
import logging
import smtplib
import zoneinfo
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template import engines
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)


def _backend() -> str:
    return settings.BIMTEK_MAIL_TASK_BACKEND


def mail_queue(messages) -> int:
    """Hand each of ``messages`` (EmailMessage, plain text; text attachments such as a calendar entry) to a
    worker; return how many."""
    count = 0
    for message in messages:
        data = {"subject": message.subject, "body": message.body, "from_email": message.from_email,
                "to": list(message.to), "reply_to": list(message.reply_to),
                "attachments": [[name, content, mimetype] for name, content, mimetype in message.attachments]}
        mail_send.using(backend=_backend()).enqueue(data)
        count += 1
    return count


@task()
def mail_send(message: dict, attempt: int = 1) -> None:
    try:
        with get_connection() as connection:
            email = EmailMessage(message["subject"], message["body"], message["from_email"], message["to"],
                                 reply_to=message.get("reply_to") or None, connection=connection)
            for name, content, mimetype in message.get("attachments", []):
                email.attach(name, content, mimetype)
            email.send()
    except (smtplib.SMTPException, OSError):
        if attempt >= settings.BIMTEK_MAIL_ATTEMPTS:
            logger.exception("E-mail %r to %s not sent after %d attempts", message["subject"], message["to"], attempt)
            raise
        delay = datetime.timedelta(seconds=settings.BIMTEK_MAIL_RETRY_SECONDS * 2 ** (attempt - 1))
        logger.warning("E-mail to %s not sent (attempt %d); trying again in %s", message["to"], attempt, delay)
        mail_send.using(backend=_backend(), run_after=timezone.now() + delay).enqueue(message, attempt + 1)


def render_text(template_name: str, context: dict) -> str:
    return engines["text"].get_template(template_name).render(context)


def render_subject(template_name: str, context: dict) -> str:
    """The subject on one line, whatever line breaks the template has."""
    return " ".join(render_text(template_name, context).split())


@contextmanager
def as_read_by(user):
    """Render in the language and time zone ``user`` reads in (the site's own where theirs is unset or unknown)."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(zone):
        yield


def personal_messages(recipients, template_prefix: str, context: dict) -> list[EmailMessage]:
    """One message per recipient (nobody sees the others' addresses), from ``<template_prefix>_subject.txt`` and
    ``<template_prefix>_message.txt``, each in its recipient's language and zone, with ``recipient`` in the
    context."""
    messages = []
    for user in recipients:
        with as_read_by(user):
            personal = {**context, "recipient": user}
            subject = render_subject(f"{template_prefix}_subject.txt", personal)
            body = render_text(f"{template_prefix}_message.txt", personal)
        messages.append(EmailMessage(subject, body, to=[user.email]))
    return messages
