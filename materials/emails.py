"""E-mails of the review loop, each in its recipient's language and time zone.

They are sent after the transaction commits (see the services), one message
per recipient so nobody sees the others' addresses.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from bimtek.mail import mail_queue, personal_messages
from materials.models import DraftVersion, Feedback

logger = logging.getLogger(__name__)


def _submission_url(submission) -> str:
    return settings.BIMTEK_BASE_URL + reverse("submission_detail", kwargs={
        "program": submission.team.program_id, "assignment": submission.assignment_id, "team": submission.team_id})


def _send(recipients, template: str, context: dict) -> int:
    messages = personal_messages(recipients, f"materials/email/{template}", context)
    mail_queue(messages)  # a worker sends them, again later while the mail server is down
    logger.info("Sent %s e-mail to %d people", template, len(messages))
    return len(messages)


def version_arrived(version_id: int) -> int:
    """Tell the team's mentors that a new version waits for them."""
    version = DraftVersion.objects.select_related(
        "submission__team__region", "submission__assignment__stage", "uploaded_by").get(pk=version_id)
    submission = version.submission
    mentors = get_user_model().objects.filter(mentor_assignments__team=submission.team_id, is_active=True)
    return _send(mentors, "version_arrived", {"version": version, "submission": submission,
                                              "url": _submission_url(submission)})


def feedback_arrived(feedback_id: int) -> int:
    """Tell every member of the team that a mentor answered one of their versions."""
    feedback = Feedback.objects.select_related(
        "version__submission__team__region", "version__submission__assignment__stage", "mentor").get(pk=feedback_id)
    submission = feedback.version.submission
    members = get_user_model().objects.filter(participations__team=submission.team_id, is_active=True).distinct()
    return _send(members, "feedback_arrived", {"feedback": feedback, "version": feedback.version,
                                               "submission": submission, "url": _submission_url(submission)})


def assignment_reminder(recipients, *, assignment, team, due_at) -> int:
    """Remind a team's members that ``assignment`` is due at ``due_at`` (its extension's, if any) and not sent."""
    url = settings.BIMTEK_BASE_URL + reverse("submission_detail", kwargs={
        "program": team.program_id, "assignment": assignment.pk, "team": team.pk})
    return _send(recipients, "assignment_reminder", {"assignment": assignment, "team": team, "due_at": due_at,
                                                     "url": url})
