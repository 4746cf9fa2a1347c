"""Evaluation rounds: the organizers prepare, open and follow them; teams and assessors find theirs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.views.mixins import ServiceActionMixin, ServiceFormMixin
from evaluation.forms.rounds import AssessorsForm, RoundForm
from evaluation.selectors import rounds as selectors
from evaluation.selectors.assessors import assessed_round_team_ids
from evaluation.services import rounds as services
from evaluation.views.mixins import RoundMixin
from participants import roles
from participants.view_mixins import ProgramMixin

PAGE_SIZE = 25


class RoundListView(ProgramMixin, TemplateView):
    """Organizers: every round with its teams' progress. Team members and assessors: the rounds they are in."""

    permission_required = "evaluation.view_rounds"
    template_name = "evaluation/rounds/round_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_manage"] = user.has_perm("evaluation.manage_evaluation", self.program)
        context["can_view_results"] = user.has_perm("evaluation.view_results", self.program)
        if context["can_view_results"]:
            context["rounds"] = selectors.program_rounds(self.program)
            context["statuses"] = selectors.STATUSES.choices
        context["team_entries"] = selectors.team_round_entries(roles.member_team_ids(user, self.program.pk))
        context["assessed_entries"] = selectors.round_entries(assessed_round_team_ids(user, self.program.pk))
        return context


class RoundCreateView(ServiceFormMixin, ProgramMixin, FormView):
    permission_required = "evaluation.manage_evaluation"
    template_name = "evaluation/rounds/round_form.html"
    form_class = RoundForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program,
                "evaluators": selectors.program_evaluators(self.program)}

    def run_service(self, form):
        data = form.cleaned_data
        evaluation_round = services.round_create(
            program=self.program, scheme=data["scheme"], title=data["title"], period_start=data["period_start"],
            period_end=data["period_end"], opens_on=data["opens_on"], closes_on=data["closes_on"],
            teams=data["teams"], assessors_by_team=form.assessors_by_team(), actor=self.request.user)
        messages.success(self.request, _("The round is prepared. Check it, then open it for the teams."))
        return redirect("evaluation_round_detail", program=self.program.pk, round=evaluation_round.pk)


class RoundPageMixin(RoundMixin):
    """The organizer's pages of a round."""

    permission_required = "evaluation.manage_evaluation"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "round": self.evaluation_round}

    def round_redirect(self):
        return redirect("evaluation_round_detail", program=self.program.pk, round=self.evaluation_round.pk)


class RoundDetailView(RoundPageMixin, TemplateView):
    template_name = "evaluation/rounds/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.round_teams(self.evaluation_round), PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, round_teams=list(page.object_list),
                       counts=selectors.status_counts(self.evaluation_round))
        return context


class RoundOpenView(ServiceActionMixin, RoundPageMixin, View):
    def post(self, request, *args, **kwargs):
        self.run_action(lambda: services.round_open(evaluation_round=self.evaluation_round, actor=request.user),
                        _("The round is open. The teams' members are told by e-mail."))
        return self.round_redirect()


class RoundAssessorsView(ServiceFormMixin, RoundPageMixin, FormView):
    template_name = "evaluation/rounds/assessors_form.html"
    form_class = AssessorsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_teams": list(selectors.round_teams(self.evaluation_round)),
                "evaluators": selectors.program_evaluators(self.program)}

    def run_service(self, form):
        changed = services.round_set_assessors(evaluation_round=self.evaluation_round,
                                               assessors_by_round_team=form.assessors_by_team(),
                                               actor=self.request.user)
        messages.success(self.request, _("The assessors of %(count)s teams are changed.") % {"count": changed})
        return self.round_redirect()
