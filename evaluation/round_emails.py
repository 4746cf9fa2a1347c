"""E-mails of a round to the teams, each in its recipient's language and time zone, one message per person."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from bimtek.mail import mail_queue, personal_messages
from evaluation.models import EvaluationRound, RoundTeam
from participants.models import Participant

logger = logging.getLogger(__name__)


def self_assessment_url(round_team) -> str:
    return settings.BIMTEK_BASE_URL + reverse("evaluation_self_assessment", kwargs={
        "program": round_team.round.program_id, "round": round_team.round_id, "team": round_team.team_id})


def _messages(recipients, template: str, context: dict) -> list:
    return personal_messages(recipients, f"evaluation/rounds/email/{template}", context)


def round_opened(round_id: int) -> int:
    """Tell every member of every team in the round that their self-assessment is open; one batch."""
    evaluation_round = EvaluationRound.objects.select_related("program").get(pk=round_id)
    round_teams = {rt.team_id: rt for rt in RoundTeam.objects.filter(round=evaluation_round)
                   .select_related("team__region", "round")}
    messages = []
    for member in (Participant.objects.filter(team__in=list(round_teams), user__is_active=True)
                   .select_related("user").order_by("team_id", "pk")):
        round_team = round_teams[member.team_id]
        messages += _messages([member.user], "round_opened", {
            "round": evaluation_round, "team": round_team.team, "url": self_assessment_url(round_team)})
    mail_queue(messages)
    logger.info("Sent round_opened e-mail to %d people", len(messages))
    return len(messages)


def self_assessment_returned(round_team_id: int) -> int:
    """Tell the team's members that an assessor sent their self-assessment back, and why."""
    round_team = RoundTeam.objects.select_related("round__program", "team__region").get(pk=round_team_id)
    members = get_user_model().objects.filter(participations__team=round_team.team_id, is_active=True).distinct()
    messages = _messages(members, "self_assessment_returned", {
        "round": round_team.round, "team": round_team.team, "round_team": round_team,
        "url": self_assessment_url(round_team)})
    mail_queue(messages)
    return len(messages)
