"""Forms of the assessment: an assessor's scores, a verification interview, the organizer's agreed scores."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.forms import DATETIME_LOCAL_FORMAT, LocalDateTimeField

NOTE_MAX = 2000


class ScoreForm(forms.Form):
    """One score (a level of the scale, or none yet) and a note per aspect of the scheme."""

    def __init__(self, *args, aspects, scores, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.aspects = aspects
        for aspect in aspects:
            existing = scores.get(aspect.pk)
            self.fields[f"score_{aspect.pk}"] = forms.TypedChoiceField(
                label=_("Score"), required=False, coerce=int, empty_value=None, widget=forms.RadioSelect,
                choices=[(level.value, f"{level.value} — {level.descriptor}") for level in aspect.levels.all()],
                initial=existing.score if existing else None, disabled=disabled)
            self.fields[f"note_{aspect.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.note if existing else "", disabled=disabled)

    def rows(self):
        """(aspect, score field, note field) for the template."""
        return [(aspect, self[f"score_{aspect.pk}"], self[f"note_{aspect.pk}"]) for aspect in self.aspects]

    def scores(self) -> dict:
        return {aspect.pk: (self.cleaned_data.get(f"score_{aspect.pk}"), self.cleaned_data.get(f"note_{aspect.pk}", ""))
                for aspect in self.aspects}


class InterviewForm(forms.Form):
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=None, empty_label=None,
                                   help_text=_("The interview is a session of the program, listed under this "
                                               "stage; it lies on or after the stage's start."))
    starts_at = LocalDateTimeField(label=_("Starts"), input_formats=[DATETIME_LOCAL_FORMAT])
    ends_at = LocalDateTimeField(label=_("Ends"), input_formats=[DATETIME_LOCAL_FORMAT])
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    meeting_url = forms.URLField(label=_("Meeting link"), required=False, assume_scheme="https")

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = program.stages.all()
        self.initial.setdefault("stage", program.stages.last())


class FinaliseForm(forms.Form):
    """The organizer's agreed score and note for each flagged aspect (``flags``), and which team to finalise."""

    round_team = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, flags, **kwargs):
        super().__init__(*args, **kwargs)
        self.flags = flags
        for flag in flags:
            key = f"{flag.round_team_id}_{flag.aspect_id}"
            self.fields[f"agreed_{key}"] = forms.DecimalField(
                label=_("Agreed score"), required=False, max_digits=6, decimal_places=2, min_value=0)
            self.fields[f"note_{key}"] = forms.CharField(label=_("Why this score"), required=False,
                                                         max_length=NOTE_MAX)

    def flag_rows(self):
        return [(flag, self[f"agreed_{flag.round_team_id}_{flag.aspect_id}"],
                 self[f"note_{flag.round_team_id}_{flag.aspect_id}"]) for flag in self.flags]

    def agreed(self) -> dict:
        """Round team id → aspect id → (score, note), for the flags given a score."""
        result = {}
        for flag in self.flags:
            key = f"{flag.round_team_id}_{flag.aspect_id}"
            score = self.cleaned_data.get(f"agreed_{key}")
            if score is not None:
                result.setdefault(flag.round_team_id, {})[flag.aspect_id] = (score, self.cleaned_data.get(f"note_{key}",
                                                                                                          ""))
        return result
