"""An assessor's work on one team: scores with notes, submitting, the verification interview; the organizer's
reopening of a submitted assessment."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import AuditAction, Stage
from bimtek.services import audit_record
from evaluation.models import AspectScore, Assessment, RoundTeam
from evaluation.selectors.assessment import scheme_aspects
from sessions.models import TrainingSession
from sessions.services import session_create


def _locked(assessment: Assessment) -> Assessment:
    """The assessment read again under a lock, so two tabs or a finalising organizer cannot interleave."""
    return Assessment.objects.select_for_update(of=("self",)).select_related(
        "round_team__round__scheme", "round_team__round__program", "round_team__team", "assessor").get(
        pk=assessment.pk)


def _ensure_scorable(assessment: Assessment) -> None:
    round_team = assessment.round_team
    if round_team.status == RoundTeam.Status.FINALISED:
        raise ValidationError(_("This team's scores are finalised and cannot be changed."))
    if assessment.submitted_at is not None:
        raise ValidationError(_("You have submitted this assessment. Ask an organizer to reopen it to change it."))
    if round_team.status != RoundTeam.Status.SUBMITTED:
        raise ValidationError(_("The team has not submitted its self-assessment; it can be scored once it has."))


@transaction.atomic
def assessment_save(*, assessment: Assessment, scores: dict) -> None:
    """Keep the assessor's scores (``scores``: aspect id → (score or None, note)); an aspect without a score is
    left unscored. Every score is a level of its aspect's scale."""
    assessment = _locked(assessment)
    _ensure_scorable(assessment)
    aspects = {aspect.pk: aspect for aspect in scheme_aspects(assessment.round_team.round.scheme)}
    errors = []
    for aspect_id, (score, note) in scores.items():
        aspect = aspects.get(aspect_id)
        if aspect is None:
            errors.append(_("An aspect that is not in the round's scheme was scored."))
        elif score is None and note.strip():
            errors.append(_("%(aspect)s: choose a score to keep the note.") % {"aspect": aspect.name})
        elif score is not None and score not in {level.value for level in aspect.levels.all()}:
            errors.append(_("%(aspect)s: %(score)s is not a level of the scale.") % {"aspect": aspect.name,
                                                                                   "score": score})
    if errors:
        raise ValidationError(errors)
    existing = {row.aspect_id: row for row in assessment.scores.all()}
    for aspect_id, (score, note) in scores.items():
        row = existing.get(aspect_id)
        if score is None:
            if row is not None:
                row.delete()
            continue
        if row is None:
            AspectScore.objects.create(assessment=assessment, aspect_id=aspect_id, score=score, note=note.strip())
        elif (row.score, row.note) != (score, note.strip()):
            row.score, row.note = score, note.strip()
            row.save(update_fields=["score", "note"])


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Submit the assessment once every aspect of the scheme has a score; it is read-only afterwards."""
    assessment = _locked(assessment)
    _ensure_scorable(assessment)
    scored = set(assessment.scores.values_list("aspect_id", flat=True))
    missing = [aspect.name for aspect in scheme_aspects(assessment.round_team.round.scheme) if aspect.pk not in scored]
    if missing:
        raise ValidationError(_("Score every aspect before submitting. Not scored yet: %(aspects)s.")
                              % {"aspects": ", ".join(missing)})
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    audit_record(program=assessment.round_team.round.program, action=AuditAction.EVALUATION_ASSESSMENT_SUBMITTED,
                 subject=str(assessment.round_team.team), actor=assessment.assessor)
    return assessment


@transaction.atomic
def assessment_reopen(*, assessment: Assessment) -> Assessment:
    """An organizer lets the assessor change a submitted assessment again, until the team is finalised."""
    assessment = _locked(assessment)
    if assessment.round_team.status == RoundTeam.Status.FINALISED:
        raise ValidationError(_("This team's scores are finalised and cannot be changed."))
    if assessment.submitted_at is None:
        raise ValidationError(_("This assessment has not been submitted."))
    assessment.submitted_at = None
    assessment.save(update_fields=["submitted_at"])
    audit_record(program=assessment.round_team.round.program, action=AuditAction.EVALUATION_ASSESSMENT_REOPENED,
                 subject=str(assessment.round_team.team), detail=str(assessment.assessor))
    return assessment


@transaction.atomic
def assessment_schedule_interview(*, assessment: Assessment, stage: Stage, starts_at: datetime.datetime,
                                  ends_at: datetime.datetime, venue: str = "", meeting_url: str = "",
                                  notify: bool = True) -> TrainingSession:
    """Schedule a verification interview: a session of the program that expects the team, led by the assessor
    (who keeps its attendance as a session's mentor does), on or after the chosen stage's start — the evaluation
    comes after the bimtek —, linked to the assessment."""
    round_team = assessment.round_team
    if round_team.status == RoundTeam.Status.FINALISED:
        raise ValidationError(_("This team's scores are finalised; no interview is needed any more."))
    if stage.program_id != round_team.round.program_id:
        raise ValidationError({"stage": _("Choose a stage of this program.")})
    session = session_create(
        stage=stage, title=_("Verification interview: %(team)s") % {"team": round_team.team},
        kind=TrainingSession.Kind.INTERVIEW, starts_at=starts_at, ends_at=ends_at, venue=venue,
        meeting_url=meeting_url, mentors=[assessment.assessor], all_teams=False, expected_teams=[round_team.team],
        created_by=assessment.assessor,
        confirm_conflicts=True, notify=notify)
    assessment.interview = session
    assessment.save(update_fields=["interview"])
    audit_record(program=round_team.round.program, action=AuditAction.EVALUATION_INTERVIEW_SCHEDULED,
                 subject=str(round_team.team), actor=assessment.assessor)
    return session
