from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.models import TIME_ZONE_LABELS, Dimension, Program, UploadedFile

nip_validator = RegexValidator(r"^\d{18}$", _("A NIP has exactly 18 digits."))


class Region(models.Model):
    """A regional government (kabupaten or kota), independent of any program."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB"
        WITA = "Asia/Makassar", "WITA"
        WIT = "Asia/Jayapura", "WIT"

    name = models.CharField(_("name"), max_length=120, help_text=_("Without the kind, e.g. 'Kotawaringin Timur'."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=120)
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.WIB)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["province", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="region_unique_kind_name")]

    def __str__(self):
        return self.label_of(self.kind, self.name)

    @staticmethod
    def label_of(kind: str, name: str) -> str:
        """How a region is named, from its kind and name ('Kabupaten Kotawaringin Timur'): for lists that read
        the two columns without building the region."""
        return f"{_KIND_LABELS.get(kind, kind)} {name}"

    @property
    def zone_label(self):
        return TIME_ZONE_LABELS.get(self.time_zone, self.time_zone)


_KIND_LABELS = dict(Region.Kind.choices)  # lazy: each label translated as it is written


class Team(models.Model):
    """A region's team in one program (Tim Daerah)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="teams", verbose_name=_("program"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="teams", verbose_name=_("region"))
    mentors = models.ManyToManyField(settings.AUTH_USER_MODEL, through="MentorAssignment",
                                     related_name="mentored_teams", verbose_name=_("mentors"))
    # A region may put one dimension first, e.g. Smart Economy for economic recovery.
    focus_dimension = models.ForeignKey(Dimension, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="focus_teams", verbose_name=_("dimension put first"))

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["region__province", "region__name"]
        constraints = [models.UniqueConstraint(fields=["program", "region"], name="team_unique_region_per_program")]

    def __str__(self):
        return str(self.region)


class Participant(models.Model):
    """A person on a team, with name, position and agency as the region sent them."""

    class TeamRole(models.TextChoices):
        LEADER = "leader", _("Team leader")
        MEMBER = "member", _("Member")

    class Group(models.TextChoices):
        OPD = "opd", _("Regional agency (OPD)")
        COUNCIL = "council", _("Smart City council")
        IMPLEMENTATION = "implementation", _("Implementation team")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations",
                             verbose_name=_("account"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="participants", verbose_name=_("team"))
    full_name = models.CharField(_("full name"), max_length=200,
                                 help_text=_("With titles, exactly as written, e.g. 'Dr. Ir. H. Ahmad Fauzi, M.Si.'"))
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    team_role = models.CharField(_("role in team"), max_length=10, choices=TeamRole.choices,
                                 default=TeamRole.MEMBER)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["team", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="participant_once_per_team"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def program(self):
        return self.team.program


class MentorAssignment(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="mentor_assignments",
                             verbose_name=_("team"))
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="mentor_assignments", verbose_name=_("mentor"))
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [models.UniqueConstraint(fields=["team", "mentor"], name="mentor_assignment_unique")]

    def __str__(self):
        return f"{self.mentor} → {self.team}"


class ProgramRole(models.Model):
    """Organizer, mentor or evaluator of one program. Participants are members of a team instead."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        MENTOR = "mentor", _("Mentor")
        EVALUATOR = "evaluator", _("Evaluator")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="roles", verbose_name=_("program"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_roles",
                             verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    # As printed on the attendance sheet's Narasumber rows and on letters.
    agency = models.CharField(_("institution"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    # The name as this program's organizer typed it. The account's own name is not shown to them: an
    # organizer who types an address must not learn who, anywhere in bimtek, holds it.
    full_name = models.CharField(_("name as entered"), max_length=200, blank=True)
    # Starts an organizer's grace period for two-factor login (participants.mfa); rows older than the field
    # count from the day it was added.
    created_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("program role")
        verbose_name_plural = _("program roles")
        ordering = ["program", "role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["program", "user", "role"], name="program_role_unique")]

    def __str__(self):
        return f"{self.listed_name} — {self.get_role_display()} ({self.program})"

    @property
    def listed_name(self):
        return self.full_name or self.user.email


class ParticipantImport(UploadedFile):
    """A participant list uploaded for import, with the preview of every row.

    The file is kept under a server-chosen name from the upload until the
    organizer confirms (the import then reads this copy, never a second
    upload) or discards it; then it is deleted and the row stays as a record.
    """

    upload_folder = "imports"

    class Status(models.TextChoices):
        READING = "reading", _("Being read")
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTING = "importing", _("Being imported")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participant_imports",
                                verbose_name=_("program"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("team for rows without a region"))
    send_invitations = models.BooleanField(_("e-mail invitations to new accounts"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    preview = models.JSONField(_("preview"), default=dict, blank=True, editable=False)
    summary = models.JSONField(_("summary"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # A large list is read, and imported, by a worker (participants.import_run.IMPORT_IN_REQUEST_MAX).
    job = models.ForeignKey("bimtek.BackgroundJob", on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", editable=False)

    class Meta:
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name
