"""The team's self-assessment: answers with an own score, evidence, the progress of the register's programs; saved
as a draft, submitted once, sent back by an assessor with a reason.

When the team may change it: while the round is open, from the day the self-assessment opens to the day it
closes (both included). Before it opens the page is read-only. After it closes nothing more can be saved or
submitted, unless an assessor has sent the self-assessment back: then the team may change it and submit it
again whatever the date. Once submitted it is read-only until sent back.
"""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bimtek.filestore import delete_after_commit, store_upload
from bimtek.models import AuditAction
from bimtek.services import audit_record
from evaluation import round_emails
from evaluation.models import Answer, EvaluationRound, Evidence, ProgramProgress, RoundTeam
from evaluation.selectors.self_assessment import missing_for_submission, self_assessment_data

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "png", "jpeg")
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
Status = RoundTeam.Status


def editing_refusal(round_team: RoundTeam, *, today: datetime.date | None = None) -> str | None:
    """Why the team cannot change its self-assessment now, or None when it can."""
    today = today or timezone.localdate()
    evaluation_round = round_team.round
    if evaluation_round.status == EvaluationRound.Status.DRAFT:
        return _("This round is still being prepared.")
    if evaluation_round.status == EvaluationRound.Status.FINALISED or round_team.status == Status.FINALISED:
        return _("This round is finalised; the self-assessment can no longer be changed.")
    if round_team.status == Status.SUBMITTED:
        return _("The self-assessment is submitted. It can only be changed again if an assessor sends it back.")
    if today < evaluation_round.opens_on:
        return _("The self-assessment opens on %(date)s.") % {"date": date_format(evaluation_round.opens_on)}
    if today > evaluation_round.closes_on and round_team.status != Status.RETURNED:
        return _("The self-assessment closed on %(date)s.") % {"date": date_format(evaluation_round.closes_on)}
    return None


def _locked(round_team: RoundTeam, today) -> RoundTeam:
    locked = RoundTeam.objects.select_for_update(of=("self",)).select_related("round__scheme", "round__program",
                                                                               "team").get(pk=round_team.pk)
    refusal = editing_refusal(locked, today=today)
    if refusal:
        raise ValidationError(refusal)
    return locked


@transaction.atomic
def self_assessment_save(*, round_team: RoundTeam, actor, answers: dict | None = None, progress: dict | None = None,
                         files: dict | None = None, today: datetime.date | None = None) -> RoundTeam:
    """Save the team's draft.

    ``answers``: question id -> {"text", "self_score"}; ``progress``: register program id -> {"status",
    "current_value", "note"} (a program without a status is left unreported); ``files``: question id -> list of
    uploaded files, each checked by its content (PDF, Word, Excel, PNG, JPEG) and stored as evidence.
    """
    round_team = _locked(round_team, today)
    data = self_assessment_data(round_team)
    questions = {row.question.pk: row for row in data.questions}
    levels = {block.aspect.pk: {level.value for level in block.levels} for block in data.aspects}
    existing = {row.question.pk: row.answer for row in data.questions if row.answer is not None}
    answers, progress, files = answers or {}, progress or {}, files or {}
    if set(answers) - set(questions) or set(files) - set(questions):
        raise ValidationError(_("A question does not belong to this round's scheme."))
    programs = {row.plan_program.pk: row for row in data.programs}
    if set(progress) - set(programs):
        raise ValidationError(_("A program does not belong to the team's register."))

    changed, created = [], []
    for question_id, values in answers.items():
        score = values.get("self_score")
        if score is not None and score not in levels[questions[question_id].question.aspect_id]:
            raise ValidationError(_("The own score must be one of the aspect's levels."))
        answer = existing.get(question_id) or Answer(round_team=round_team, question_id=question_id)
        answer.text, answer.self_score = (values.get("text") or "").strip(), score
        (changed if answer.pk else created).append(answer)
    for question_id in files:
        if question_id not in existing and question_id not in answers:
            created.append(Answer(round_team=round_team, question_id=question_id))
    now = timezone.now()
    for answer in changed:
        answer.updated_at = now
    Answer.objects.bulk_update(changed, ["text", "self_score", "updated_at"])
    for answer in created:
        answer.save()
    by_question = {**existing, **{answer.question_id: answer for answer in changed + created}}
    for question_id, uploads in files.items():
        for upload in uploads:
            evidence = Evidence(answer=by_question[question_id], uploaded_by=actor)
            try:
                store_upload(evidence, upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
            except ValidationError as error:
                raise ValidationError({f"q{question_id}_file": error.message_dict["file"]}) from None
            evidence.save()

    keep, drop = [], []
    for program_id, values in progress.items():
        current = programs[program_id].progress
        if not values.get("status"):
            if current is not None:
                drop.append(current.pk)
            continue
        row = current or ProgramProgress(round_team=round_team, plan_program_id=program_id)
        row.status, row.current_value = values["status"], values.get("current_value")
        row.note = (values.get("note") or "").strip()
        keep.append(row)
    ProgramProgress.objects.filter(pk__in=drop).delete()
    ProgramProgress.objects.bulk_update([row for row in keep if row.pk], ["status", "current_value", "note"])
    ProgramProgress.objects.bulk_create([row for row in keep if not row.pk])

    if round_team.status == Status.NOT_STARTED:
        round_team.status = Status.DRAFT
        round_team.save(update_fields=["status"])
    return round_team


@transaction.atomic
def self_assessment_submit(*, round_team: RoundTeam, actor, today: datetime.date | None = None) -> RoundTeam:
    """Submit once: every question answered with an own score, evidence where required, every register program's
    progress reported. Refused with the list of what is missing."""
    round_team = _locked(round_team, today)
    missing = missing_for_submission(self_assessment_data(round_team))
    if missing:
        raise ValidationError([_("The self-assessment cannot be submitted yet:"), *missing])
    round_team.status, round_team.submitted_at = Status.SUBMITTED, timezone.now()
    round_team.save(update_fields=["status", "submitted_at"])
    return round_team


@transaction.atomic
def self_assessment_return(*, round_team: RoundTeam, reason: str, actor, notify: bool = True) -> RoundTeam:
    """An assessor or organizer sends a submitted self-assessment back to the team, with the reason they read."""
    round_team = RoundTeam.objects.select_for_update(of=("self",)).select_related(
        "round__program", "team").get(pk=round_team.pk)
    reason = reason.strip()
    if round_team.round.status == EvaluationRound.Status.FINALISED or round_team.status == Status.FINALISED:
        raise ValidationError(_("This round is finalised; the self-assessment can no longer be sent back."))
    if round_team.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted self-assessment can be sent back."))
    if not reason:
        raise ValidationError({"reason": _("Say why it is sent back, so the team knows what to change.")})
    round_team.status, round_team.returned_reason = Status.RETURNED, reason
    round_team.save(update_fields=["status", "returned_reason"])
    audit_record(program=round_team.round.program, action=AuditAction.EVALUATION_SELF_ASSESSMENT_RETURNED,
                 subject=str(round_team.team), detail=reason, actor=actor)
    if notify:
        transaction.on_commit(partial(round_emails.self_assessment_returned, round_team.pk), robust=True)
    return round_team


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor, today: datetime.date | None = None) -> None:
    """Take back a piece of evidence while the self-assessment can still be changed."""
    _locked(evidence.answer.round_team, today)
    evidence.delete()
    delete_after_commit(evidence.file)
