from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.formats import size_text
from bimtek.forms import UploadFormMixin
from bimtek.uploads import kinds_label
from evaluation.models import ProgramProgress
from evaluation.services.self_assessment import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES


def evidence_help():
    return _("%(kinds)s; at most %(limit)s. The file is checked by its content, not its name.") % {
        "kinds": kinds_label(EVIDENCE_KINDS), "limit": size_text(EVIDENCE_MAX_BYTES)}


class SelfAssessmentForm(UploadFormMixin, forms.Form):
    """Every question's answer, own score and a new evidence file, and every register program's progress.

    Field names: ``q<question id>_text``, ``_score``, ``_file``; ``p<register program id>_status``, ``_value``,
    ``_note``. The page lays them out from ``data`` (evaluation.selectors.self_assessment)."""

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **{"max_bytes": EVIDENCE_MAX_BYTES, **kwargs})
        self.assessment = assessment
        for block in assessment.aspects:
            choices = [(level.value, f"{level.value} — {level.descriptor}") for level in block.levels]
            for row in block.questions:
                pk, answer = row.question.pk, row.answer
                self.fields[f"q{pk}_text"] = forms.CharField(
                    label=_("Answer"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4}),
                    initial=answer.text if answer else "")
                self.fields[f"q{pk}_score"] = forms.TypedChoiceField(
                    label=_("Own score"), required=False, choices=choices, coerce=int, empty_value=None,
                    widget=forms.RadioSelect, initial=answer.self_score if answer else None)
                self.fields[f"q{pk}_file"] = forms.FileField(
                    label=_("Add evidence"), required=False, help_text=evidence_help())
                self.fields[f"q{pk}_file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
        for row in assessment.programs:
            pk, progress = row.plan_program.pk, row.progress
            self.fields[f"p{pk}_status"] = forms.ChoiceField(
                label=_("Progress"), required=False,
                choices=[("", _("— not reported yet"))] + list(ProgramProgress.Status.choices),
                initial=progress.status if progress else "")
            self.fields[f"p{pk}_value"] = forms.DecimalField(
                label=_("Indicator now"), required=False, max_digits=14, decimal_places=2,
                initial=progress.current_value if progress else None)
            if row.plan_program.unit:
                self.fields[f"p{pk}_value"].help_text = row.plan_program.unit
            self.fields[f"p{pk}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
                initial=progress.note if progress else "")

    def answers(self) -> dict:
        data = self.cleaned_data
        return {row.question.pk: {"text": data[f"q{row.question.pk}_text"],
                                  "self_score": data[f"q{row.question.pk}_score"]}
                for row in self.assessment.questions}

    def evidence_files(self) -> dict:
        return {row.question.pk: [self.cleaned_data[f"q{row.question.pk}_file"]]
                for row in self.assessment.questions if self.cleaned_data.get(f"q{row.question.pk}_file")}

    def progress(self) -> dict:
        data = self.cleaned_data
        return {row.plan_program.pk: {"status": data[f"p{row.plan_program.pk}_status"],
                                      "current_value": data[f"p{row.plan_program.pk}_value"],
                                      "note": data[f"p{row.plan_program.pk}_note"]}
                for row in self.assessment.programs}

    def field_rows(self):
        """(row, text field, score field, file field) per question, grouped by aspect, for the template."""
        return [(block, [(row, self[f"q{row.question.pk}_text"], self[f"q{row.question.pk}_score"],
                          self[f"q{row.question.pk}_file"]) for row in block.questions])
                for block in self.assessment.aspects]

    def program_rows(self):
        return [(row, self[f"p{row.plan_program.pk}_status"], self[f"p{row.plan_program.pk}_value"],
                 self[f"p{row.plan_program.pk}_note"]) for row in self.assessment.programs]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why is it sent back?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("The team reads this and changes its self-assessment accordingly."))
