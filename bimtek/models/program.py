import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The six dimensions named by the program's press release; programs get them as
# rows they can rename, reorder or extend, never as code.
DEFAULT_DIMENSIONS = [
    "Smart Governance",
    "Smart Infrastructure",
    "Smart Economy",
    "Smart Living",
    "Smart People",
    "Smart Environment",
]

def validate_reminder_days(value: str) -> None:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() and 1 <= int(part) <= 30 for part in parts) or len(parts) > 5:
        raise ValidationError(_("Write up to five numbers of days from 1 to 30, separated by commas, e.g. 3, 1."))


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}


class Program(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    institution = models.CharField(_("organizing institution"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # What "a team has completed a stage" means (bimtek.overview.progress): the team reached its attendance quorum
    # (the attendance settings' team quorum) at this share of the stage's sessions held so far, and every
    # assignment of the stage is approved for it.
    stage_session_share = models.PositiveSmallIntegerField(
        _("sessions with quorum needed to complete a stage (%)"), default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A team completes a stage when it reached its quorum at this share of the stage's sessions "
                    "and every assignment of the stage is approved. 100 means every session."))
    # Organizers must log in with a second factor once this many days have passed since they became
    # organizers of the program (participants.mfa); 0 requires it at once.
    mfa_grace_days = models.PositiveSmallIntegerField(
        _("days before organizers must use two-factor login"), default=14,
        validators=[MaxValueValidator(365)],
        help_text=_("Counted from the day a person became organizer of this program. After that bimtek opens for them "
                    "only with two-factor login. 0 means at once."))
    # Reminders (bimtek.periodic): to a team that has not submitted, these many days before an assignment's due
    # time; to the people expected at a session, these many hours before it starts. Empty / 0: none.
    reminder_days = models.CharField(
        _("assignment reminders (days before the due time)"), max_length=30, default="3, 1", blank=True,
        validators=[validate_reminder_days],
        help_text=_("A team that has not submitted is reminded by e-mail this many days before the due time, "
                    "e.g. 3, 1. Leave empty for no reminders."))
    session_reminder_hours = models.PositiveSmallIntegerField(
        _("session reminder (hours before)"), default=24, validators=[MaxValueValidator(168)],
        help_text=_("The people expected at a session are reminded this many hours before it starts; 0 for none."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="program_dates_ordered"),
        ]

    def __str__(self):
        return self.name

    @property
    def reminder_day_list(self) -> list[int]:
        """The assignment reminder days, largest first (e.g. [3, 1])."""
        return sorted({int(part) for part in self.reminder_days.split(",") if part.strip().isdigit()}, reverse=True)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The program cannot end before it starts.")})

    @property
    def program(self):
        # Lets permission predicates treat every object the same way: obj.program.
        return self

    @property
    def time_zone(self) -> str:
        """The zone the program's own times are set in: the organizing ministry's, in Jakarta."""
        return settings.TIME_ZONE

    def end_of_day(self, day: datetime.date) -> datetime.datetime:
        """23.59 of ``day`` in the program's zone: the default due time of an assignment."""
        return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=zoneinfo.ZoneInfo(self.time_zone))


class Stage(models.Model):
    class Mode(models.TextChoices):
        ONSITE = "onsite", _("On site")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stages", verbose_name=_("program"))
    ordinal = models.PositiveSmallIntegerField(_("stage number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONSITE)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["program", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ordinal"], name="stage_ordinal_unique_per_program"),
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="stage_dates_ordered"),
            models.CheckConstraint(condition=models.Q(ordinal__gte=1), name="stage_ordinal_positive"),
        ]

    def __str__(self):
        return _("Stage %(roman)s: %(title)s") % {"roman": self.roman, "title": self.title}

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The stage cannot end before it starts.")})
        program = self.program if self.program_id else None
        if program and self.start_date and self.end_date and (
            self.start_date < program.start_date or self.end_date > program.end_date
        ):
            raise ValidationError(_("A stage lies within its program's dates (%(start)s – %(end)s).") % {
                "start": program.start_date.strftime("%d-%m-%Y"), "end": program.end_date.strftime("%d-%m-%Y")})

    @property
    def roman(self):
        return ROMAN.get(self.ordinal, str(self.ordinal))


class Dimension(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="dimensions",
                                verbose_name=_("program"))
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["program", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="dimension_name_unique_per_program"),
        ]

    def __str__(self):
        return self.name
