"""Forms of the pages that read across the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.forms import DateInput
from bimtek.models import AuditAction
from bimtek.overview import selectors


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All"))] + AuditAction.choices)
    actor = forms.ModelChoiceField(label=_("Person"), required=False, queryset=None, empty_label=_("Everyone"))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = selectors.audit_actors(program)

    def filters(self) -> dict:
        """The chosen filters; none when the form is not valid (the page then shows everything)."""
        return {name: value for name, value in self.cleaned_data.items() if value} if self.is_valid() else {}
