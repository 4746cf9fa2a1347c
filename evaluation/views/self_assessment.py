"""The team's self-assessment of a round: answered, saved, submitted; read by its assessors and the organizers,
who may send it back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from bimtek.downloads import file_download
from bimtek.uploads import CONTENT_TYPES
from bimtek.views.mixins import LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from evaluation.forms.self_assessment import ReturnForm, SelfAssessmentForm
from evaluation.models import RoundTeam
from evaluation.selectors.assessment import round_team_lookup
from evaluation.selectors.self_assessment import evidence_lookup, missing_items, self_assessment_data
from evaluation.services import self_assessment as services
from participants.view_mixins import ProgramMixin


class RoundTeamMixin(ProgramMixin):
    """One team in one round, both looked up through the program in the URL."""

    permission_required = "evaluation.view_self_assessment"

    @cached_property
    def round_team(self):
        return get_object_or_404(round_team_lookup(self.program), round_id=self.kwargs["round"],
                                 team_id=self.kwargs["team"])

    def get_permission_object(self):
        return self.round_team

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "round_team": self.round_team,
                "round": self.round_team.round, "team": self.round_team.team}

    def page_redirect(self):
        return redirect("evaluation_self_assessment", program=self.program.pk, round=self.round_team.round_id,
                        team=self.round_team.team_id)


class SelfAssessmentView(LimitedUploadMixin, RoundTeamMixin, FormView):
    """Every question grouped by aspect with its level descriptors, the evidence, and the register's programs."""

    template_name = "evaluation/self_assessment/page.html"
    form_class = SelfAssessmentForm

    def get_upload_limit(self):
        return services.EVIDENCE_MAX_BYTES

    @cached_property
    def can_fill(self):
        return self.request.user.has_perm("evaluation.fill_self_assessment", self.round_team)

    @cached_property
    def refusal(self):
        return services.editing_refusal(self.round_team)

    @cached_property
    def assessment(self):
        return self_assessment_data(self.round_team)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def post(self, request, *args, **kwargs):
        if not self.can_fill:
            raise Http404
        if self.refusal:
            messages.error(request, self.refusal)
            return self.page_redirect()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.self_assessment_save(round_team=self.round_team, actor=self.request.user, answers=form.answers(),
                                          progress=form.progress(), files=form.evidence_files())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.request.POST.get("action") != "submit":
            messages.success(self.request, _("Your answers are saved as a draft."))
            return self.page_redirect()
        try:
            services.self_assessment_submit(round_team=self.round_team, actor=self.request.user)
        except ValidationError:
            messages.error(self.request, _("Your answers are saved, but the self-assessment cannot be submitted "
                                           "yet: see what is missing below."))
            return redirect(self.page_redirect().url + "#missing")
        messages.success(self.request, _("The self-assessment is submitted. Your assessors can now read it."))
        return self.page_redirect()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, editable = self.request.user, self.can_fill and not self.refusal
        context.update(assessment=self.assessment, editable=editable, can_fill=self.can_fill, refusal=self.refusal,
                       can_return=(user.has_perm("evaluation.return_self_assessment", self.round_team)
                                   and self.round_team.status == RoundTeam.Status.SUBMITTED),
                       missing=missing_items(self.assessment) if editable else [],
                       aspect_rows=context["form"].field_rows(), program_rows=context["form"].program_rows())
        return context


class EvidenceMixin(RoundTeamMixin):
    @cached_property
    def evidence(self):
        return get_object_or_404(evidence_lookup(self.round_team), pk=self.kwargs["evidence"])


class EvidenceDownloadView(EvidenceMixin, View):
    def get(self, request, *args, **kwargs):
        evidence = self.evidence
        return file_download(evidence.file, filename=evidence.original_name,
                             content_type=CONTENT_TYPES.get(evidence.kind, "application/octet-stream"))


class EvidenceDeleteView(ServiceActionMixin, EvidenceMixin, View):
    permission_required = "evaluation.fill_self_assessment"

    def post(self, request, *args, **kwargs):
        name = self.evidence.original_name
        self.run_action(lambda: services.evidence_delete(evidence=self.evidence, actor=request.user),
                        _("“%(name)s” is removed.") % {"name": name})
        return self.page_redirect()


class SelfAssessmentReturnView(ServiceFormMixin, RoundTeamMixin, FormView):
    permission_required = "evaluation.return_self_assessment"
    template_name = "evaluation/self_assessment/return_form.html"
    form_class = ReturnForm
    service_error_field = None

    def run_service(self, form):
        services.self_assessment_return(round_team=self.round_team, reason=form.cleaned_data["reason"],
                                        actor=self.request.user)
        messages.success(self.request, _("The self-assessment is sent back to %(team)s; its members have been told.")
                         % {"team": self.round_team.team})
        return self.page_redirect()
