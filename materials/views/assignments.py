import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.models import AuditAction
from bimtek.selectors import first_stage_not_over
from bimtek.views.jobs import JobStartMixin
from bimtek.views.mixins import ServiceFormMixin
from materials import jobs, selectors, services
from materials.forms import AssignmentForm
from materials.views.mixins import AssignmentMixin
from participants import roles
from participants.view_mixins import ProgramMixin


class AssignmentListView(ProgramMixin, TemplateView):
    """A participant sees their team's status and due time per assignment; staff see how many teams delivered."""

    permission_required = "materials.view_assignments"
    template_name = "materials/assignment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        team_ids = roles.member_team_ids(user, self.program.pk)
        if team_ids and not user.has_perm("materials.view_assignment_overview", self.program):
            team = selectors.team_lookup(self.program).get(pk=min(team_ids))
            context.update(team=team, rows=selectors.team_assignment_rows(self.program, team))
        else:
            context["overview"] = selectors.assignment_overview(
                self.program, roles.visible_team_ids(self.request.user, self.program.pk))
        context["can_manage"] = user.has_perm("materials.manage_assignments", self.program)
        return context


class AssignmentFormMixin(ServiceFormMixin):
    permission_required = "materials.manage_assignments"
    template_name = "materials/assignment_form.html"
    form_class = AssignmentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def run_service(self, form):
        assignment = self.save(form.cleaned_data)
        messages.success(self.request, _("Assignment “%(title)s” saved.") % {"title": assignment.title})
        return redirect("assignment_detail", program=self.program.pk, assignment=assignment.pk)


DEFAULT_DUE_AFTER_STAGE = datetime.timedelta(days=14)  # drafts are written between rounds


class AssignmentCreateView(AssignmentFormMixin, ProgramMixin, FormView):
    def get_initial(self):
        """The stage asked for, else the first one not over; due at 23.59 two weeks after it ends."""
        stage = self.stage_in_query() or first_stage_not_over(self.program, timezone.localdate())
        if stage is None:
            return {}
        return {"stage": stage, "due_at": self.program.end_of_day(stage.end_date + DEFAULT_DUE_AFTER_STAGE)}

    def save(self, data):
        return services.assignment_create(created_by=self.request.user, **data)


class AssignmentUpdateView(AssignmentFormMixin, AssignmentMixin, FormView):
    permission_required = "materials.change_assignment"

    def get_permission_object(self):
        return self.assignment

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.assignment}

    def save(self, data):
        return services.assignment_update(assignment=self.assignment, actor=self.request.user, **data)


class AssignmentDetailView(AssignmentMixin, TemplateView):
    """The assignment's instructions and, per team the viewer may read, its status and latest version."""

    template_name = "materials/assignment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.assignment_team_rows(self.assignment, self.visible_team_ids)
        context["can_manage"] = self.request.user.has_perm("materials.change_assignment", self.assignment)
        context["can_download_all"] = self.request.user.has_perm("materials.download_all", self.program)
        context["now"] = timezone.now()
        return context


class AssignmentDownloadAllView(AssignmentMixin, JobStartMixin, View):
    """The latest version of every team (the mentor's teams, or all for organizers) as one ZIP, made by a worker."""

    permission_required = "materials.download_all"
    job_kind = jobs.DRAFTS_ZIP
    audit_action = AuditAction.DRAFTS_DOWNLOADED

    def job_title(self):
        return _("Latest drafts of every team: %(assignment)s (ZIP)") % {"assignment": self.assignment.title}

    def job_params(self):
        return {"assignment": self.assignment.pk}
