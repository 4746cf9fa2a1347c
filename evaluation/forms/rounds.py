from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.forms import DateInput, ModelMultipleChoiceField
from evaluation.models import Scheme
from participants.models import Team


class AssessorFieldsMixin:
    """One field per evaluator of the program: the teams they assess (``teams_for_<user id>``)."""

    def add_assessor_fields(self, evaluators, teams, label_of, initial=None):
        initial = initial or {}
        self.evaluators = evaluators
        for user in evaluators:
            field = forms.MultipleChoiceField(
                label=_("Teams %(person)s assesses") % {"person": user}, required=False,
                choices=[(team.pk, label_of(team)) for team in teams], widget=forms.CheckboxSelectMultiple,
                initial=sorted(initial.get(user.pk, ())))
            self.fields[f"teams_for_{user.pk}"] = field

    def assessors_by_team(self) -> dict:
        """Team (or round team) id -> the evaluators chosen for it."""
        result = {}
        for user in self.evaluators:
            for team_id in self.cleaned_data.get(f"teams_for_{user.pk}", ()):
                result.setdefault(int(team_id), []).append(user)
        return result

    def assessor_fields(self):
        return [self[f"teams_for_{user.pk}"] for user in self.evaluators]


class RoundForm(AssessorFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period evaluated from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period evaluated to"), widget=DateInput())
    opens_on = forms.DateField(label=_("Self-assessment opens"), widget=DateInput())
    closes_on = forms.DateField(label=_("Self-assessment closes"), widget=DateInput(),
                                help_text=_("The teams can submit until the end of this day."))
    scheme = forms.ModelChoiceField(label=_("Scoring scheme"), queryset=Scheme.objects.none())
    teams = ModelMultipleChoiceField(label=_("Teams"), queryset=Team.objects.none(),
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=_("Every team of the program is chosen at first."))

    def __init__(self, *args, program, evaluators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = Scheme.objects.filter(program=program)
        teams = list(Team.objects.filter(program=program).select_related("region"))
        self.fields["teams"].queryset = Team.objects.filter(program=program).select_related("region")
        self.fields["teams"].initial = [team.pk for team in teams]
        self.add_assessor_fields(evaluators, teams, str)

    def clean(self):
        data = super().clean()
        chosen = {team.pk for team in data.get("teams") or ()}
        for team_id in self.assessors_by_team():
            if team_id not in chosen:
                self.add_error(None, _("An evaluator is assigned to a team that is not in the round."))
                break
        return data


class AssessorsForm(AssessorFieldsMixin, forms.Form):
    def __init__(self, *args, round_teams, evaluators, **kwargs):
        super().__init__(*args, **kwargs)
        initial = {}
        for round_team in round_teams:
            for assessment in round_team.assessments.all():
                initial.setdefault(assessment.assessor_id, set()).add(round_team.pk)
        self.add_assessor_fields(evaluators, round_teams, lambda round_team: str(round_team.team), initial)
