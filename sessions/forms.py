import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.forms import DATETIME_LOCAL_FORMAT, LocalDateTimeField, ModelMultipleChoiceField, UploadFormMixin
from participants.models import Region, Team
from participants.selectors import program_mentors
from sessions.checkin import CODE_DIGITS
from sessions.models import Attendance, AttendancePolicy, TrainingSession

class TeamChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, team):
        return f"{team.region} ({team.region.province}, {team.region.zone_label})"


class MentorChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name()


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
    class Meta:
        model = AttendancePolicy
        exclude = ["program"]


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


class ReportRowMatchForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)

    def __init__(self, *args, roster, choices=None, **kwargs):
        """``choices``: the roster's menu made once for a page of many rows, instead of a query per row."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = roster
        if choices is not None:
            self.fields["person"].choices = choices


STATUS_CHOICES = [("", _("– not recorded –"))] + Attendance.Status.choices
