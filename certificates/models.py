import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Program
from bimtek.storage import PrivateUploadTo
from participants.models import Participant


def new_verification_code():
    # 24 random bytes: 192 bits, URL-safe, 32 characters.
    return secrets.token_urlsafe(24)


class CertificateTemplate(models.Model):
    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("Participant certificate")
        MENTOR = "mentor", _("Mentor certificate")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="certificate_templates",
                                verbose_name=_("program"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PARTICIPANT)
    title = models.CharField(_("title"), max_length=200, default="SERTIFIKAT")
    body = models.TextField(_("body text"))
    signatories = models.JSONField(_("signatories"), default=list, blank=True,
                                   help_text=_("Up to three: name, position, NIP."))
    logo = models.FileField(_("logo"), upload_to=PrivateUploadTo("certificate-assets"), blank=True)
    background = models.FileField(_("background"), upload_to=PrivateUploadTo("certificate-assets"), blank=True)
    orientation = models.CharField(_("page"), max_length=10, choices=Orientation.choices,
                                   default=Orientation.LANDSCAPE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["program", "kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"


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
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("issued by"))
    override_reason = models.CharField(_("reason for issuing outside the rule"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
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
        ]

    def __str__(self):
        return f"{self.number} — {self.holder_name}"

    @property
    def is_valid(self):
        return self.revoked_at is None
