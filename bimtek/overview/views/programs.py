import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bimtek import selectors as base_selectors
from bimtek import services
from bimtek.forms import DimensionForm, PreferencesForm, ProgramCloneForm, ProgramCreateForm, ProgramForm, StageForm
from bimtek.overview import selectors
from bimtek.overview.services import program_clone, program_create, stage_update
from bimtek.views.mixins import PermissionRequiredMixin, ServiceFormMixin
from participants import mfa
from participants.view_mixins import ProgramMixin


class ProgramCreateView(PermissionRequiredMixin, FormView):
    permission_required = "bimtek.add_program"
    template_name = "bimtek/program_form.html"
    form_class = ProgramCreateForm

    def form_valid(self, form):
        data = form.cleaned_data
        program = program_create(
            name=data["name"], year=data["year"], institution=data["institution"],
            description=data["description"], start_date=data["start_date"], end_date=data["end_date"],
            stage_count=data["stage_count"], created_by=self.request.user,
        )
        messages.success(self.request, _("Program created with %(n)d stages.") % {"n": data["stage_count"]})
        return redirect("program_detail", program=program.pk)


class ProgramDetailView(ProgramMixin, TemplateView):
    permission_required = "bimtek.view_program"
    template_name = "bimtek/program_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stages"] = list(base_selectors.program_stages(self.program))
        context["dimensions"] = list(base_selectors.program_dimensions(self.program))
        context["can_change"] = self.request.user.has_perm("bimtek.change_program", self.program)
        if self.request.user.has_perm("bimtek.view_dashboard", self.program):  # the counts: organizers, evaluators
            context["counts"] = selectors.program_counts(self.program)
        return context


class ProgramUpdateView(ServiceFormMixin, ProgramMixin, FormView):
    permission_required = "bimtek.change_program"
    template_name = "bimtek/program_form.html"
    form_class = ProgramForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.program}

    def run_service(self, form):
        services.program_update(program=self.program, **form.cleaned_data)
        messages.success(self.request, _("Program saved."))
        return redirect("program_detail", program=self.program.pk)


class StageUpdateView(ServiceFormMixin, ProgramMixin, FormView):
    permission_required = "bimtek.change_stage"
    template_name = "bimtek/stage_form.html"
    form_class = StageForm

    def get_stage(self):
        return get_object_or_404(base_selectors.program_stages(self.program), ordinal=self.kwargs["ordinal"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_stage()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "stage": self.get_stage()}

    def run_service(self, form):
        stage = self.get_stage()
        stage_update(stage=stage, **form.cleaned_data)
        messages.success(self.request, _("Stage saved."))
        return redirect("program_detail", program=self.program.pk)


class StageCreateView(ServiceFormMixin, ProgramMixin, FormView):
    """Add one more stage after the last (a program may have more than four)."""

    permission_required = "bimtek.change_stage"
    template_name = "bimtek/stage_form.html"
    form_class = StageForm

    def run_service(self, form):
        stage = services.stage_add(program=self.program, **form.cleaned_data)
        messages.success(self.request, _("Stage %(roman)s added.") % {"roman": stage.roman})
        return redirect("program_detail", program=self.program.pk)


class DimensionListView(ServiceFormMixin, ProgramMixin, FormView):
    """The program's dimensions: organizers add, rename and reorder them."""

    permission_required = "bimtek.change_program"
    template_name = "bimtek/dimension_list.html"
    form_class = DimensionForm

    def get_dimension(self):
        if "dimension" not in self.kwargs:
            return None
        return get_object_or_404(base_selectors.program_dimensions(self.program), pk=self.kwargs["dimension"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        dimension = self.get_dimension()
        if dimension:
            kwargs["instance"] = dimension
        else:
            kwargs["initial"] = {"order": base_selectors.next_dimension_order(self.program)}
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "dimensions": base_selectors.program_dimensions(self.program),
                "editing": self.get_dimension()}

    def run_service(self, form):
        services.dimension_save(program=self.program, dimension=self.get_dimension(), **form.cleaned_data)
        messages.success(self.request, _("Dimension saved."))
        return redirect("dimension_list", program=self.program.pk)


class PreferencesView(PermissionRequiredMixin, FormView):
    """Each person picks their language and time zone."""

    login_only = True
    template_name = "bimtek/preferences.html"
    form_class = PreferencesForm

    def has_permission(self):
        return True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(**kwargs, mfa_enabled=mfa.mfa_enabled(user),
                                        mfa_required_from=mfa.mfa_required_from(user))

    def form_valid(self, form):
        services.user_preferences_update(user=self.request.user, **form.cleaned_data)
        translation.activate(form.cleaned_data["language"])
        messages.success(self.request, _("Preferences saved."))
        response = redirect("preferences")
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        return response


class ProgramCloneView(ServiceFormMixin, ProgramMixin, FormView):
    """Start next year's program from this one: stages, dimensions, assignments, certificate templates."""

    permission_required = ("bimtek.clone_program", "bimtek.add_program")
    template_name = "bimtek/program_clone_form.html"
    form_class = ProgramCloneForm

    def get_initial(self):
        program = self.program
        year = program.year + 1
        return {"name": program.name.replace(str(program.year), str(year)) if str(program.year) in program.name
                else f"{program.name} {year}",
                "year": year, "start_date": program.start_date + datetime.timedelta(weeks=52)}

    def run_service(self, form):
        clone = program_clone(program=self.program, created_by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("%(new)s was made from %(old)s: its stages, dimensions, assignments and "
                                         "certificate templates. Teams, people and results were not copied.")
                         % {"new": clone, "old": self.program})
        return redirect("program_detail", program=clone.pk)
