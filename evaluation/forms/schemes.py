from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Aspect, Scheme


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "description", "agreement_gap"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AspectRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Aspect"), max_length=100)
    weight = forms.DecimalField(label=_("Weight (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2)
    role = forms.ChoiceField(label=_("Kind"), choices=Aspect.Role.choices)
    description = forms.CharField(label=_("What it measures"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)


class QuestionRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Question or indicator"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(label=_("Guidance"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)


class LevelRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    value = forms.IntegerField(label=_("Score"), min_value=0, max_value=100)
    descriptor = forms.CharField(label=_("What the score means"), max_length=300)


AspectFormSet = forms.formset_factory(AspectRowForm, extra=1, can_delete=True, max_num=20, validate_max=True)
QuestionFormSet = forms.formset_factory(QuestionRowForm, extra=1, can_delete=True, max_num=50, validate_max=True)
LevelFormSet = forms.formset_factory(LevelRowForm, extra=1, can_delete=True, max_num=11, validate_max=True)


def formset_rows(formset) -> list[dict]:
    """The filled rows of a valid formset as dicts, with "delete" for those ticked to be removed."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.cleaned_data.get("id"):
            continue
        data = dict(form.cleaned_data)
        data["delete"] = data.pop("DELETE", False)
        rows.append(data)
    return rows


class SchemeCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)
