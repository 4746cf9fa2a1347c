from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.models import TIME_ZONE_LABELS, Program, Stage, UploadedFile, uploaded_file_model
from participants.models import Participant, Region, Team, nip_validator
from sessions.checkin import checkin_window


class TrainingSessionQuerySet(models.QuerySet):
    def expecting(self, teams, *, mentor=None):
        """The sessions that expect any of ``teams`` (ids or a Team queryset): the all-team sessions of their
        programs and the sessions that chose them; with ``mentor``, also the sessions that person mentors.
        The one definition of who is expected where; each session once."""
        # One EXISTS per kind of link: OR-ing the joins instead paired every session with every team of its
        # program (514 at national size) before filtering.
        if not isinstance(teams, models.QuerySet):
            teams = list(teams)
        own_program = Team.objects.filter(program_id=models.OuterRef("stage__program_id"), pk__in=teams)
        chosen = TrainingSession.expected_teams.through.objects.filter(trainingsession_id=models.OuterRef("pk"),
                                                                        team_id__in=teams)
        condition = models.Q(all_teams=True) & models.Exists(own_program) | models.Exists(chosen)
        if mentor is not None:
            condition |= models.Exists(TrainingSession.mentors.through.objects.filter(
                trainingsession_id=models.OuterRef("pk"), user_id=getattr(mentor, "pk", mentor)))
        return self.filter(condition)

    def counted(self, now):
        """The sessions attendance rates count: not cancelled and already started (one not yet held cannot be
        missed)."""
        return self.filter(cancelled_at__isnull=True, starts_at__lte=now)


class TrainingSession(models.Model):
    """One scheduled meeting inside a stage."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        CLASS = "class", _("Class")
        CLINIC = "clinic", _("Regional clinic")
        # An assessor's interview of one team in an evaluation round, held after the bimtek (sessions.services).
        INTERVIEW = "interview", _("Verification interview")

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
    time_zone = models.CharField(
        _("local time zone"), max_length=40, choices=Region.TimeZone.choices, default=Region.TimeZone.WIB,
        help_text=_("The zone of the place where it is held: the times you type are read in it, and the printed "
                    "attendance sheet shows it. Everyone else sees the times in their own zone."))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("scheduled by"))
    # Raised on every change so calendar clients update the event in place (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingSessionQuerySet.as_manager()

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

    @property
    def program_id(self):
        return self.stage.program_id

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def has_started(self):
        """Attendance, quorum and rates count a session once it has started (as the recap's queries do)."""
        return self.starts_at <= timezone.now()

    @property
    def zone_label(self):
        return TIME_ZONE_LABELS.get(self.time_zone, self.time_zone)

    @property
    def is_national_online(self):
        """An online plenary for every team: people join from all three time zones."""
        return self.kind == self.Kind.PLENARY and self.all_teams and bool(self.meeting_url)
    def expects_teams(self, team_ids) -> bool:
        """Whether the session expects any of these teams of its program (see ``TrainingSessionQuerySet.expecting``)."""
        team_ids = list(team_ids)
        return bool(team_ids) and (self.all_teams or self.expected_teams.filter(pk__in=team_ids).exists())

    def expected_participants(self):
        """The participants expected at the session: the members of its expected teams (every team of the
        program for an all-team session). Its mentors are expected too; they are ``self.mentors``."""
        members = Participant.objects.filter(team__program_id=self.program_id)
        if not self.all_teams:
            members = members.filter(team__in=self.expected_teams.values("pk"))
        return members

    def counts_toward_rate(self, now) -> bool:
        """See ``TrainingSessionQuerySet.counted``."""
        return not self.is_cancelled and self.starts_at <= now

    def is_open_for_checkin(self, policy, now) -> bool:
        """Self check-in is possible: the session is not cancelled and its check-in window is open."""
        return not self.is_cancelled and checkin_window(self, policy).is_open(now)


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


class AttendancePolicy(models.Model):
    """How check-in, late arrival, online reports and quorum work in one program (one row, made on first save).

    Programs without a row use the defaults below; organizers change them on
    the attendance settings page, where each field explains itself.
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="attendance_policy",
                                   verbose_name=_("program"))
    checkin_opens_minutes = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=30,
        validators=[MaxValueValidator(24 * 60)],
        help_text=_("From this many minutes before a session starts, its QR code and typed code are accepted."))
    checkin_closes_minutes = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the start)"), default=60,
        validators=[MaxValueValidator(24 * 60)],
        help_text=_("After this many minutes past the start, self check-in is refused; "
                    "an organizer or mentor marks latecomers by hand."))
    late_after_minutes = models.PositiveSmallIntegerField(
        _("grace time (minutes)"), default=15, validators=[MaxValueValidator(24 * 60)],
        help_text=_("Who checks in (or joins online) later than this after the start is marked late (terlambat)."))
    code_rotation_seconds = models.PositiveSmallIntegerField(
        _("code changes every (seconds)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(900)],
        help_text=_("The QR code and typed code change this often; the code just before stays valid for one more "
                    "period, so a photo sent to someone who is not there soon stops working."))
    online_min_share = models.PositiveSmallIntegerField(
        _("online: minimum share of the session (%)"), default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("In an imported meeting report, a person counts as present when they stayed at least this share "
                    "of the session's length."))
    team_quorum = models.PositiveSmallIntegerField(
        _("team quorum (members present)"), default=3, validators=[MinValueValidator(1)],
        help_text=_("A team counts as represented at a session when at least this many of its members are present."))
    official_name = models.CharField(
        _("responsible official: name"), max_length=200, blank=True,
        help_text=_("Printed under the signature block of the attendance sheet; left blank, a line is printed."))
    official_position = models.CharField(_("responsible official: position"), max_length=200, blank=True)
    official_nip = models.CharField(_("responsible official: NIP"), max_length=18, blank=True,
                                    validators=[nip_validator])
    place = models.CharField(
        _("place of signing"), max_length=100, default="Jakarta", blank=True,
        help_text=_("Written before the date above the official's signature, e.g. 'Jakarta, 30 Agustus 2026'."))

    class Meta:
        verbose_name = _("attendance settings")
        verbose_name_plural = _("attendance settings")

    def __str__(self):
        return str(self.program)

    def quorum_reached(self, present: int) -> bool:
        """A team is represented at a session when at least ``team_quorum`` of its members are present."""
        return present >= self.team_quorum


class SignedSheet(UploadedFile):
    """A scan of the paper attendance sheet as signed on the day, kept as evidence."""

    upload_folder = "signed-sheets"

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="signed_sheets",
                                verbose_name=_("session"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed attendance sheet")
        verbose_name_plural = _("signed attendance sheets")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def program_id(self):
        return self.session.program_id


class MeetingReportRow(models.Model):
    """One row of an online meeting platform's participant report (e.g. Zoom), kept until matched."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="report_rows",
                                verbose_name=_("session"))
    name = models.CharField(_("name in the report"), max_length=200, blank=True)
    email = models.CharField(_("e-mail in the report"), max_length=254, blank=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes"), default=0)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("person"))
    ignored = models.BooleanField(_("ignored"), default=False)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting report row")
        verbose_name_plural = _("meeting report rows")
        ordering = ["session", "name", "joined_at"]
        indexes = [models.Index(fields=["session", "person"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"


DEFAULT_LETTER_NUMBER_FORMAT = "{seq:03d}/UND/BIMTEK-SC/{month_roman}/{year}"


LetterheadLogoUpload = uploaded_file_model("letterhead_logo", label=_("letterhead logo"), folder="letterheads")


class LetterSettings(LetterheadLogoUpload, models.Model):
    """A program's letterhead (kop surat) and how its invitation letters are numbered and signed (one row).

    The letterhead heads the attendance sheets and the letters; ``last_sequence``
    is the letters' counter, raised under a row lock like the certificates'.
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="letter_settings",
                                   verbose_name=_("program"))
    letterhead_lines = models.TextField(
        _("letterhead lines"), blank=True,
        help_text=_("One per line: the institution in capitals, then its unit, then address, telephone and "
                    "website. Left empty (and without a logo), documents have no letterhead."))
    number_format = models.CharField(
        _("invitation letter number format"), max_length=100, default=DEFAULT_LETTER_NUMBER_FORMAT,
        help_text=_("{seq} is the running number (e.g. {seq:03d} gives 001), {year} the year, {month} its month "
                    "(01–12) and {month_roman} its month in Roman numerals (I–XII)."))
    official_name = models.CharField(_("signing official: name"), max_length=200, blank=True)
    official_position = models.CharField(_("signing official: position"), max_length=200, blank=True)
    official_nip = models.CharField(_("signing official: NIP"), max_length=18, blank=True,
                                    validators=[nip_validator])
    last_sequence = models.PositiveIntegerField(_("last number issued"), default=0, editable=False)

    class Meta:
        verbose_name = _("letter settings")
        verbose_name_plural = _("letter settings")

    def __str__(self):
        return str(self.program)

    @property
    def letterhead_line_list(self):
        return [line.strip() for line in self.letterhead_lines.splitlines() if line.strip()]


class InvitationLetter(models.Model):
    """The number and date an invitation letter (Surat Undangan) to one region for one stage was given, once."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="invitation_letters",
                              verbose_name=_("stage"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitation_letters",
                             verbose_name=_("team"))
    number = models.CharField(_("number"), max_length=100)
    dated = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        constraints = [models.UniqueConstraint(fields=["stage", "team"], name="invitation_letter_once_per_team")]

    def __str__(self):
        return self.number
