from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Stage
from participants.models import Team


class TrainingSession(models.Model):
    """One scheduled meeting inside a stage."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        CLASS = "class", _("Class")
        CLINIC = "clinic", _("Regional clinic")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("stage"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLASS)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    mentors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentored_sessions",
                                     verbose_name=_("mentors"))
    all_teams = models.BooleanField(_("all teams of the program"), default=True)
    expected_teams = models.ManyToManyField(Team, blank=True, related_name="expected_sessions",
                                            verbose_name=_("expected teams"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Raised on every change so calendar clients update the event in place (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="session_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def program(self):
        return self.stage.program


class Attendance(models.Model):
    """One person's attendance at one session: a participant of an expected team, or a mentor."""

    class Status(models.TextChoices):
        PRESENT = "hadir", _("Present")
        LATE = "terlambat", _("Late")
        EXCUSED = "izin", _("Excused")
        ABSENT = "tidak_hadir", _("Absent")

    class Method(models.TextChoices):
        QR = "qr", _("QR code")
        CODE = "code", _("Typed code")
        MARKED = "marked", _("Marked by staff")
        IMPORTED = "imported", _("Imported meeting report")

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances",
                                verbose_name=_("session"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances",
                               verbose_name=_("person"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_in_at = models.DateTimeField(_("time"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("marked by"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.person} @ {self.session}: {self.get_status_display()}"

    @property
    def counts_as_present(self):
        return self.status in (self.Status.PRESENT, self.Status.LATE)
