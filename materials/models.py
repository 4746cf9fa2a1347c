from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.models import Dimension, Stage, UploadedFile
from participants.models import Team
from sessions.models import TrainingSession


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PPTX = "pptx", "PowerPoint (PPTX)"
    ODT = "odt", "OpenDocument Text (ODT)"
    ODS = "ods", "OpenDocument Spreadsheet (ODS)"
    ODP = "odp", "OpenDocument Presentation (ODP)"


DEFAULT_FILE_KINDS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods"]


def default_file_kinds():
    return list(DEFAULT_FILE_KINDS)


class Material(UploadedFile):
    """Slides, a template or a reading handed out in a stage or one of its sessions: a file or a link."""

    upload_folder = "materials"

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="materials", verbose_name=_("stage"))
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="materials", verbose_name=_("session"))
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("published by"))
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["stage", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="material_file_xor_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def program(self):
        return self.stage.program

    @property
    def program_id(self):  # what the permission rules read (bimtek.predicates.program_id_of)
        return self.stage.program_id


class Assignment(models.Model):
    """A deliverable of a stage, delivered once per team (any member may upload)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("stage"))
    dimension = models.ForeignKey(Dimension, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="assignments", verbose_name=_("dimension"))
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    due_at = models.DateTimeField(_("due"))
    allowed_kinds = models.JSONField(_("allowed file kinds"), default=default_file_kinds)
    max_size_mb = models.PositiveIntegerField(_("size limit (MB)"), default=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["stage", "due_at", "title"]

    def __str__(self):
        return self.title

    @property
    def program(self):
        return self.stage.program

    @property
    def max_bytes(self):
        return self.max_size_mb * 1024 * 1024

    @property
    def allowed_kinds_label(self):
        return ", ".join(str(FileKind(kind).label) for kind in self.allowed_kinds if kind in FileKind.values)


class Extension(models.Model):
    """A later due time for one team on one assignment, granted by an organizer or the team's mentor."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions",
                                   verbose_name=_("assignment"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("team"))
    due_at = models.DateTimeField(_("new due time"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted at"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "team"], name="extension_once_per_team"),
        ]

    def __str__(self):
        return f"{self.team} — {self.assignment}"

    @property
    def program(self):
        return self.team.program


class Submission(models.Model):
    """A team's work on one assignment: the thread of its draft versions and their feedback."""

    class Status(models.TextChoices):
        NOT_SUBMITTED = "not_submitted", _("Not submitted")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        REVISION_REQUESTED = "revision_requested", _("Revision requested")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        APPROVED = "approved", _("Approved")

    # Statuses in which the latest version waits for a mentor's decision.
    WAITING = (Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED)

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("team"))
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions",
                                   verbose_name=_("assignment"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_SUBMITTED)
    # Since when the team waits for a decision: set by the first version after the last decision.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["team", "assignment"], name="submission_once_per_team"),
        ]
        indexes = [models.Index(fields=["status", "waiting_since"], name="submission_queue_idx")]

    def __str__(self):
        return f"{self.team} — {self.assignment}"

    @property
    def program(self):
        return self.team.program


class DraftVersion(UploadedFile):
    """One immutable upload (v1, v2, …) of a team's submission."""

    upload_folder = "drafts"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions",
                                   verbose_name=_("submission"))
    number = models.PositiveIntegerField(_("version"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    note = models.TextField(_("note"), blank=True)
    is_late = models.BooleanField(_("late"), default=False)

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="draft_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="draft_version_number_positive"),
        ]

    def __str__(self):
        return f"{self.submission} v{self.number}"

    @property
    def program(self):
        return self.submission.team.program


class Feedback(UploadedFile):
    """A mentor's comment and decision on one draft version."""

    upload_folder = "feedback"  # a marked-up copy of the version, optional

    class Decision(models.TextChoices):
        COMMENT = "comment", _("Comment only")
        REVISION = "revision", _("Request revision")
        APPROVE = "approve", _("Approve")

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="feedback",
                                verbose_name=_("draft version"))
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="given_feedback", verbose_name=_("mentor"))
    comment = models.TextField(_("comment"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)
    addressed_at = models.DateTimeField(_("marked addressed at"), null=True, blank=True)
    addressed_in = models.ForeignKey(DraftVersion, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="addressed_feedback", verbose_name=_("addressed in version"))
    # How long the team had waited for this decision (None for comments that decide nothing).
    waited = models.DurationField(_("waited"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.version}"

    @property
    def program(self):
        return self.version.submission.team.program
