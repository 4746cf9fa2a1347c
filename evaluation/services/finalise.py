"""Finalising: the organizer fixes each aspect's agreed score and every team's index, per team or per round."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import AuditAction
from bimtek.services import audit_record
from evaluation.models import EvaluationRound, FinalScore, ProgramProgress, RoundTeam
from evaluation.selectors.assessment import (
    agreement_flags,
    finalise_problems,
    round_assessments,
    scheme_aspects,
)
from evaluation.selectors.index import index_compute, max_level, mean_score, register_shares


def previous_index(round_team: RoundTeam) -> Decimal | None:
    """The region's index in its most recent finalised round before this one, of any program."""
    return RoundTeam.objects.filter(
        team__region_id=round_team.team.region_id, status=RoundTeam.Status.FINALISED, index__isnull=False,
        round__period_end__lt=round_team.round.period_end).exclude(pk=round_team.pk).order_by(
        "-round__period_end", "-round__finalised_at").values_list("index", flat=True).first()


def _check_agreed(aspects, agreed: dict) -> None:
    by_id = {aspect.pk: aspect for aspect in aspects}
    for aspect_id, (score, note) in agreed.items():
        aspect = by_id.get(aspect_id)
        if aspect is None:
            raise ValidationError(_("An agreed score was given for an aspect that is not in the scheme."))
        low = min(level.value for level in aspect.levels.all())
        if not low <= score <= max_level(aspect):
            raise ValidationError(_("%(aspect)s: the agreed score lies between %(low)s and %(high)s.")
                                  % {"aspect": aspect.name, "low": low, "high": max_level(aspect)})
        if not note.strip():
            raise ValidationError(_("%(aspect)s: say in a note why this score was agreed.") % {"aspect": aspect.name})


def _finalise_one(round_team, assessments, aspects, agreed: dict) -> None:
    means = {}
    for assessment in assessments:
        for score in assessment.scores.all():
            means.setdefault(score.aspect_id, []).append(score.score)
    scores = {aspect.pk: (Decimal(agreed[aspect.pk][0]) if aspect.pk in agreed else mean_score(means[aspect.pk]))
              for aspect in aspects}
    previous = previous_index(round_team)
    result = index_compute(aspects=aspects, scores=scores, previous_index=previous)
    FinalScore.objects.bulk_create(
        FinalScore(round_team=round_team, aspect=part.aspect, score=part.score, contribution=part.contribution,
                   note=agreed[part.aspect.pk][1].strip() if part.aspect.pk in agreed else "")
        for part in result.parts)
    programs = list(round_team.plan.programs.all()) if round_team.plan_id else []
    statuses = dict(ProgramProgress.objects.filter(round_team=round_team).values_list("plan_program_id", "status"))
    programs_done, quick_wins_done = register_shares(programs, statuses)
    round_team.index, round_team.previous_index = result.index, previous
    round_team.programs_done_share, round_team.quick_wins_done_share = programs_done, quick_wins_done
    round_team.status = RoundTeam.Status.FINALISED
    round_team.save(update_fields=["index", "previous_index", "programs_done_share", "quick_wins_done_share",
                                   "status"])


@transaction.atomic
def round_finalise(*, evaluation_round: EvaluationRound, round_team_ids=None, agreed: dict | None = None) -> list:
    """Finalise the round's teams (``round_team_ids``, else every team not finalised yet): each aspect's agreed
    score is the mean of its assessors' scores, or the organizer's (``agreed``: round team id → aspect id →
    (score, note)) where the assessors disagree; then the team's index and shares. Refused, with every reason,
    while an assessment is missing or unsubmitted or a disagreement has no agreed score. The round is
    finalised once all its teams are. Returns the teams finalised."""
    agreed = agreed or {}
    evaluation_round = EvaluationRound.objects.select_for_update().select_related("scheme", "program").get(
        pk=evaluation_round.pk)
    aspects = scheme_aspects(evaluation_round.scheme)
    teams = RoundTeam.objects.filter(round=evaluation_round).select_related("team__region", "round", "plan") \
        .select_for_update(of=("self",))
    if round_team_ids is not None:
        teams = teams.filter(pk__in=round_team_ids)
        if not teams:
            raise ValidationError(_("Choose a team of this round."))
    else:
        teams = teams.exclude(status=RoundTeam.Status.FINALISED)
        if not teams:
            raise ValidationError(_("Every team of this round is already finalised."))
    teams = list(teams)
    assessments = round_assessments(evaluation_round)
    problems = []
    for round_team in teams:
        team_agreed = agreed.get(round_team.pk, {})
        _check_agreed(aspects, team_agreed)
        team_assessments = assessments.get(round_team.pk, [])
        flags = agreement_flags(team_assessments, aspects, evaluation_round.scheme.agreement_gap) \
            if team_assessments else []
        problems += finalise_problems(round_team, team_assessments, flags, team_agreed)
    if problems:
        raise ValidationError([_("Not finalised yet:")] + problems)
    for round_team in teams:
        _finalise_one(round_team, assessments[round_team.pk], aspects, agreed.get(round_team.pk, {}))
    if not RoundTeam.objects.filter(round=evaluation_round).exclude(status=RoundTeam.Status.FINALISED).exists():
        evaluation_round.status = EvaluationRound.Status.FINALISED
        evaluation_round.finalised_at = timezone.now()
        evaluation_round.save(update_fields=["status", "finalised_at"])
    audit_record(program=evaluation_round.program, action=AuditAction.EVALUATION_FINALISED,
                 subject=[str(round_team.team) for round_team in teams], detail=evaluation_round.title)
    return teams

