from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.forms import UploadFormMixin
from participants.fields import NipField
from participants.models import Participant, ProgramRole, Region, Team
from participants.normalize import EMAIL_MAX_LENGTH, NormalizeError, phone_normalize
from participants.selectors import program_mentors, staff_label


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["kind", "name", "province", "time_zone"]


class TeamCreateForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    new_region_kind = forms.ChoiceField(label=_("New region: kind"), choices=[("", "—")] + Region.Kind.choices,
                                        required=False)
    new_region_name = forms.CharField(label=_("New region: name"), max_length=120, required=False)
    new_region_province = forms.CharField(label=_("New region: province"), max_length=120, required=False)
    new_region_time_zone = forms.ChoiceField(label=_("New region: time zone"), choices=Region.TimeZone.choices,
                                             required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.exclude(teams__program=program)

    def clean(self):
        data = super().clean()
        if not data.get("region") and not (data.get("new_region_kind") and data.get("new_region_name")
                                           and data.get("new_region_province")):
            raise forms.ValidationError(_("Choose a region, or give the kind, name and province of a new one."))
        return data


class ParticipantForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
    send_invitation = forms.BooleanField(label=_("E-mail an invitation to set a password"), required=False,
                                         initial=True)
    nip = NipField()

    class Meta:
        model = Participant
        fields = ["full_name", "nip", "position", "agency", "phone", "team_role", "group"]

    def clean_phone(self):
        try:
            return phone_normalize(self.cleaned_data["phone"])
        except NormalizeError:
            raise forms.ValidationError(_("Write the phone number as 0812…, +62 812… or 62812….")) from None


class ParticipantUpdateForm(ParticipantForm):
    email = None
    send_invitation = None


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
    full_name = forms.CharField(label=_("Full name"), max_length=200,
                                help_text=_("With titles, exactly as it should be printed."))
    role = forms.ChoiceField(label=_("Role"), choices=ProgramRole.Role.choices)
    agency = forms.CharField(label=_("Institution"), max_length=200, required=False,
                             help_text=_("Printed on the attendance sheet, e.g. 'Institut Teknologi Bandung'."))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    nip = NipField()
    send_invitation = forms.BooleanField(label=_("E-mail an invitation to set a password"), required=False,
                                         initial=True)


class MentorAssignForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = program_mentors(program)
        self.fields["mentor"].label_from_instance = staff_label


class TeamUpdateForm(forms.Form):
    focus_dimension = forms.ModelChoiceField(label=_("Dimension put first"), queryset=None, required=False,
                                             help_text=_("A region may put one dimension first, e.g. Smart "
                                                         "Economy for economic recovery."))

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_dimension"].queryset = team.program.dimensions.all()
        self.fields["focus_dimension"].initial = team.focus_dimension_id


class ParticipantImportForm(UploadFormMixin, forms.Form):
    # Not required at field level: a file dropped for its size must still reach clean_file() to say so.
    file = forms.FileField(label=_("Participant list (XLSX or CSV)"), required=False,
                           widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}))
    team = forms.ModelChoiceField(
        label=_("Team for rows without a region"), queryset=Team.objects.none(), required=False,
        empty_label=_("None: the list has a Kabupaten/Kota column"),
        help_text=_("When a region sends the list of its own team, choose that team here; the list then needs no "
                    "Kabupaten/Kota column."))
    send_invitations = forms.BooleanField(
        label=_("E-mail new participants an invitation to set their password"), required=False,
        help_text=_("Sent after the import is confirmed, only to people who have no password yet."))

    oversized_message = _("The file is larger than %(limit)s.")

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(program=program).select_related("region")

    def clean_file(self):
        if not self.cleaned_data.get("file"):
            raise forms.ValidationError(_("Choose the file to upload."))
        return self.cleaned_data["file"]
