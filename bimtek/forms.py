import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from bimtek.formats import size_text
from bimtek.models import Dimension, Program, Stage, User

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it sends a wall-clock time without a zone."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL_FORMAT, **kwargs)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time from a datetime-local picker, in a year a program can have.

    A far year is refused as invalid: 0001-01-01 00:00 in WIB is before the first
    date Python knows once turned into UTC, and would be a server error.
    """

    widget = DateTimeLocalInput
    years = range(2000, 2101)

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and result.year not in self.years:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return result


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id too large for the database is an invalid choice.

    SQLite raises OverflowError for such an id in the ``pk__in`` query Django
    runs, which would be a server error on tampered POST data.
    """

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if isinstance(pk, str) and pk.strip().lstrip("+-").isdigit() and abs(int(pk)) >= 2**63:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": pk})
        return super()._check_values(value)


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "year", "institution", "description", "start_date", "end_date", "status", "mfa_grace_days",
                  "reminder_days", "session_reminder_hours"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class ProgramCreateForm(ProgramForm):
    stage_count = forms.IntegerField(label=_("Number of stages"), min_value=1, max_value=10, initial=4)

    class Meta(ProgramForm.Meta):
        fields = ["name", "year", "institution", "description", "start_date", "end_date"]


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["title", "description", "start_date", "end_date", "mode", "venue", "meeting_url"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language", "time_zone"]


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "order"]


def escaped(value) -> str:
    """Django's conditional_escape without its lazy-string checks (a long select escapes hundreds of them)."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


class FlatChoices(BaseChoiceIterator):
    """Choices that are already (value, label) pairs, given to a field as they are: Django normalizes a plain list
    pair by pair, for the field and again for its widget (a national program's 257 mentors cost over a
    millisecond), but keeps a choice iterator whole."""

    def __init__(self, choices: list):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


class LongSelect(forms.Select):
    """A select of hundreds of options (a national program's mentors), without option groups: its options are
    written in one pass, not by a template included per option (Django's way took tens of milliseconds)."""

    template_name = "includes/widgets/long_select.html"

    def optgroups(self, name, value, attrs=None):
        return []  # get_context writes the options

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = set(context["widget"]["value"])
        options = []
        for option_value, label in self.choices:
            selected = str(option_value) in chosen
            chosen = chosen if not selected else set()  # as Django's: only the first match is selected
            options.append(f'<option value="{escaped(option_value)}"{" selected" if selected else ""}>'
                           f"{escaped(label)}</option>")
        context["widget"]["options_html"] = mark_safe("\n".join(options))  # every value and label escaped
        return context


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string; every one optional."""

    province = forms.ChoiceField(label=_("Province"), required=False, widget=LongSelect)
    mentor = forms.TypedChoiceField(label=_("Mentor"), required=False, coerce=int, empty_value=None,
                                    widget=LongSelect)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, provinces, mentors, statuses, **kwargs):
        """``mentors``: (id, name) of the program's mentors."""
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = FlatChoices([("", _("All provinces"))] + [(name, name) for name in provinces])
        self.fields["mentor"].choices = FlatChoices([("", _("All mentors"))] + list(mentors))
        self.fields["status"].choices = FlatChoices([("", _("All statuses"))] + list(statuses))


class ProgressRuleForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["stage_session_share"]


class ProgramCloneForm(forms.Form):
    name = forms.CharField(label=_("Name of the new program"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    start_date = forms.DateField(
        label=_("Start date"), widget=DateInput(),
        help_text=_("Every stage and due time moves by as many days as the start date. The proposed date is 52 "
                    "weeks later, so every date stays on the same weekday."))


KEEP = None  # a file argument left as it is
REMOVE = False  # a file argument to take away


class FileInput(forms.ClearableFileInput):
    """A file input that says a file is set, with a box to remove it, but never links to it:
    uploaded files have no public address."""

    template_name = "includes/widgets/file_input.html"


def file_choice(value):
    """KEEP, REMOVE or the new upload, from a cleaned FileField value."""
    if value is False:
        return REMOVE
    if value and hasattr(value, "content_type"):
        return value
    return KEEP
class UploadFormMixin:
    """A form whose file fields the view may have dropped while they arrived, for passing the size limit
    (bimtek.views.mixins.LimitedUploadMixin passes ``oversized`` and ``max_bytes``). Each dropped field
    says so, in place of any other error about it; the content check itself runs in the service."""

    oversized_message = _("The file is larger than the limit of %(limit)s and was not kept.")

    def __init__(self, *args, oversized=(), max_bytes=None, **kwargs):
        self.oversized, self.max_bytes = set(oversized), max_bytes
        super().__init__(*args, **kwargs)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.fields:
            if self.add_prefix(name) in self.oversized:
                self.errors.pop(name, None)
                self.add_error(name, self.oversized_message % {"limit": size_text(self.max_bytes or 0)})
