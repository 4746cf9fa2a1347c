"""The master plan register pages: the register of a team (newest version or any earlier one), its programs,
settings, submitting and reviewing, new versions, and the spreadsheet import (upload, preview, confirm)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import bytes_download
from bimtek.selectors import program_dimensions
from bimtek.views.mixins import REFUSED, LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from bimtek.xlsx import XLSX_CONTENT_TYPE
from evaluation.forms.register import (
    PlanProgramForm,
    PlanReviewForm,
    PlanSettingsForm,
    PlanStartForm,
    RegisterImportForm,
)
from evaluation.models import PlanProgram
from evaluation.register_import import register_sheet_read, register_template_xlsx, rows_from_stored
from evaluation.selectors.register import (
    last_stage_versions,
    plan_overview,
    plan_program_lookup,
    plan_reviews,
    team_plans,
)
from evaluation.services import register as services
from participants.selectors import team_lookup
from participants.spreadsheet_reading import import_file_check, max_bytes
from participants.view_mixins import ProgramMixin

IMPORT_SESSION_KEY = "evaluation_register_import_{plan}"


class TeamRegisterMixin(ProgramMixin):
    """A page of one team's register; the team is looked up through the program in the URL."""

    permission_required = "evaluation.view_register"

    @cached_property
    def team(self):
        return get_object_or_404(team_lookup(self.program), pk=self.kwargs["team"])

    def get_permission_object(self):
        return self.team

    @cached_property
    def plans(self):
        return team_plans(self.team)

    @cached_property
    def newest(self):
        return self.plans[0] if self.plans else None

    def register_url(self, plan=None):
        kwargs = {"program": self.program.pk, "team": self.team.pk}
        if plan is not None and plan != self.newest:
            return reverse("register_version", kwargs={**kwargs, "number": plan.number})
        return reverse("register_detail", kwargs=kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "team": self.team, "plans": self.plans, "newest": self.newest}


class EditableRegisterMixin(TeamRegisterMixin):
    """A page that changes the newest version: elsewhere (no register, approved, waiting) it says why and goes
    back to the register."""

    permission_required = "evaluation.change_register"

    def refusal(self):
        if self.newest is None:
            return _("Start the register first.")
        if not self.newest.is_editable:
            return _("This version of the register cannot be changed now.")
        return ""

    @property
    def plan(self):
        return self.newest


class EditablePageMixin(EditableRegisterMixin):
    """A page (GET and POST) that changes the newest version."""

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.register_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.refusal():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class RegisterDetailView(TeamRegisterMixin, TemplateView):
    """The register: programs grouped by dimension with counts and budgets, the review thread, the history."""

    template_name = "evaluation/register/register_detail.html"

    @cached_property
    def plan(self):
        if "number" not in self.kwargs:
            return self.newest
        for plan in self.plans:
            if plan.number == self.kwargs["number"]:
                return plan
        raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan, user = self.plan, self.request.user
        can_change = user.has_perm("evaluation.change_register", self.team)
        is_newest = plan is not None and plan == self.newest
        context.update({
            "plan": plan, "is_newest": is_newest,
            "can_change": can_change, "can_review": user.has_perm("evaluation.review_register", self.team),
            "can_edit": can_change and is_newest and plan.is_editable,
            "can_start_version": can_change and is_newest and plan.status == plan.Status.APPROVED,
            "start_form": PlanStartForm(initial={"first_year": self.program.year + 1}) if plan is None else None,
            "review_form": PlanReviewForm(),
        })
        if plan is not None:
            context["overview"] = plan_overview(plan)
            context["reviews"] = plan_reviews(plan)
        return context


class RegisterStartView(ServiceActionMixin, TeamRegisterMixin, View):
    permission_required = "evaluation.change_register"

    def post(self, request, *args, **kwargs):
        form = PlanStartForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        else:
            self.run_action(lambda: services.plan_start(team=self.team, first_year=form.cleaned_data["first_year"],
                                                        actor=request.user), _("The register is started."))
        return redirect(self.register_url())


class RegisterSettingsView(ServiceFormMixin, EditablePageMixin, FormView):
    template_name = "evaluation/register/register_settings.html"
    form_class = PlanSettingsForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["versions"] = last_stage_versions(self.team)
        if self.plan is not None:
            kwargs["initial"] = {"first_year": self.plan.first_year, "draft_version": self.plan.draft_version_id}
        return kwargs

    def run_service(self, form):
        services.plan_settings_update(plan=self.plan, first_year=form.cleaned_data["first_year"],
                                      draft_version=form.cleaned_data["draft_version"], actor=self.request.user)
        messages.success(self.request, _("The register's settings are saved."))
        return redirect(self.register_url())


class ProgramFormMixin(ServiceFormMixin, EditablePageMixin, FormView):
    template_name = "evaluation/register/planprogram_form.html"
    form_class = PlanProgramForm
    item = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan, "instance": self.item}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "item": self.item}

    def run_service(self, form):
        values = {name: form.cleaned_data.get(name) for name in services.PROGRAM_FIELDS}
        item = services.plan_program_save(plan=self.plan, values=values, actor=self.request.user, item=self.item)
        messages.success(self.request, _("The program “%(title)s” is saved.") % {"title": item.title})
        return redirect(self.register_url())


class PlanProgramCreateView(ProgramFormMixin):
    pass


class PlanProgramUpdateView(ProgramFormMixin):
    @cached_property
    def item(self):
        return get_object_or_404(PlanProgram, pk=self.kwargs["item"], plan__team=self.team)


class PlanProgramDeleteView(ServiceActionMixin, TeamRegisterMixin, View):
    permission_required = "evaluation.change_register"

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(plan_program_lookup(self.team), pk=self.kwargs["item"])
        self.run_action(lambda: services.plan_program_delete(item=item, actor=request.user),
                        _("The program “%(title)s” is deleted.") % {"title": item.title})
        return redirect(self.register_url())


class RegisterSubmitView(ServiceActionMixin, TeamRegisterMixin, View):
    permission_required = "evaluation.change_register"

    def post(self, request, *args, **kwargs):
        if self.newest is None:
            raise Http404
        self.run_action(lambda: services.plan_submit(plan=self.newest, actor=request.user),
                        _("The register is sent to the team's mentors for review."))
        return redirect(self.register_url())


class RegisterNewVersionView(ServiceActionMixin, TeamRegisterMixin, View):
    permission_required = "evaluation.change_register"

    def post(self, request, *args, **kwargs):
        if self.newest is None:
            raise Http404
        self.run_action(lambda: services.plan_version_new(plan=self.newest, actor=request.user),
                        lambda plan: _("Version %(number)s is started as a copy of the approved one, which stays "
                                       "as it is.") % {"number": plan.number})
        return redirect(self.register_url())


class RegisterReviewView(ServiceActionMixin, TeamRegisterMixin, View):
    permission_required = "evaluation.review_register"

    def post(self, request, *args, **kwargs):
        plan = next((plan for plan in self.plans if plan.number == self.kwargs["number"]), None)
        if plan is None:
            raise Http404
        form = PlanReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a decision."))
        else:
            self.run_action(lambda: services.plan_review(plan=plan, reviewer=request.user, **form.cleaned_data),
                            lambda review: _("Your review is saved: %(decision)s.")
                            % {"decision": review.get_decision_display()})
        return redirect(self.register_url(plan))


# The spreadsheet import ---------------------------------------------------------------------------------------


class RegisterImportView(ServiceFormMixin, LimitedUploadMixin, EditablePageMixin, FormView):
    """Upload the register as a spreadsheet; the next page previews every row before anything is written.
    The rows read are kept in the session (no file is kept)."""

    template_name = "evaluation/register/register_import.html"
    form_class = RegisterImportForm
    service_error_field = "file"

    def get_upload_limit(self):
        return max_bytes()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan,
                "max_mb": max_bytes() // (1024 * 1024), "dimensions": self.program.dimensions.all()}

    def run_service(self, form):
        file = form.cleaned_data["file"]
        checked = import_file_check(file)
        sheet = register_sheet_read(file, checked.kind, self.plan, list(self.program.dimensions.all()))
        self.request.session[IMPORT_SESSION_KEY.format(plan=self.plan.pk)] = {
            "name": (getattr(file, "name", "") or "")[:200], "rows": sheet.rows,
            "unknown_headers": sheet.unknown_headers}
        return redirect("register_import_preview", program=self.program.pk, team=self.team.pk)


class ImportPreviewMixin(EditableRegisterMixin):
    @property
    def session_key(self):
        return IMPORT_SESSION_KEY.format(plan=self.plan.pk)

    @cached_property
    def preview(self):
        return self.request.session.get(self.session_key) if self.plan is not None else None


class RegisterImportPreviewView(ServiceActionMixin, ImportPreviewMixin, EditablePageMixin, TemplateView):
    """Every row read, with its status and the reasons of each error by row number; confirming writes the
    correct file's programs in one transaction (replacing the version's programs), or nothing."""

    template_name = "evaluation/register/register_import_preview.html"

    def get(self, request, *args, **kwargs):
        if self.plan is not None and self.plan.is_editable and self.preview is None:
            return redirect("register_import", program=self.program.pk, team=self.team.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.preview["rows"]
        counts = {"ok": 0, "error": 0, "aside": 0}
        for row in rows:
            counts[row["status"]] += 1
        context.update({"plan": self.plan, "preview": self.preview, "rows": rows, "counts": counts,
                        "can_confirm": counts["ok"] and not counts["error"],
                        "replaced": self.plan.programs.count()})
        return context

    def post(self, request, *args, **kwargs):
        if self.refusal() or self.preview is None:
            return self.get(request, *args, **kwargs)
        rows = self.preview["rows"]
        if any(row["status"] == "error" for row in rows):
            messages.error(request, _("Correct the rows with errors in your spreadsheet and upload it again."))
            return redirect("register_import_preview", program=self.program.pk, team=self.team.pk)
        importable = rows_from_stored(rows, program_dimensions(self.program))
        outcome = self.run_action(lambda: services.plan_programs_replace(plan=self.plan, rows=importable,
                                                                         actor=request.user))
        if outcome is REFUSED:
            return redirect("register_import_preview", program=self.program.pk, team=self.team.pk)
        del request.session[self.session_key]
        messages.success(request, _("%(count)s programs are imported into version %(number)s.")
                         % {"count": len(outcome), "number": self.plan.number})
        return redirect(self.register_url())


class RegisterImportDiscardView(ImportPreviewMixin, View):
    def post(self, request, *args, **kwargs):
        if self.plan is not None:
            request.session.pop(self.session_key, None)
        messages.success(request, _("The spreadsheet was discarded; nothing was imported."))
        return redirect(self.register_url())


class RegisterTemplateView(TeamRegisterMixin, View):
    """The register's XLSX template, with the program's dimensions and the plan's years."""

    def get(self, request, *args, **kwargs):
        first_year = self.newest.first_year if self.newest else self.program.year + 1
        return bytes_download(register_template_xlsx(list(self.program.dimensions.all()), first_year),
                              filename="template-register-masterplan.xlsx", content_type=XLSX_CONTENT_TYPE)
