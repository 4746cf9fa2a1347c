from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.models import Dimension, Program, Stage, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "year", "institution", "description", "start_date", "end_date", "status"]
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
        fields = ["language", "time_zone"]


class StageCreateForm(StageForm):
    pass


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "order"]
