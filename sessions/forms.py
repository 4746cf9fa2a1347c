import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.forms import (
    DATETIME_LOCAL_FORMAT,
    KEEP,
    REMOVE,
    FileInput,
    LocalDateTimeField,
    ModelMultipleChoiceField,
    UploadFormMixin,
    file_choice,
)
from bimtek.images import LOGO_MAX_BYTES, check_image
from bimtek.numbering import check_number_format
from participants.fields import NipField
from participants.models import Region, Team
from participants.selectors import program_mentors, staff_label
from sessions.checkin import CODE_DIGITS
from sessions.models import Attendance, AttendancePolicy, LetterSettings, TrainingSession


class TeamChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, team):
        return f"{team.region} ({team.region.province}, {team.region.zone_label})"


class MentorChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return staff_label(user)


class SessionForm(forms.ModelForm):
    """Times are typed as local times of the session's own zone (its ``time_zone`` field)."""

    starts_at = LocalDateTimeField(label=_("Starts"), input_formats=[DATETIME_LOCAL_FORMAT])
    ends_at = LocalDateTimeField(label=_("Ends"), input_formats=[DATETIME_LOCAL_FORMAT])
    mentors = MentorChoiceField(label=_("Mentors"), queryset=None, required=False,
                                widget=forms.CheckboxSelectMultiple)
    expected_teams = TeamChoiceField(
        label=_("Expected teams"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the session is not for all teams, e.g. a regional clinic."))
    confirm_conflicts = forms.BooleanField(
        label=_("Schedule it anyway, I know about the overlaps listed above"), required=False)

    class Meta:
        model = TrainingSession
        fields = ["stage", "title", "kind", "time_zone", "starts_at", "ends_at", "venue", "meeting_url", "mentors",
                  "all_teams", "expected_teams"]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["stage"].queryset = program.stages.all()
        self.fields["stage"].empty_label = None
        self.fields["mentors"].queryset = program_mentors(program)
        self.fields["expected_teams"].queryset = Team.objects.filter(program=program).select_related("region")
        self.fields["time_zone"].help_text = TrainingSession._meta.get_field("time_zone").help_text
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            for name in ("starts_at", "ends_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone).replace(tzinfo=None)
        # Shown (by the view) only after an overlap was found.
        self.fields["confirm_conflicts"].widget = forms.HiddenInput()

    def show_conflicts(self, conflicts):
        self.conflicts = conflicts
        self.fields["confirm_conflicts"].widget = forms.CheckboxInput()

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    # The browser sends a wall-clock time; it is a time in the session's zone.
                    naive = timezone.make_naive(data[name], timezone.get_current_timezone())
                    data[name] = timezone.make_aware(naive, zone)
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_conflicts", None)
        data["expected_teams"] = list(data.get("expected_teams") or [])
        data["mentors"] = list(data.get("mentors") or [])
        return data


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False,
                             help_text=_("Sent in the e-mail to everyone expected at the session."))


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"), max_length=20,
        help_text=_("The %(digits)d digits shown on the screen in the room.") % {"digits": CODE_DIGITS},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "pattern": r"[0-9 ]*", "class": "code-input"}))


class AttendancePolicyForm(forms.ModelForm):
    official_nip = NipField(label=_("responsible official: NIP"))

    class Meta:
        model = AttendancePolicy
        fields = ["checkin_opens_minutes", "checkin_closes_minutes", "late_after_minutes", "code_rotation_seconds",
                  "online_min_share", "team_quorum", "official_name", "official_position", "official_nip"]


class SignedSheetForm(UploadFormMixin, forms.Form):
    file = forms.FileField(label=_("Scanned signed sheet"),
                           help_text=_("PDF, JPEG or PNG, at most 20 MB. Upload several files for several pages."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MeetingReportForm(UploadFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Participant report (CSV)"),
        help_text=_("The meeting platform's participant report: Zoom's “Participants” export, or any CSV with "
                    "name, e-mail, join time, leave time and duration columns."))
    time_zone = forms.ChoiceField(
        label=_("Time zone of the times in the report"), choices=Region.TimeZone.choices,
        help_text=_("Zoom writes times in the zone of the account that exported the report."))
    accept_partial = forms.BooleanField(
        label=_("Apply it although its times overlap the session only in part"), required=False)


class ReportRowMatchForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)

    def __init__(self, *args, roster, choices=None, **kwargs):
        """``roster``: ``selectors.roster_users``, named as the roster names them. ``choices``: the roster's menu
        made once for a page of many rows, instead of a query per row."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = roster
        self.fields["person"].label_from_instance = staff_label
        if choices is not None:
            self.fields["person"].choices = choices


STATUS_CHOICES = [("", _("– not recorded –"))] + Attendance.Status.choices


class LetterSettingsForm(forms.Form):
    """The letterhead (kop surat) and how invitation letters are numbered and signed."""

    letterhead_lines = forms.CharField(
        label=_("Letterhead lines"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LetterSettings._meta.get_field("letterhead_lines").help_text)
    letterhead_logo = forms.FileField(label=_("Letterhead logo"), required=False, widget=FileInput(),
                                      help_text=_("Optional PNG or JPEG, up to 2 MB; printed left of the lines."))
    number_format = forms.CharField(label=_("Invitation letter number format"), max_length=100,
                                    help_text=LetterSettings._meta.get_field("number_format").help_text)
    official_name = forms.CharField(label=_("Signing official: name"), max_length=200, required=False,
                                    help_text=_("With titles. Left empty, the attendance sheet's official signs."))
    official_position = forms.CharField(label=_("Signing official: position"), max_length=200, required=False)
    official_nip = NipField(label=_("Signing official: NIP"))

    def clean_letterhead_logo(self):
        logo = self.cleaned_data.get("letterhead_logo")
        if file_choice(logo) not in (KEEP, REMOVE):
            check_image(logo, max_bytes=LOGO_MAX_BYTES)
        return logo

    def clean_number_format(self):
        value = self.cleaned_data["number_format"].strip()
        check_number_format(value)
        return value

    def service_fields(self) -> dict:
        return {**self.cleaned_data, "letterhead_logo": file_choice(self.cleaned_data.get("letterhead_logo"))}
