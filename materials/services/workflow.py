"""Drafts, feedback and extensions; the submission status machine lives here.

Every status change of a Submission goes through ``submission_transition``,
which refuses what makes no sense (approving nothing, a participant approving,
uploading to an approved submission) with a message meant for the person who
tried.
"""

import datetime
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.filestore import store_upload
from bimtek.models import AuditAction
from bimtek.program_cache import DRAFTS, program_data_changed
from bimtek.services import audit_record, audit_time
from materials import emails
from materials.models import Assignment, DraftVersion, Extension, Feedback, FileKind, Submission
from materials.selectors import standings, team_standing
from participants.models import Team

S = Submission.Status
UPLOAD, START_REVIEW, COMMENT, REQUEST_REVISION, APPROVE = (
    "upload", "start_review", "comment", "request_revision", "approve")
REVIEW_EVENTS = {START_REVIEW, COMMENT, REQUEST_REVISION, APPROVE}
DECISION_EVENT = {Feedback.Decision.COMMENT: COMMENT, Feedback.Decision.REVISION: REQUEST_REVISION,
                  Feedback.Decision.APPROVE: APPROVE}
_REVIEWABLE = {S.SUBMITTED: S.IN_REVIEW, S.IN_REVIEW: S.IN_REVIEW, S.RESUBMITTED: S.IN_REVIEW}

# (event, current status) -> next status. Anything missing is refused.
TRANSITIONS = {
    UPLOAD: {S.NOT_SUBMITTED: S.SUBMITTED, S.SUBMITTED: S.SUBMITTED, S.IN_REVIEW: S.RESUBMITTED,
             S.REVISION_REQUESTED: S.RESUBMITTED, S.RESUBMITTED: S.RESUBMITTED},
    START_REVIEW: {S.SUBMITTED: S.IN_REVIEW, S.RESUBMITTED: S.IN_REVIEW},
    COMMENT: {**_REVIEWABLE, S.REVISION_REQUESTED: S.REVISION_REQUESTED, S.APPROVED: S.APPROVED},
    # Requesting a revision of an approved submission reopens it.
    REQUEST_REVISION: {status: S.REVISION_REQUESTED for status in
                       (S.SUBMITTED, S.IN_REVIEW, S.RESUBMITTED, S.REVISION_REQUESTED, S.APPROVED)},
    APPROVE: {status: S.APPROVED for status in (S.SUBMITTED, S.IN_REVIEW, S.RESUBMITTED, S.REVISION_REQUESTED)},
}

# Feedback files: a marked-up copy of the draft in any office format.
MARKUP_KINDS = [kind.value for kind in FileKind]


def _refusal(event, status):
    if status == S.NOT_SUBMITTED:
        return _("There is nothing to review yet: the team has not uploaded a version.")
    if event == UPLOAD:
        return _("This assignment is approved and takes no new versions. If something must change, ask your "
                 "mentor to request a revision first.")
    if event == APPROVE:
        return _("This submission is approved already.")
    if event == START_REVIEW and status == S.IN_REVIEW:
        return _("This submission is already in review.")
    if event == START_REVIEW and status == S.REVISION_REQUESTED:
        return _("A revision was requested: the review starts again when the team uploads a new version.")
    return _("This submission is approved already.")


def next_status(current: str, event: str) -> str:
    """The status ``event`` leads to from ``current``; ValidationError if the step makes no sense."""
    target = TRANSITIONS[event].get(current)
    if target is None:
        raise ValidationError(_refusal(event, current), code="transition")
    return target


def _check_actor(event: str, actor, team: Team) -> None:
    """The rules decide who acts (materials/rules.py): team members upload, the team's mentors and the
    program's organizers review."""
    if event == UPLOAD and not actor.has_perm("materials.upload_draft", team):
        raise ValidationError(_("Only members of the team upload its drafts."), code="actor")
    if event in REVIEW_EVENTS and not actor.has_perm("materials.review_submission", team):
        raise ValidationError(_("Only the team's mentors and the program's organizers review drafts."),
                              code="actor")


def submission_transition(*, submission: Submission, event: str, actor, version: DraftVersion | None = None,
                          now: datetime.datetime | None = None) -> Submission:
    """Move a submission to the status ``event`` leads to, or refuse.

    Rules: only team members upload; only the team's mentors or organizers
    review, request revisions or approve; a decision needs a version and is
    taken on the latest one; an approved submission takes no new versions.
    ``waiting_since`` starts when a version arrives after the last decision and
    ends with the next decision. Call it with the submission row locked.
    """
    program_data_changed(submission.team.program_id, DRAFTS)
    _check_actor(event, actor, submission.team)
    target = next_status(submission.status, event)
    if event in (APPROVE, REQUEST_REVISION):
        latest = submission.versions.aggregate(latest=Max("number"))["latest"]
        if version is None or latest is None:
            raise ValidationError(_("There is nothing to review yet: the team has not uploaded a version."),
                                  code="transition")
        if version.number != latest:
            raise ValidationError(_("Decide on the latest version (v%(latest)s); earlier versions can only get "
                                    "comments.") % {"latest": latest}, code="transition")
    now = now or timezone.now()
    if target in Submission.WAITING and submission.status not in Submission.WAITING:
        submission.waiting_since = now
    elif target not in Submission.WAITING:
        submission.waiting_since = None
    submission.status = target
    submission.save(update_fields=["status", "waiting_since", "updated_at"])
    return submission


def _locked_submission(*, assignment: Assignment, team: Team) -> Submission:
    submission, _created = Submission.objects.select_for_update().get_or_create(team=team, assignment=assignment)
    submission.team = team
    return submission


@transaction.atomic
def draft_submit(*, assignment: Assignment, team: Team, file, uploaded_by, note: str = "",
                 addressed: Iterable[int] = (), now: datetime.datetime | None = None,
                 notify: bool = True) -> DraftVersion:
    """Add the next version (v1, v2, …) of a team's work: checked by content, numbered without gaps.

    Rules: only a member of the team uploads; the file must be one of the
    assignment's kinds and within its size limit (nothing is stored otherwise);
    a version after the team's due time (its extension, if any) is marked late;
    feedback the team marks in ``addressed`` records this version; the team's
    mentors are e-mailed after the commit.

    The file is checked and stored before the submission row is locked, so the lock
    is held only for the numbering; if the transaction fails the stored file is
    deleted again (bimtek.filestore).
    """
    program_data_changed(team.program_id, DRAFTS)
    if team.program_id != assignment.stage.program_id:
        raise ValidationError(_("This assignment belongs to another program."))
    _check_actor(UPLOAD, uploaded_by, team)
    current = Submission.objects.filter(team=team, assignment=assignment).values_list("status", flat=True).first()
    next_status(current or S.NOT_SUBMITTED, UPLOAD)
    version = DraftVersion(uploaded_by=uploaded_by, note=note.strip())
    store_upload(version, file, kinds=assignment.allowed_kinds, max_bytes=assignment.max_bytes)
    now = now or timezone.now()
    submission = _locked_submission(assignment=assignment, team=team)
    version.submission, version.uploaded_at = submission, now
    version.number = (submission.versions.aggregate(latest=Max("number"))["latest"] or 0) + 1
    version.is_late = team_standing(assignment, team, now=now).is_late(now)
    version.save()
    submission_transition(submission=submission, event=UPLOAD, actor=uploaded_by, version=version, now=now)
    addressed = list(addressed)
    if addressed:
        Feedback.objects.filter(pk__in=addressed, version__submission=submission, addressed_at__isnull=True,
                                version__number__lt=version.number).update(addressed_at=now, addressed_in=version)
    if notify:
        transaction.on_commit(partial(emails.version_arrived, version.pk), robust=True)
    return version


@transaction.atomic
def feedback_give(*, version: DraftVersion, mentor, comment: str, decision: str, file=None,
                  now: datetime.datetime | None = None, notify: bool = True) -> Feedback:
    """A mentor's comment and decision on one version, optionally with a marked-up file.

    Rules: only the team's mentors or organizers give feedback; a decision
    (revision or approval) is taken on the latest version; comments may go on
    any version; the status follows ``submission_transition``; the team's
    members are e-mailed after the commit.
    """
    program_data_changed(version.submission.team.program_id, DRAFTS)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Write what the team should know.")})
    submission = version.submission
    event = DECISION_EVENT.get(decision)
    if event is None:
        raise ValidationError({"decision": _("Choose a decision.")})
    _check_actor(event, mentor, submission.team)
    next_status(Submission.objects.values_list("status", flat=True).get(pk=submission.pk), event)
    feedback = Feedback(version=version, mentor=mentor, comment=comment, decision=decision)
    if file:
        store_upload(feedback, file, kinds=MARKUP_KINDS, max_bytes=submission.assignment.max_bytes)
    now = now or timezone.now()
    submission = _locked_submission(assignment=submission.assignment, team=submission.team)
    waiting_since = submission.waiting_since
    submission_transition(submission=submission, event=event, actor=mentor, version=version, now=now)
    feedback.created_at = now
    feedback.waited = now - waiting_since if waiting_since and event != COMMENT else None
    feedback.save()
    if notify:
        transaction.on_commit(partial(emails.feedback_arrived, feedback.pk), robust=True)
    return feedback


@transaction.atomic
def submission_review_start(*, submission: Submission, actor, now: datetime.datetime | None = None) -> Submission:
    """A mentor tells the team their latest version is being read (submitted/resubmitted → in review)."""
    submission = _locked_submission(assignment=submission.assignment, team=submission.team)
    return submission_transition(submission=submission, event=START_REVIEW, actor=actor, now=now)


def lateness_refresh(assignment: Assignment, team_ids: Iterable[int] | None = None) -> None:
    """Mark each version late or on time against its team's current due time (``Standing.is_late``)."""
    program_data_changed(assignment.stage.program_id, DRAFTS)
    teams = Team.objects.filter(submissions__assignment=assignment)
    if team_ids is not None:
        teams = teams.filter(pk__in=list(team_ids))
    by_due = {}
    for standing in standings([assignment], teams).values():
        by_due.setdefault(standing.due_at, []).append(standing.team.pk)
    for due, ids in by_due.items():
        group = DraftVersion.objects.filter(submission__assignment=assignment, submission__team_id__in=ids)
        group.filter(uploaded_at__gt=due, is_late=False).update(is_late=True)
        group.filter(uploaded_at__lte=due, is_late=True).update(is_late=False)


@transaction.atomic
def extension_grant(*, assignment: Assignment, team: Team, due_at: datetime.datetime, reason: str, granted_by,
                    now: datetime.datetime | None = None) -> Extension:
    """Give one team a later due time for one assignment, with a reason.

    Rules: only organizers or the team's mentors grant; the new time is after
    the assignment's own due time; granting again replaces the earlier
    extension. Versions already uploaded are marked late or on time again.
    """
    program_data_changed(team.program_id, DRAFTS)
    if not granted_by.has_perm("materials.grant_extension", team) or team.program_id != assignment.stage.program_id:
        raise ValidationError(_("Only the team's mentors and the program's organizers grant extensions."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if due_at <= assignment.due_at:
        raise ValidationError({"due_at": _("An extension gives a time after the assignment's due time.")})
    old_due = team_standing(assignment, team).due_at
    extension, _created = Extension.objects.update_or_create(
        assignment=assignment, team=team,
        defaults={"due_at": due_at, "reason": reason.strip(), "granted_by": granted_by,
                  "granted_at": now or timezone.now()},
    )
    lateness_refresh(assignment, [team.pk])
    _audit_team_due(assignment, team, old_due, due_at, granted_by)
    return extension


def _audit_team_due(assignment: Assignment, team: Team, old_due, new_due, actor) -> None:
    audit_record(program=assignment.stage.program, action=AuditAction.DUE_TIME_CHANGED,
                 subject=f"{assignment.title} — {team}", detail=f"{audit_time(old_due)} → {audit_time(new_due)}",
                 actor=actor)


@transaction.atomic
def extension_revoke(*, extension: Extension, actor) -> None:
    """Take an extension back: the team's due time is the assignment's again."""
    program_data_changed(extension.team.program_id, DRAFTS)
    if not actor.has_perm("materials.grant_extension", extension.team):
        raise ValidationError(_("Only the team's mentors and the program's organizers grant extensions."))
    assignment, team_id = extension.assignment, extension.team_id
    extension.delete()
    lateness_refresh(assignment, [team_id])
    _audit_team_due(assignment, extension.team, extension.due_at, assignment.due_at, actor)
