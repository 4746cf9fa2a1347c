"""Evaluation rounds: an organizer prepares a round (teams, period, scheme, assessors), opens it, and may change
who assesses whom until the round is finalised."""

import datetime
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bimtek.models import AuditAction, Program
from bimtek.services import audit_record
from evaluation import round_emails
from evaluation.models import Assessment, EvaluationRound, MasterPlan, RoundTeam, Scheme
from evaluation.selectors.rounds import program_evaluators
from evaluation.services.scheme import scheme_check
from participants.models import Team


def _check_dates(period_start, period_end, opens_on, closes_on) -> None:
    problems = {}
    if period_end < period_start:
        problems["period_end"] = _("The period evaluated ends before it starts.")
    if closes_on < opens_on:
        problems["closes_on"] = _("The self-assessment closes before it opens.")
    if problems:
        raise ValidationError(problems)


def _check_assessors(program: Program, assessors_by_team: dict) -> None:
    evaluator_ids = {user.pk for user in program_evaluators(program)}
    chosen = {user.pk for users in assessors_by_team.values() for user in users}
    if chosen - evaluator_ids:
        raise ValidationError(_("Only the program's evaluators can assess teams."))


def newest_approved_plans(team_ids: Iterable[int]) -> dict:
    """Team id -> its newest approved register version (teams without one are left out); one query."""
    plans = {}
    for plan in (MasterPlan.objects.filter(team_id__in=list(team_ids), status=MasterPlan.Status.APPROVED)
                 .order_by("team_id", "-number")):
        plans.setdefault(plan.team_id, plan)
    return plans


@transaction.atomic
def round_create(*, program: Program, scheme: Scheme, title: str, period_start: datetime.date,
                 period_end: datetime.date, opens_on: datetime.date, closes_on: datetime.date, teams: Iterable[Team],
                 assessors_by_team: dict | None = None, actor=None) -> EvaluationRound:
    """A round of ``program`` being prepared (not yet visible to the teams): each team measured against its newest
    approved register (none when it has no approved one), assessed by ``assessors_by_team[team.pk]``."""
    teams = list(teams)
    assessors_by_team = assessors_by_team or {}
    if scheme.program_id != program.pk:
        raise ValidationError({"scheme": _("This scheme belongs to another program.")})
    try:
        scheme_check(scheme)
    except ValidationError as error:
        raise ValidationError({"scheme": error.messages}) from None
    _check_dates(period_start, period_end, opens_on, closes_on)
    if not teams:
        raise ValidationError({"teams": _("Choose at least one team.")})
    if any(team.program_id != program.pk for team in teams):
        raise ValidationError({"teams": _("Every team must belong to this program.")})
    _check_assessors(program, assessors_by_team)
    evaluation_round = EvaluationRound.objects.create(
        program=program, scheme=scheme, title=title.strip(), period_start=period_start, period_end=period_end,
        opens_on=opens_on, closes_on=closes_on, created_by=actor)
    plans = newest_approved_plans(team.pk for team in teams)
    round_teams = RoundTeam.objects.bulk_create(
        RoundTeam(round=evaluation_round, team=team, plan=plans.get(team.pk)) for team in teams)
    Assessment.objects.bulk_create(
        Assessment(round_team=round_team, assessor=user)
        for round_team in round_teams for user in assessors_by_team.get(round_team.team_id, ()))
    audit_record(program=program, action=AuditAction.EVALUATION_ROUND_PREPARED, subject=evaluation_round.title,
                 detail=_("%(count)s teams") % {"count": len(teams)}, actor=actor)
    return evaluation_round


@transaction.atomic
def round_open(*, evaluation_round: EvaluationRound, actor=None, notify: bool = True) -> EvaluationRound:
    """Open a round being prepared: its teams see their self-assessment, and their members are e-mailed."""
    evaluation_round = EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)
    if evaluation_round.status != EvaluationRound.Status.DRAFT:
        raise ValidationError(_("This round is already open."))
    if not evaluation_round.round_teams.exists():
        raise ValidationError(_("The round has no teams."))
    try:
        scheme_check(evaluation_round.scheme)
    except ValidationError as error:
        raise ValidationError([_("The round's scheme is not ready:"), *error.messages]) from None
    evaluation_round.status = EvaluationRound.Status.OPEN
    evaluation_round.save(update_fields=["status"])
    audit_record(program=evaluation_round.program, action=AuditAction.EVALUATION_ROUND_OPENED,
                 subject=evaluation_round.title, actor=actor)
    if notify:
        transaction.on_commit(partial(round_emails.round_opened, evaluation_round.pk), robust=True)
    return evaluation_round


@transaction.atomic
def round_team_set_assessors(*, round_team: RoundTeam, assessors: Iterable, actor=None) -> RoundTeam:
    """Make ``assessors`` (the program's evaluators) the team's assessors in the round, until it is finalised.
    An assessor who has already submitted their scores stays."""
    round_team = RoundTeam.objects.select_for_update(of=("self",)).select_related("round__program", "team").get(
        pk=round_team.pk)
    evaluation_round = round_team.round
    if evaluation_round.status == EvaluationRound.Status.FINALISED or \
            round_team.status == RoundTeam.Status.FINALISED:
        raise ValidationError(_("The assessors of a finalised round cannot be changed any more."))
    assessors = list(assessors)
    _check_assessors(evaluation_round.program, {round_team.team_id: assessors})
    wanted = {user.pk for user in assessors}
    current = {a.assessor_id: a for a in round_team.assessments.select_related("assessor")}
    removed = [a for user_id, a in current.items() if user_id not in wanted]
    submitted = [a for a in removed if a.submitted_at is not None]
    if submitted:
        raise ValidationError(_("%(person)s has already submitted scores for this team and stays its assessor.")
                              % {"person": submitted[0].assessor})
    Assessment.objects.filter(pk__in=[a.pk for a in removed]).delete()
    Assessment.objects.bulk_create(Assessment(round_team=round_team, assessor_id=user_id)
                                   for user_id in wanted - set(current))
    if removed or wanted - set(current):
        audit_record(program=evaluation_round.program, action=AuditAction.EVALUATION_ASSESSORS_CHANGED,
                     subject=str(round_team.team), detail=evaluation_round.title, actor=actor)
    return round_team


@transaction.atomic
def round_set_assessors(*, evaluation_round: EvaluationRound, assessors_by_round_team: dict, actor=None) -> int:
    """Set every team's assessors at once (round team id -> evaluators; a team left out gets none); returns how
    many teams changed."""
    round_teams = list(evaluation_round.round_teams.prefetch_related("assessments"))
    if set(assessors_by_round_team) - {round_team.pk for round_team in round_teams}:
        raise ValidationError(_("A team is not in this round."))
    changed = 0
    for round_team in round_teams:
        wanted = {user.pk for user in assessors_by_round_team.get(round_team.pk, ())}
        if wanted != {a.assessor_id for a in round_team.assessments.all()}:
            round_team_set_assessors(round_team=round_team, assessors=assessors_by_round_team.get(round_team.pk, ()),
                                     actor=actor)
            changed += 1
    return changed
