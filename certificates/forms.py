import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bimtek import images
from bimtek.forms import KEEP, REMOVE, DateInput, FileInput, UploadFormMixin, file_choice
from bimtek.numbering import check_number_format
from certificates import assets
from certificates.codes import canonical
from certificates.models import CertificateSettings, CertificateTemplate, Kind
from certificates.services import SignatoryData
from certificates.variables import check_placeholders
from participants.fields import NipField


class CertificateSettingsForm(forms.ModelForm):
    class Meta:
        model = CertificateSettings
        fields = ["min_attendance_percent", "require_approved_assignments", "number_format", "lesson_hours"]

    def clean_number_format(self):
        value = self.cleaned_data["number_format"].strip()
        check_number_format(value)
        return value


def placeholder_help():
    return _("Placeholders such as {nama} are replaced for each person; the table below lists them all. "
             "Any other word in braces is refused.")


class CertificateTemplateForm(UploadFormMixin, forms.ModelForm):
    class Meta:
        model = CertificateTemplate
        fields = ["kind", "title", "preamble", "body", "role_label", "place", "signed_on", "orientation", "logo",
                  "background"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6}), "signed_on": DateInput(), "logo": FileInput(),
                   "background": FileInput()}
        help_texts = {
            "logo": _("PNG or JPEG, up to 2 MB, printed at the top."),
            "background": _("Optional design under the text: a PNG or JPEG picture, or a one-page PDF, "
                            "A4 in the page's orientation, up to 10 MB. The frame is left out when a "
                            "background is set."),
            "title": _("Printed as written, e.g. SERTIFIKAT."),
            "preamble": _("Printed as written above the holder's name."),
            "signed_on": _("Empty: the day each certificate is issued. Never before the end of the program's "
                           "last stage."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = placeholder_help()
        self.fields["body"].widget.attrs["aria-describedby"] = "id_body_helptext placeholder-table"

    def full_clean(self):
        super().full_clean()
        attrs = self.fields["body"].widget.attrs
        if self.errors.get("body") and "id_body_error" not in attrs["aria-describedby"]:
            # The field names its help and the placeholder table itself, so Django does not add its error.
            attrs["aria-describedby"] += " id_body_error"

    def clean_body(self):
        body = self.cleaned_data["body"]
        check_placeholders(body)
        return body

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if file_choice(logo) not in (KEEP, REMOVE):
            images.check_image(logo, max_bytes=images.LOGO_MAX_BYTES)
        return logo

    def clean(self):
        data = super().clean()
        background = data.get("background")
        orientation = data.get("orientation") or CertificateTemplate.Orientation.LANDSCAPE
        if file_choice(background) not in (KEEP, REMOVE):
            try:
                assets.check_background(background, orientation=orientation)
            except ValidationError as error:
                self.add_error("background", error)
        elif (self.instance.pk and self.instance.background and file_choice(background) is KEEP
              and "orientation" in self.changed_data):
            self.add_error("orientation", _("The background was made for the other orientation; "
                                            "upload one for this page or remove it."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return dict(kind=data["kind"], title=data["title"], preamble=data["preamble"], body=data["body"],
                    role_label=data["role_label"], place=data["place"], signed_on=data["signed_on"],
                    orientation=data["orientation"], logo=file_choice(data.get("logo")),
                    background=file_choice(data.get("background")))


class SignatoryForm(UploadFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False,
                           help_text=_("With titles, as it should be printed."))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    nip = NipField(help_text=_("18 digits; optional."))
    signature = forms.FileField(label=_("Signature image"), required=False, widget=FileInput(),
                                help_text=_("Optional PNG (transparent is best) or JPEG, up to 1 MB."))

    def clean_signature(self):
        signature = self.cleaned_data.get("signature")
        if file_choice(signature) not in (KEEP, REMOVE):
            images.check_image(signature, max_bytes=assets.SIGNATURE_MAX_BYTES)
        return signature

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("name", "position", "nip")) or \
            file_choice(data.get("signature")) not in (KEEP, REMOVE)
        if filled:
            for name in ("name", "position"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("A signatory needs a name and a position."))
        return data

    def signatory(self) -> SignatoryData | None:
        data = self.cleaned_data
        if not (data.get("name") or "").strip():
            return None
        return SignatoryData(name=data["name"], position=data["position"], nip=data.get("nip", ""),
                             signature=file_choice(data.get("signature")))


SignatoryFormSet = forms.formset_factory(SignatoryForm, extra=0, min_num=3, max_num=3, validate_max=True)


def signatory_formset(*, template: CertificateTemplate | None, data=None, files=None, upload=None):
    """Three signatory slots, filled from the template's signatories; ``upload``: the view's upload_form_kwargs."""
    existing = list(template.signatories.all()) if template and template.pk else []
    initial = [{"name": s.name, "position": s.position, "nip": s.nip, "signature": s.signature or None}
               for s in existing]
    return SignatoryFormSet(data=data, files=files, initial=initial + [{}] * (3 - len(initial)),
                            prefix="signatory", form_kwargs=upload or {})


class BulkIssueForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=CertificateTemplate.objects.none())
    early_reason = forms.CharField(label=_("Reason for issuing before the last stage ends"), max_length=250,
                                   required=False,
                                   help_text=_("Needed only while the program is still running. The date printed "
                                               "stays the end of the last stage."))

    def __init__(self, *args, program, kind, templates=None, **kwargs):
        """``templates``: the program's templates, when the page has read them already."""
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        field.queryset = CertificateTemplate.objects.filter(program=program, kind=kind)
        # read once, to list them, choose the first and tell whether there is any (a choice field would read
        # its queryset for each)
        listed = [t for t in templates if t.kind == kind] if templates is not None else list(field.queryset)
        choice = field.iterator(field).choice
        field.choices = [("", field.empty_label)] + [choice(template) for template in listed]
        field.initial = listed[0] if listed else None
        self.has_templates = bool(listed)
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"id_{name}_{kind}"  # two of these forms share one page


class ManualIssueForm(BulkIssueForm):
    early_reason = None  # the reason below covers it
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("Why this person gets a certificate by hand, e.g. 'attended the "
                                         "replacement session on 12 October'. Kept in the log."))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=280,
                             help_text=_("Shown on the public verification page."))


class ReissueForm(forms.Form):
    holder_name = forms.CharField(label=_("Name as it will be printed"), max_length=200,
                                  help_text=_("With titles, exactly as written."))
    reason = forms.CharField(label=_("Reason for reissuing"), max_length=250,
                             help_text=_("E.g. 'name misspelt'. Shown on the old certificate's verification page."))


TEAM_CHOICES_MAX = 50  # teams a filter lists; beyond, the search takes a region too


def _team_filter_or_region_search(form, program, *, search: str, label):
    """The form's team filter lists the program's teams; with too many for a list (a national program has
    514), it is dropped and the ``search`` field, named ``label``, finds the region instead."""
    teams = program.teams.select_related("region")
    if teams[TEAM_CHOICES_MAX:].exists():  # not read in a program of many teams
        del form.fields["team"]
        form.fields[search].label = label
    else:
        field = form.fields["team"]
        field.queryset = teams
        field.choices = [("", field.empty_label)] + [(team.pk, str(team)) for team in teams]  # read once


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All statuses")), ("valid", _("Valid")), ("revoked", _("Revoked")), ("by_hand", _("Issued by hand"))])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Kind.choices)
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None, empty_label=_("All teams"))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        _team_filter_or_region_search(self, program, search="q", label=_("Name, number or region"))


class EligibilityFilterForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None, empty_label=_("All teams"))
    status = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("Everyone")), ("eligible", _("Eligible")), ("not_eligible", _("Not eligible")),
        ("without", _("Eligible, no certificate yet")), ("certified", _("With a valid certificate"))])
    query = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        _team_filter_or_region_search(self, program, search="query", label=_("Name, NIP or region"))


LEGACY_CODE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class VerifyLookupForm(forms.Form):
    """The public check: the code printed under the QR code, or the number with the holder's name."""

    code = forms.CharField(label=_("Verification code"), required=False, max_length=80,
                           help_text=_("As printed under the QR code, e.g. 7KQM-2XPH-9RTBW."))
    number = forms.CharField(label=_("Certificate number"), required=False, max_length=100,
                             help_text=_("E.g. 012/BIMTEK-SC/2026."))
    name = forms.CharField(label=_("Holder's name"), required=False, max_length=200,
                           help_text=_("As printed on the certificate; titles may be left out."))

    def clean(self):
        data = super().clean()
        code = data.get("code", "").strip()
        if code:
            if canonical(code) is None and not LEGACY_CODE.match(code):
                self.add_error("code", _("This is not a verification code: it has 13 letters and digits, "
                                         "e.g. 7KQM-2XPH-9RTBW."))
            return data
        if not (data.get("number", "").strip() and data.get("name", "").strip()):
            raise ValidationError(_("Type the code printed under the QR code, or the certificate's number "
                                    "together with the holder's name."))
        return data
