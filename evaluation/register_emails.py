"""E-mails of the register's review: the team's mentors when a version waits for them, the team's members when
a mentor answered. Each in its recipient's language and time zone, one message per recipient, queued after the
transaction commits (see evaluation/services/register.py)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from bimtek.mail import mail_queue, personal_messages
from evaluation.models import MasterPlan, PlanReview

logger = logging.getLogger(__name__)


def _plan_url(plan) -> str:
    return settings.BIMTEK_BASE_URL + reverse("register_version", kwargs={
        "program": plan.team.program_id, "team": plan.team_id, "number": plan.number})


def _send(recipients, template: str, context: dict) -> int:
    messages = personal_messages(recipients, f"evaluation/register/email/{template}", context)
    mail_queue(messages)  # a worker sends them, again later while the mail server is down
    logger.info("Sent %s e-mail to %d people", template, len(messages))
    return len(messages)


def plan_submitted(plan_id: int) -> int:
    """Tell the team's mentors that a register version waits for their review."""
    plan = MasterPlan.objects.select_related("team__region").get(pk=plan_id)
    mentors = get_user_model().objects.filter(mentor_assignments__team=plan.team_id, is_active=True)
    return _send(mentors, "plan_submitted", {"plan": plan, "team": plan.team, "url": _plan_url(plan)})


def plan_reviewed(review_id: int) -> int:
    """Tell every member of the team what a mentor decided or commented on their register."""
    review = PlanReview.objects.select_related("plan__team__region", "author").get(pk=review_id)
    members = get_user_model().objects.filter(participations__team=review.plan.team_id, is_active=True).distinct()
    return _send(members, "plan_reviewed", {"review": review, "plan": review.plan, "team": review.plan.team,
                                            "url": _plan_url(review.plan)})
