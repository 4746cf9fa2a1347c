"""The assessor's pages: the queue of assigned teams, one team's assessment (scores, submit, interview,
evidence), and the organizer's reopening and finalising."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import file_download
from bimtek.uploads import CONTENT_TYPES
from bimtek.views.mixins import REFUSED, ServiceActionMixin, ServiceFormMixin
from evaluation.forms.assessment import FinaliseForm, InterviewForm, ScoreForm
from evaluation.models import RoundTeam
from evaluation.selectors import assessment as selectors
from evaluation.selectors.index import strongest_and_weakest
from evaluation.selectors.self_assessment import evidence_lookup
from evaluation.services.assessment import (
    assessment_reopen,
    assessment_save,
    assessment_schedule_interview,
    assessment_submit,
)
from evaluation.services.finalise import round_finalise
from evaluation.views.mixins import RoundMixin
from participants.view_mixins import ProgramMixin


class AssessorQueueView(ProgramMixin, TemplateView):
    """The teams assigned to this assessor (an organizer: every assessment), per round, with the state of each
    team's self-assessment."""

    permission_required = "evaluation.view_assessor_queue"
    template_name = "evaluation/assessment/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        everyone = self.request.user.has_perm("evaluation.manage_evaluation", self.program)
        assessments = selectors.assessor_queue(self.program, self.request.user, everyone=everyone)
        context.update(rounds=selectors.queue_by_round(assessments), everyone=everyone)
        return context


class RoundTeamMixin(ProgramMixin):
    """A team in one of the program's rounds, from the ``round_team`` URL argument."""

    @cached_property
    def round_team(self):
        return get_object_or_404(selectors.round_team_lookup(self.program), pk=self.kwargs["round_team"])

    def get_permission_object(self):
        return self.round_team

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "round_team": self.round_team,
                "evaluation_round": self.round_team.round}


class AssessmentMixin(RoundTeamMixin):
    permission_required = "evaluation.assess_team"

    @cached_property
    def assessment(self):
        return selectors.own_assessment(self.round_team, self.request.user)

    def assessment_url(self):
        return reverse("evaluation_assessment", args=[self.program.pk, self.round_team.pk])


class AssessmentView(AssessmentMixin, ServiceFormMixin, FormView):
    """One team: its answers, own scores, evidence and register progress, and the assessor's scores (save, or
    submit once every aspect is scored)."""

    template_name = "evaluation/assessment/assess.html"

    @cached_property
    def aspects(self):
        return selectors.scheme_aspects(self.round_team.round.scheme)

    @cached_property
    def assessments(self):
        return selectors.team_assessments(self.round_team)

    @cached_property
    def mine(self):
        return next(a for a in self.assessments if a.assessor_id == self.request.user.pk)

    def read_only(self):
        return self.mine.submitted_at is not None or self.round_team.status != RoundTeam.Status.SUBMITTED

    def get_form(self, form_class=None):
        return ScoreForm(**self.get_form_kwargs(), aspects=self.aspects,
                         scores={score.aspect_id: score for score in self.mine.scores.all()},
                         disabled=self.read_only())

    def post(self, request, *args, **kwargs):
        if self.read_only():
            messages.error(request, _("This assessment cannot be changed now."))
            return redirect(self.assessment_url())
        return super().post(request, *args, **kwargs)

    def run_service(self, form):
        assessment_save(assessment=self.mine, scores=form.scores())
        if "submit" not in self.request.POST:
            messages.success(self.request, _("Your scores are saved. Submit them once every aspect is scored."))
            return redirect(self.assessment_url())
        try:
            assessment_submit(assessment=self.mine)
        except ValidationError:
            messages.info(self.request, _("Your scores are saved."))
            raise
        messages.success(self.request, _("Your assessment is submitted."))
        return redirect(self.assessment_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = selectors.team_answers(self.round_team)
        programs = selectors.team_progress(self.round_team)
        for aspect in self.aspects:
            aspect.team_answers = [(question, answers.get(question.pk)) for question in aspect.questions.all()]
        strongest, weakest = strongest_and_weakest(programs, selectors.status_by_program(programs))
        context.update(
            assessment=self.mine, read_only=self.read_only(), programs=programs, strongest=strongest, weakest=weakest,
            flags=selectors.agreement_flags(self.assessments, self.aspects, self.round_team.round.scheme.agreement_gap),
            other_assessors=[a for a in self.assessments if a.pk != self.mine.pk])
        return context


class AssessmentEvidenceView(RoundTeamMixin, View):
    """One file of the team's evidence, for whoever may see its self-assessment."""

    permission_required = "evaluation.view_self_assessment"

    @cached_property
    def evidence(self):
        return get_object_or_404(evidence_lookup(self.round_team), pk=self.kwargs["evidence"])

    def get(self, request, *args, **kwargs):
        return file_download(self.evidence.file, filename=self.evidence.original_name,
                             content_type=CONTENT_TYPES.get(self.evidence.kind, "application/octet-stream"))


class InterviewView(AssessmentMixin, ServiceFormMixin, FormView):
    """Schedule a verification interview: a session of the program that expects the team."""

    template_name = "evaluation/assessment/interview.html"
    form_class = InterviewForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def run_service(self, form):
        session = assessment_schedule_interview(assessment=self.assessment, **form.cleaned_data)
        messages.success(self.request, _("The interview is scheduled; the team is invited like to any session."))
        return redirect("session_detail", self.program.pk, session.pk)


class AssessmentReopenView(ProgramMixin, ServiceActionMixin, View):
    """An organizer lets an assessor change a submitted assessment."""

    permission_required = "evaluation.manage_evaluation"
    http_method_names = ["post"]

    @cached_property
    def assessment(self):
        return get_object_or_404(selectors.assessment_lookup(self.program), pk=self.kwargs["assessment"])

    def get_permission_object(self):
        return self.assessment

    def post(self, request, *args, **kwargs):
        self.run_action(lambda: assessment_reopen(assessment=self.assessment),
                        _("The assessment is open again for %(assessor)s.") % {"assessor": self.assessment.assessor})
        return redirect("evaluation_finalise", self.program.pk, self.assessment.round_team.round_id)


class FinaliseView(RoundMixin, ServiceActionMixin, FormView):
    """The organizer's view of a round's assessments: what is missing, the flags, and finalising per team or
    for the whole round."""

    permission_required = "evaluation.manage_evaluation"
    template_name = "evaluation/assessment/finalise.html"

    @cached_property
    def aspects(self):
        return selectors.scheme_aspects(self.evaluation_round.scheme)

    @cached_property
    def rows(self):
        assessments = selectors.round_assessments(self.evaluation_round)
        gap = self.evaluation_round.scheme.agreement_gap
        rows = []
        for round_team in selectors.round_teams(self.evaluation_round):
            team_assessments = assessments.get(round_team.pk, [])
            flags = selectors.agreement_flags(team_assessments, self.aspects, gap) if team_assessments else []
            problems = selectors.finalise_problems(round_team, team_assessments, flags, {}) \
                if round_team.status != RoundTeam.Status.FINALISED else []
            rows.append({"round_team": round_team, "assessments": team_assessments, "flags": flags,
                         "problems": problems})
        return rows

    def get_form(self, form_class=None):
        flags = [flag for row in self.rows for flag in row["flags"]
                 if row["round_team"].status != RoundTeam.Status.FINALISED]
        return FinaliseForm(**self.get_form_kwargs(), flags=flags)

    def form_valid(self, form):
        wanted = form.cleaned_data.get("round_team")
        result = self.run_action(lambda: round_finalise(
            evaluation_round=self.evaluation_round, round_team_ids=[wanted] if wanted else None, agreed=form.agreed()))
        if result is REFUSED:
            return self.form_invalid(form)
        messages.success(self.request, _("Finalised: %(teams)s.") % {"teams": ", ".join(str(rt.team) for rt in result)})
        return redirect("evaluation_finalise", self.program.pk, self.evaluation_round.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(evaluation_round=self.evaluation_round, rows=self.rows, aspects=self.aspects)
        return context
