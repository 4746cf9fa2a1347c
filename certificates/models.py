from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Program, uploaded_file_model
from certificates.codes import new_code
from participants.models import Participant

DEFAULT_NUMBER_FORMAT = "{seq:03d}/BIMTEK-SC/{year}"
DEFAULT_MIN_ATTENDANCE = 75
ROLE_LABELS = {"participant": "Peserta", "mentor": "Narasumber"}

nip_validator = RegexValidator(r"^\d{18}$", _("A NIP has exactly 18 digits."))


def new_verification_code():
    return new_code()


class Kind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant certificate")
    MENTOR = "mentor", _("Mentor certificate")


class CertificateSettings(models.Model):
    """A program's rule for who gets a certificate, its number format and its number counter.

    ``last_sequence`` is the counter: every issue locks this row
    (SELECT … FOR UPDATE) and raises it inside the same transaction, so two
    organizers issuing at once never get the same number, and a rolled-back
    issue leaves no gap.
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="certificate_settings",
                                   verbose_name=_("program"))
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=DEFAULT_MIN_ATTENDANCE, validators=[MaxValueValidator(100)],
        help_text=_("Share of the sessions a person was expected at that they attended (present or late)."))
    require_approved_assignments = models.BooleanField(
        _("all of the team's assignments approved"), default=False,
        help_text=_("A participant also needs every assignment of the program approved for their team."))
    number_format = models.CharField(
        _("number format"), max_length=100, default=DEFAULT_NUMBER_FORMAT,
        help_text=_("{seq} is the running number (e.g. {seq:03d} gives 001), {year} the year of issue, "
                    "{month} its month (01–12) and {month_roman} its month in Roman numerals (I–XII)."))
    lesson_hours = models.PositiveSmallIntegerField(
        _("lesson hours (JP)"), null=True, blank=True,
        help_text=_("Printed for {jam_pelajaran}. Empty: counted for each person from the sessions they "
                    "attended, 45 minutes being one lesson hour."))
    last_sequence = models.PositiveIntegerField(_("last number issued"), default=0, editable=False)

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self):
        return str(self.program)


PICTURE_FOLDER = "certificate-assets"
LogoUpload = uploaded_file_model("logo", label=_("logo"), folder=PICTURE_FOLDER)
BackgroundUpload = uploaded_file_model("background", label=_("background"), folder=PICTURE_FOLDER)
SignatureUpload = uploaded_file_model("signature", label=_("signature image"), folder=PICTURE_FOLDER)


class CertificateTemplate(LogoUpload, BackgroundUpload, models.Model):
    """A certificate's design. Its logo and background are uploads like any other (bimtek.filestore), each with
    what was checked about it (``logo_kind``, ``background_kind``: png, jpeg or pdf, ...)."""

    Kind = Kind

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="certificate_templates",
                                verbose_name=_("program"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PARTICIPANT)
    title = models.CharField(_("title"), max_length=200, default="SERTIFIKAT")
    preamble = models.CharField(_("line above the name"), max_length=200, default="diberikan kepada:", blank=True)
    body = models.TextField(_("body text"))
    role_label = models.CharField(_("role as printed"), max_length=100, blank=True,
                                  help_text=_("Printed for {peran}, e.g. 'Peserta' or 'Narasumber'."))
    place = models.CharField(_("place of signing"), max_length=100, default="Jakarta", blank=True)
    signed_on = models.DateField(_("date of signing"), null=True, blank=True,
                                 help_text=_("Empty: the day each certificate is issued."))
    orientation = models.CharField(_("page"), max_length=10, choices=Orientation.choices,
                                   default=Orientation.LANDSCAPE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["program", "kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def printed_role(self):
        return self.role_label or ROLE_LABELS[self.kind]

    @property
    def background_is_pdf(self):
        return bool(self.background) and self.background_kind == "pdf"


class Signatory(SignatureUpload, models.Model):
    """One of up to three people who sign a template's certificates."""

    template = models.ForeignKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories",
                                 verbose_name=_("template"))
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200, help_text=_("With titles, as it should be printed."))
    position = models.CharField(_("position"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="signatory_order_unique_per_template"),
            models.CheckConstraint(condition=models.Q(order__gte=1, order__lte=3), name="signatory_at_most_three"),
        ]

    def __str__(self):
        return self.name


class Certificate(models.Model):
    """A numbered certificate for a participant or a mentor, verifiable by its code."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="certificates",
                                verbose_name=_("program"))
    template = models.ForeignKey(CertificateTemplate, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="certificates", verbose_name=_("template"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=100)
    verification_code = models.CharField(max_length=64, unique=True, default=new_verification_code,
                                         editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="certificates", verbose_name=_("participant"))
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="mentor_certificates", verbose_name=_("mentor"))
    # The name and role as printed, kept even if the person's record changes later.
    holder_name = models.CharField(_("holder name"), max_length=200)
    role_label = models.CharField(_("role"), max_length=100)
    # Every placeholder's value at the moment of issue: a certificate prints the same text for ever.
    variables = models.JSONField(_("printed values"), default=dict, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("issued by"))
    override_reason = models.CharField(_("reason for issuing outside the rule"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("revoked by"))
    revoke_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    replaced_by = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="replaces", verbose_name=_("replaced by"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["program", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="certificate_number_unique_per_program"),
            models.UniqueConstraint(fields=["program", "sequence"], name="certificate_sequence_unique_per_program"),
            models.CheckConstraint(
                condition=(models.Q(participant__isnull=False, mentor__isnull=True)
                           | models.Q(participant__isnull=True, mentor__isnull=False)),
                name="certificate_has_one_holder",
            ),
            # At most one valid certificate per person and role: a second one means a bug or a race.
            models.UniqueConstraint(fields=["participant"], condition=models.Q(revoked_at__isnull=True),
                                    name="certificate_one_valid_per_participant"),
            models.UniqueConstraint(fields=["program", "mentor"], condition=models.Q(revoked_at__isnull=True),
                                    name="certificate_one_valid_per_mentor"),
        ]

    def __str__(self):
        return f"{self.number} — {self.holder_name}"

    @property
    def is_valid(self):
        return self.revoked_at is None

    @property
    def kind(self):
        return Kind.PARTICIPANT if self.participant_id else Kind.MENTOR

    @property
    def issued_by_hand(self):
        """Whether an organizer issued it by hand (it has a ManualIssue). Asked in a template instead of
        ``manual_issue``, whose absence raises an error the template answers by searching the certificate's
        dir() (a register page asks 25 times)."""
        return getattr(self, "manual_issue", None) is not None

    @property
    def holder_user_id(self):
        return self.mentor_id or (self.participant.user_id if self.participant_id else None)


class ManualIssue(models.Model):
    """The log of certificates an organizer issued by hand, outside the bulk rule, and why."""

    certificate = models.OneToOneField(Certificate, on_delete=models.CASCADE, related_name="manual_issue",
                                       verbose_name=_("certificate"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("issued by"))
    reason = models.CharField(_("reason"), max_length=300)
    # What the rule said about the person at that moment, e.g. "attendance 60% < 75%".
    rule_outcome = models.CharField(_("rule at the time"), max_length=300, blank=True)
    was_eligible = models.BooleanField(_("eligible under the rule"), default=False)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("manual issue")
        verbose_name_plural = _("manual issues")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.certificate} — {self.reason}"

    @property
    def program(self):
        return self.certificate.program
