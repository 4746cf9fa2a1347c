"""The organizer's and evaluator's program dashboard, and the rule that says when a team completed a stage."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bimtek import program_cache, services
from bimtek.forms import DashboardFilterForm, ProgressRuleForm
from bimtek.overview.dashboard import (
    DashboardFilters,
    dashboard_charts,
    program_dashboard,
    program_provinces,
)
from bimtek.overview.progress import Status
from bimtek.views.mixins import ServiceFormMixin
from evaluation.selectors.results import dashboard_results
from participants.selectors import program_mentor_list, staff_label
from participants.view_mixins import ProgramMixin
from sessions.selectors import attendance_policy


class DashboardView(ProgramMixin, TemplateView):
    """Where every team stands: progress per stage and assignment, attendance, overdue work, waiting drafts."""

    permission_required = "bimtek.view_dashboard"
    template_name = "bimtek/program_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filter's choices and the mentors' table (a national program has 257 mentors).
        mentors = program_mentor_list(self.program)
        form = DashboardFilterForm(self.request.GET or None, provinces=program_provinces(self.program),
                                   mentors=[(mentor.pk, staff_label(mentor)) for mentor in mentors],
                                   statuses=[(status, Status.LABELS[status]) for status in Status.ORDER])
        every_team = self.request.GET.get("teams") == "all"
        filters = DashboardFilters(every_team=every_team)
        if form.is_valid():
            filters = DashboardFilters(**form.cleaned_data, every_team=every_team)
        dashboard = program_dashboard(self.program, filters, page=self.request.GET.get("page"), mentors=mentors)
        stage_columns = sum(len(assignments) + 1 for _stage, assignments in dashboard.columns)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update({
            "form": form, "filtered": filters.any, "dashboard": dashboard, "query": query.urlencode(),
            # the province table is kept rendered as long as the figures it shows
            "figures_version": program_cache.program_data_version(self.program),
            "figures_timeout": program_cache.TIMEOUT,
            "charts": dashboard_charts(dashboard), "matrix_width": stage_columns + 5,
            "quorum": attendance_policy(self.program).team_quorum,
            "can_change": self.request.user.has_perm("bimtek.change_program", self.program),
            "evaluation_results": (dashboard_results(self.program)
                                   if self.request.user.has_perm("evaluation.view_results", self.program) else None),
            "status_labels": [(status, Status.LABELS[status]) for status in Status.ORDER],
            "status_badges": [(status, Status.LABELS[status], Status.BADGES[status]) for status in Status.ORDER],
            "totals": {
                **dashboard.totals,
                "waiting": sum(stat["waiting"] for stat in dashboard.waiting) + dashboard.unassigned_waiting,
            },
        })
        return context


class ProgressRuleView(ServiceFormMixin, ProgramMixin, FormView):
    """The organizer sets when a team counts as having completed a stage."""

    permission_required = "bimtek.change_program"
    template_name = "bimtek/progress_rule_form.html"
    form_class = ProgressRuleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.program}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "quorum": attendance_policy(self.program).team_quorum}

    def run_service(self, form):
        services.program_progress_rule_update(program=self.program, **form.cleaned_data)
        messages.success(self.request, _("The rule for completing a stage is saved."))
        return redirect("program_dashboard", program=self.program.pk)
