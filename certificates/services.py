"""State changes for certificates. Views validate, then call one of these.

Numbering: every issue locks the program's CertificateSettings row (SELECT …
FOR UPDATE) before it reads who already has a certificate and before it takes
numbers from the counter on that row, and raises the counter in the same
transaction. Two organizers issuing at once are therefore served one after the
other: no number twice, no gap (a rolled-back issue rolls its numbers back),
and no person twice.
"""

import datetime
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek import images
from bimtek.filestore import clear_upload, delete_after_commit, store_upload
from bimtek.formats import long_date_id
from bimtek.forms import KEEP, REMOVE
from bimtek.models import AuditAction, Program
from bimtek.numbering import check_number_format, format_number
from bimtek.program_cache import program_data_changed
from bimtek.services import ProgramCloning, audit_record, row_copy
from certificates import assets, eligibility, selectors
from certificates.models import Certificate, CertificateSettings, CertificateTemplate, Kind, ManualIssue, Signatory
from certificates.variables import Holder, check_placeholders, evaluate
from participants.models import Participant
from participants.selectors import program_mentors

# --- settings --------------------------------------------------------------------------------------

def _locked_settings(program: Program) -> CertificateSettings:
    """The program's settings row, locked until the end of the transaction (created on first use)."""
    try:
        return CertificateSettings.objects.select_for_update().get(program=program)
    except CertificateSettings.DoesNotExist:
        try:
            with transaction.atomic():
                CertificateSettings.objects.create(program=program)
        except IntegrityError:
            pass  # created by a concurrent transaction in the meantime
        return CertificateSettings.objects.select_for_update().get(program=program)


@transaction.atomic
def certificate_settings_update(*, program: Program, min_attendance_percent: int,
                                require_approved_assignments: bool, number_format: str,
                                lesson_hours: int | None) -> CertificateSettings:
    """Set the program's eligibility rule and number format.

    The format must contain {seq} exactly once so numbers never repeat; numbers
    already issued keep the format they were issued with.
    """
    program_data_changed(program)
    if not 0 <= min_attendance_percent <= 100:
        raise ValidationError(_("The minimum attendance is a percentage from 0 to 100."))
    check_number_format(number_format)
    settings = _locked_settings(program)
    settings.min_attendance_percent = min_attendance_percent
    settings.require_approved_assignments = require_approved_assignments
    settings.number_format = number_format
    settings.lesson_hours = lesson_hours
    settings.full_clean()
    settings.save()
    return settings


# --- templates -------------------------------------------------------------------------------------

@dataclass
class SignatoryData:
    name: str
    position: str
    nip: str = ""
    signature: Any = KEEP  # an uploaded, already checked image; KEEP or REMOVE


def _replace_file(instance, field_name: str, value, old_files: list, *, kinds, max_bytes: int):
    """Put an uploaded file in ``field_name`` (checked by its content again, stored as every upload is), or remove
    it; the old file goes once the transaction commits."""
    if value is KEEP:
        return
    current = getattr(instance, field_name)
    if current:
        old_files.append(current)
    if value is REMOVE:
        clear_upload(instance, field_name)
    else:
        store_upload(instance, value, kinds=kinds, max_bytes=max_bytes, field_name=field_name)


@transaction.atomic
def certificate_template_save(*, program: Program, template: CertificateTemplate | None = None, kind: str,
                              title: str, body: str, preamble: str = "", role_label: str = "",
                              place: str = "", signed_on=None, orientation: str = "landscape",
                              logo=KEEP, background=KEEP, signatories: list[SignatoryData] = ()) -> CertificateTemplate:
    """Create or change a certificate template.

    The body may use only the placeholders of certificates.variables (an unknown
    one is refused); the title and the line above the name are printed as
    written. At most three signatories. Uploaded pictures must have been checked
    by certificates.assets already (the picture itself and the page's shape); here they are checked by their
    content again and stored as every upload is (bimtek.filestore). Files replaced or removed are deleted
    after the commit.
    """
    check_placeholders(body)
    for text in (title, preamble):
        if "{" in text or "}" in text:
            raise ValidationError(_("Placeholders belong in the body text; the title and the line above the "
                                    "name are printed as written."))
    signatories = [s for s in signatories if s.name.strip()]
    end = selectors.attested_end(program)
    if signed_on and signed_on < end:
        raise ValidationError({"signed_on": _("A certificate is signed once what it attests is over: the "
                                              "program's last stage ends on %(date)s.")
                               % {"date": long_date_id(end, with_day=False)}})
    if len(signatories) > 3:
        raise ValidationError(_("A certificate has at most three signatories."))
    if template is None:
        template = CertificateTemplate(program=program)
    elif template.program_id != program.pk:
        raise ValidationError(_("This template belongs to another program."))
    old_files = []
    for field, value in dict(kind=kind, title=title.strip(), body=body.strip(), preamble=preamble.strip(),
                             role_label=role_label.strip(), place=place.strip(), signed_on=signed_on,
                             orientation=orientation).items():
        setattr(template, field, value)
    _replace_file(template, "logo", logo, old_files, kinds=assets.LOGO_KINDS, max_bytes=images.LOGO_MAX_BYTES)
    _replace_file(template, "background", background, old_files, kinds=assets.BACKGROUND_KINDS,
                  max_bytes=assets.BACKGROUND_MAX_BYTES)
    template.full_clean()
    template.save()
    existing = {s.order: s for s in template.signatories.all()}
    for order, data in enumerate(signatories, start=1):
        signatory = existing.pop(order, None) or Signatory(template=template, order=order)
        signatory.name, signatory.position, signatory.nip = data.name.strip(), data.position.strip(), data.nip
        try:
            _replace_file(signatory, "signature", data.signature, old_files, kinds=assets.SIGNATURE_KINDS,
                          max_bytes=assets.SIGNATURE_MAX_BYTES)
        except ValidationError as error:  # the template's form has no signature field: say whose it is
            raise ValidationError(_("Signature of %(name)s: %(error)s") % {
                "name": signatory.name, "error": " ".join(error.messages)}) from None
        signatory.full_clean()
        signatory.save()
    for signatory in existing.values():
        old_files.append(signatory.signature)
        signatory.delete()
    delete_after_commit(*old_files)
    return template


@transaction.atomic
def certificate_template_delete(*, template: CertificateTemplate) -> None:
    """Delete a template nobody has a certificate from; an issued certificate keeps its template for ever."""
    if template.certificates.exists():
        raise ValidationError(_("Certificates were issued from this template; it cannot be deleted."))
    files = [template.logo, template.background, *[s.signature for s in template.signatories.all()]]
    template.delete()
    delete_after_commit(*files)


# --- issuing ---------------------------------------------------------------------------------------

def _holder(*, template: CertificateTemplate, settings: CertificateSettings, participant=None, mentor=None,
            lesson_hours: dict, issued_on, full_name: str = "") -> Holder:
    program = template.program
    hours = settings.lesson_hours
    if participant is not None:
        user_id = participant.user_id
        person = dict(full_name=participant.full_name, region=str(participant.team.region),
                      agency=participant.agency, position=participant.position, nip=participant.nip)
    else:
        user_id = mentor.pk
        person = dict(full_name=mentor.full_name or mentor.email)
    if full_name:
        person["full_name"] = full_name
    return Holder(role=template.printed_role, program=program, issued_on=issued_on,
                  lesson_hours=hours if hours is not None else lesson_hours.get(user_id, 0), **person)


def _new_certificate(*, settings: CertificateSettings, template: CertificateTemplate, holder: Holder, now,
                     issued_by, participant=None, mentor=None, override_reason: str = "") -> Certificate:
    """An unsaved certificate with the next number of the (locked) settings row."""
    settings.last_sequence += 1
    number = format_number(settings.number_format, sequence=settings.last_sequence, on=timezone.localdate(now))
    values = evaluate(replace(holder, number=number))
    return Certificate(program_id=settings.program_id, template=template, sequence=settings.last_sequence,
                       number=number, participant=participant, mentor=mentor, holder_name=holder.full_name,
                       role_label=holder.role, variables=values, issued_at=now, issued_by=issued_by,
                       override_reason=override_reason)


def _check_template(program: Program, template: CertificateTemplate, kind: str):
    if template.program_id != program.pk:
        raise ValidationError(_("This template belongs to another program."))
    if template.kind != kind:
        raise ValidationError(_("Choose a template for this kind of certificate."))


def _check_not_early(program: Program, now, reason: str) -> str:
    """Before the last stage ends, issuing needs a reason; the reason as kept on the certificates."""
    end = selectors.attested_end(program)
    if timezone.localdate(now) >= end:
        return ""
    if not reason.strip():
        raise ValidationError(_("The program's last stage ends on %(date)s; certificates are issued after it. "
                                "To issue them now, give the reason.") % {"date": long_date_id(end, with_day=False)},
                              code="early")
    return (_("Issued before the last stage ended: %(reason)s") % {"reason": reason.strip()})[:300]


@transaction.atomic
def certificate_bulk_issue(*, program: Program, template: CertificateTemplate, issued_by,
                           now: datetime.datetime | None = None, early_reason: str = "",
                           limit: int | None = None) -> list[Certificate]:
    """Issue a certificate from ``template`` to everyone of its kind who is eligible and has none yet.

    Participants must meet the program's rule (eligibility.participant_eligibility);
    mentors of the program are eligible by their role. Idempotent: a person who
    already has a certificate of this kind in the program, valid or revoked, is
    left out, so running it again issues only to those who have none (a revoked
    certificate is renewed by reissuing it or by issuing by hand). Numbers
    follow the list order: region, then name. Before the program's last stage
    ends it needs ``early_reason``; the date printed is never before that end
    (selectors.signing_date). A person who signs the template is left out
    (selectors.self_signers names them): nobody signs their own certificate.
    ``limit`` issues to the first that many only (a worker's batch: call again until nothing is issued).
    """
    program_data_changed(program)
    _check_template(program, template, template.kind)
    settings = _locked_settings(program)  # from here on, a concurrent issue waits for this one
    now = now or timezone.now()  # an earlier ``now``: certificates of a past program, issued when it ended
    override_reason = _check_not_early(program, now, early_reason)
    issued_on = selectors.signing_date(template, today=timezone.localdate(now))
    signatories = list(template.signatories.all())
    hours = {} if settings.lesson_hours is not None else selectors.attended_lesson_hours(program)
    new = []
    if template.kind == Kind.PARTICIPANT:
        for row in eligibility.participant_eligibility(program, settings=settings):
            if limit is not None and len(new) >= limit:
                break
            if row.eligible and row.certificate is None:
                holder = _holder(template=template, settings=settings, participant=row.participant,
                                 lesson_hours=hours, issued_on=issued_on)
                if not selectors.signatory_holding(signatories, name=holder.full_name, nip=holder.nip):
                    new.append(_new_certificate(settings=settings, template=template, holder=holder, now=now,
                                                issued_by=issued_by, participant=row.participant,
                                                override_reason=override_reason))
    else:
        for row in eligibility.mentor_eligibility(program):
            if limit is not None and len(new) >= limit:
                break
            if row.certificate is None:
                holder = _holder(template=template, settings=settings, mentor=row.mentor, lesson_hours=hours,
                                 issued_on=issued_on)
                if not selectors.signatory_holding(signatories, name=holder.full_name):
                    new.append(_new_certificate(settings=settings, template=template, holder=holder, now=now,
                                                issued_by=issued_by, mentor=row.mentor,
                                                override_reason=override_reason))
    Certificate.objects.bulk_create(new)
    settings.save(update_fields=["last_sequence"])
    if new:
        audit_record(program=program, action=AuditAction.CERTIFICATE_ISSUED, subject=[str(c) for c in new],
                     detail=str(template.get_kind_display()), actor=issued_by)
    return new


def _check_not_self_signed(template: CertificateTemplate, holder: Holder):
    signatory = selectors.signatory_holding(template.signatories.all(), name=holder.full_name, nip=holder.nip)
    if signatory is not None:
        raise ValidationError(_("%(name)s signs this template: nobody signs their own certificate. Choose a "
                                "template another official signs.") % {"name": signatory.name},
                              code="self_signed")


@transaction.atomic
def certificate_issue_by_hand(*, program: Program, template: CertificateTemplate, reason: str, issued_by,
                              participant: Participant | None = None, mentor=None) -> Certificate:
    """Issue one certificate whatever the rule says, with a reason, and log it.

    The log (ManualIssue) keeps who, why and what the rule said about the person
    at that moment. Refused when the person already holds a valid certificate
    of this kind: reissue that one instead.
    """
    program_data_changed(program)
    if (participant is None) == (mentor is None):
        raise ValueError("Give a participant or a mentor.")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for issuing by hand."))
    _check_template(program, template, Kind.PARTICIPANT if participant else Kind.MENTOR)
    if participant is not None and participant.team.program_id != program.pk:
        raise ValidationError(_("This person is not a participant of the program."))
    if mentor is not None and not program_mentors(program).filter(pk=mentor.pk).exists():
        raise ValidationError(_("This person is not a mentor of the program."))
    settings = _locked_settings(program)
    valid = Certificate.objects.filter(program=program, revoked_at__isnull=True)
    held = (valid.filter(participant=participant) if participant else valid.filter(mentor=mentor)).first()
    if held:
        raise ValidationError(_("%(name)s already holds certificate %(number)s; reissue it to correct it.")
                              % {"name": held.holder_name, "number": held.number})
    if participant is not None:
        row = eligibility.participant_eligibility(program, settings=settings, participant=participant)[0]
        was_eligible, outcome = row.eligible, "; ".join(row.reasons) or _("meets the rule")
    else:
        was_eligible, outcome = True, _("mentor of the program")
    now = timezone.now()
    hours = {} if settings.lesson_hours is not None else selectors.attended_lesson_hours(
        program, person=participant.user if participant else mentor)
    holder = _holder(template=template, settings=settings, participant=participant, mentor=mentor,
                     lesson_hours=hours, issued_on=selectors.signing_date(template, today=timezone.localdate(now)))
    _check_not_self_signed(template, holder)
    certificate = _new_certificate(settings=settings, template=template, holder=holder, now=now,
                                   issued_by=issued_by, participant=participant, mentor=mentor,
                                   override_reason=reason)
    certificate.save()
    settings.save(update_fields=["last_sequence"])
    ManualIssue.objects.create(certificate=certificate, issued_by=issued_by, reason=reason,
                               rule_outcome=outcome[:300], was_eligible=was_eligible)
    audit_record(program=program, action=AuditAction.CERTIFICATE_ISSUED, subject=str(certificate),
                 detail=_("By hand: %(reason)s") % {"reason": reason}, actor=issued_by)
    return certificate


# --- revocation ------------------------------------------------------------------------------------

def _lock_valid(certificate: Certificate) -> Certificate:
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Certificate %(number)s is revoked already.") % {"number": locked.number})
    return locked


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, revoked_by) -> Certificate:
    """Withdraw a valid certificate with a reason; its verification page says so from now on."""
    program_data_changed(certificate.program_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    certificate = _lock_valid(certificate)
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_record(program=certificate.program, action=AuditAction.CERTIFICATE_REVOKED, subject=str(certificate),
                 detail=reason, actor=revoked_by)
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, reason: str, issued_by, holder_name: str = "") -> Certificate:
    """Revoke a certificate and issue its replacement, which the old one points to.

    For a correction, e.g. a misspelt name: the replacement takes the next
    number and a new verification code, and its values are read again from the
    person's record (``holder_name``, when given, is printed instead of the
    record's name). A replacement of a certificate issued by hand keeps that
    reason.
    """
    program_data_changed(certificate.program_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for reissuing the certificate."))
    program = certificate.program
    settings = _locked_settings(program)
    old = _lock_valid(certificate)
    template = old.template
    if template is None:
        raise ValidationError(_("This certificate has no template to print a replacement from."))
    now = timezone.now()
    old.revoked_at, old.revoked_by = now, issued_by
    old.revoke_reason = _("Reissued: %(reason)s") % {"reason": reason}
    old.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    participant = old.participant
    mentor = old.mentor
    person = participant.user if participant else mentor
    hours = {} if settings.lesson_hours is not None else selectors.attended_lesson_hours(program, person=person)
    holder = _holder(template=template, settings=settings, participant=participant, mentor=mentor,
                     lesson_hours=hours, issued_on=selectors.signing_date(template, today=timezone.localdate(now)),
                     full_name=holder_name.strip())
    _check_not_self_signed(template, holder)
    new = _new_certificate(settings=settings, template=template, holder=holder, now=now, issued_by=issued_by,
                           participant=participant, mentor=mentor, override_reason=old.override_reason)
    new.save()
    settings.save(update_fields=["last_sequence"])
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    audit_record(program=program, action=AuditAction.CERTIFICATE_REVOKED, subject=str(old),
                 detail=old.revoke_reason, actor=issued_by)
    audit_record(program=program, action=AuditAction.CERTIFICATE_ISSUED, subject=str(new),
                 detail=_("Replaces %(number)s") % {"number": old.number}, actor=issued_by)
    return new


@transaction.atomic
def clone_into(*, cloning: ProgramCloning) -> None:
    """A program's clone gets its certificate templates with their signatories and images, and its certificate
    settings with the counter back at zero. Certificates are not copied."""
    for template in CertificateTemplate.objects.filter(program=cloning.source).prefetch_related("signatories"):
        copy = row_copy(template, program=cloning.program)
        copy.save()
        for signatory in template.signatories.all():
            row_copy(signatory, template=copy).save()
    settings = CertificateSettings.objects.filter(program=cloning.source).first()
    if settings is not None:
        row_copy(settings, program=cloning.program, last_sequence=0).save()
