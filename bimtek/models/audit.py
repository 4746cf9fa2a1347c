from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    PARTICIPANTS_EXPORTED = "participants_exported", _("Participant list exported")
    ATTENDANCE_EXPORTED = "attendance_exported", _("Attendance exported")
    CERTIFICATES_EXPORTED = "certificates_exported", _("Certificates exported")
    DRAFTS_DOWNLOADED = "drafts_downloaded", _("Drafts downloaded together")
    ROLE_GRANTED = "role_granted", _("Role given")
    ROLE_REVOKED = "role_revoked", _("Role taken away")
    MENTOR_ASSIGNED = "mentor_assigned", _("Mentor assigned to a team")
    MENTOR_UNASSIGNED = "mentor_unassigned", _("Mentor taken off a team")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    DUE_TIME_CHANGED = "due_time_changed", _("Due time changed")
    # The evaluation (evaluation/): who set up a round, assessed and finalised the scores.
    EVALUATION_SCHEME_CREATED = "evaluation.scheme_create", _("Scoring scheme made")
    EVALUATION_SCHEME_COPIED = "evaluation.scheme_copy", _("Scoring scheme copied")
    EVALUATION_SCHEME_CHANGED = "evaluation.scheme_update", _("Scoring scheme changed")
    EVALUATION_ASPECT_CHANGED = "evaluation.aspect_update", _("Aspect of a scoring scheme changed")
    EVALUATION_ROUND_PREPARED = "evaluation.round_create", _("Evaluation round prepared")
    EVALUATION_ROUND_OPENED = "evaluation.round_open", _("Evaluation round opened")
    EVALUATION_ASSESSORS_CHANGED = "evaluation.assessors_change", _("Assessors changed")
    EVALUATION_SELF_ASSESSMENT_RETURNED = "evaluation.self_assessment_return", _("Self-assessment sent back")
    EVALUATION_ASSESSMENT_SUBMITTED = "evaluation.assessment_submit", _("Assessment submitted")
    EVALUATION_ASSESSMENT_REOPENED = "evaluation.assessment_reopen", _("Assessment reopened")
    EVALUATION_INTERVIEW_SCHEDULED = "evaluation.interview_schedule", _("Verification interview scheduled")
    EVALUATION_FINALISED = "evaluation.finalise", _("Evaluation scores finalised")


class AppendOnlyQuerySet(models.QuerySet):
    """The trail is never changed or thinned out, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what to whose personal data in a program, when and from which address (bimtek.services.audit_record).

    Rows are only ever added: saving an existing row, deleting one and bulk
    updates or deletes all raise, and the program cannot be deleted while it
    has a trail.
    """

    program = models.ForeignKey("bimtek.Program", on_delete=models.PROTECT, related_name="audit_events",
                                verbose_name=_("program"))
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("person"))
    # The person's name and address when they acted, kept if the account goes.
    actor_label = models.CharField(_("person"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    subject = models.CharField(_("what"), max_length=500)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["program", "-at"], name="audit_program_time")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()} — {self.subject}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be deleted.")
