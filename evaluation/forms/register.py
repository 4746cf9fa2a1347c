"""Forms of the master plan register: starting it, its settings, one program, the review, the import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.forms import UploadFormMixin
from bimtek.models import Dimension
from evaluation.models import PlanProgram, PlanReview
from materials.models import DraftVersion


class PlanStartForm(forms.Form):
    first_year = forms.IntegerField(label=_("First year of the plan"), min_value=2000, max_value=2100,
                                    help_text=_("The master plan covers five years from this one."))


class DraftVersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(assignment)s, version %(number)s (%(file)s)") % {
            "assignment": obj.submission.assignment.title, "number": obj.number, "file": obj.original_name}


class PlanSettingsForm(PlanStartForm):
    draft_version = DraftVersionChoiceField(
        label=_("Final draft of the last stage"), queryset=DraftVersion.objects.none(), required=False,
        empty_label=_("Not attached yet"),
        help_text=_("The version of the master plan document this register belongs to."))

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["draft_version"]
        # The choices are the selector's list, already read; the queryset only checks the chosen id.
        field.queryset = DraftVersion.objects.filter(pk__in=[version.pk for version in versions])
        field.choices = [("", field.empty_label)] + [(version.pk, field.label_from_instance(version))
                                                    for version in versions]


class PlanProgramForm(forms.ModelForm):
    class Meta:
        model = PlanProgram
        fields = ["dimension", "title", "description", "responsible_agency", "start_year", "end_year", "quick_win",
                  "indicator", "unit", "baseline_value", "target_value", "budget", "budget_source", "risks"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "risks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(program_id=plan.team.program_id)
        years = [(year, year) for year in range(plan.first_year, plan.last_year + 1)]
        for name in ("start_year", "end_year"):
            self.fields[name] = forms.TypedChoiceField(label=self.fields[name].label, choices=years, coerce=int)

    def validate_unique(self):
        # The service checks the years against the plan (and says so on the field); the model's constraint
        # would only repeat it in words no one understands.
        pass


class PlanReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=PlanReview.Decision.choices,
                                 widget=forms.RadioSelect, initial=PlanReview.Decision.COMMENT)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class RegisterImportForm(UploadFormMixin, forms.Form):
    # Not required at field level: a file dropped for its size must still reach clean_file() to say so.
    file = forms.FileField(label=_("Register spreadsheet (XLSX or CSV)"), required=False,
                           widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}))

    oversized_message = _("The file is larger than %(limit)s.")

    def clean_file(self):
        if not self.cleaned_data.get("file"):
            raise forms.ValidationError(_("Choose the file to upload."))
        return self.cleaned_data["file"]
