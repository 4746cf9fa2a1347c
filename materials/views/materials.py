from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import file_download
from bimtek.uploads import CONTENT_TYPES
from bimtek.views.mixins import LimitedUploadMixin, ServiceFormMixin
from materials import selectors, services
from materials.forms import MaterialForm
from materials.services.publishing import MATERIAL_MAX_BYTES
from participants import roles
from participants.view_mixins import ProgramMixin


class MaterialContextMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_publish"] = self.request.user.has_perm("materials.publish_material", self.program)
        return context


class MaterialListView(MaterialContextMixin, ProgramMixin, TemplateView):
    """Everything handed out in the program, stage by stage."""

    permission_required = "materials.view_materials"
    template_name = "materials/material_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "groups": selectors.program_materials(self.program)}


class StageMaterialsView(MaterialContextMixin, ProgramMixin, TemplateView):
    """One stage: its materials and assignments, with the participant's team status."""

    permission_required = "materials.view_materials"
    template_name = "materials/stage_materials.html"

    @cached_property
    def stage(self):
        return get_object_or_404(self.program.stages, ordinal=self.kwargs["ordinal"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stage"] = self.stage
        context["groups"] = selectors.program_materials(self.program, stage=self.stage)
        team_ids = roles.member_team_ids(self.request.user, self.program.pk)
        if team_ids:
            team = selectors.team_lookup(self.program).get(pk=min(team_ids))
            context["team"] = team
            context["rows"] = [row for row in selectors.team_assignment_rows(self.program, team)
                               if row.assignment.stage_id == self.stage.pk]
        else:
            context["overview"] = [row for row in selectors.assignment_overview(
                self.program, roles.visible_team_ids(self.request.user, self.program.pk))
                if row["assignment"].stage_id == self.stage.pk]
        return context


class MaterialCreateView(ServiceFormMixin, LimitedUploadMixin, ProgramMixin, FormView):
    permission_required = "materials.publish_material"
    template_name = "materials/material_form.html"
    form_class = MaterialForm

    def get_upload_limit(self):
        return MATERIAL_MAX_BYTES

    def get_initial(self):
        stage = self.stage_in_query()
        return {"stage": stage} if stage else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def run_service(self, form):
        data = form.cleaned_data
        material = services.material_publish(stage=data["stage"], session=data["session"], title=data["title"],
                                             file=data["file"], url=data["url"], published_by=self.request.user)
        messages.success(self.request, _("“%(title)s” is published.") % {"title": material.title})
        return redirect("stage_materials", program=self.program.pk, ordinal=material.stage.ordinal)


class MaterialObjectMixin(ProgramMixin):
    @cached_property
    def material(self):
        return get_object_or_404(selectors.material_lookup(self.program), pk=self.kwargs["material"])


class MaterialDownloadView(MaterialObjectMixin, View):
    permission_required = "materials.view_materials"

    def get(self, request, *args, **kwargs):
        if not self.material.file:
            raise Http404
        return file_download(self.material.file, filename=self.material.original_name or self.material.title,
                             content_type=CONTENT_TYPES.get(self.material.kind, "application/octet-stream"))


class MaterialDeleteView(MaterialObjectMixin, View):
    permission_required = "materials.delete_material"

    def get_permission_object(self):
        return self.material

    def post(self, request, *args, **kwargs):
        ordinal = self.material.stage.ordinal
        services.material_delete(material=self.material, actor=request.user)
        messages.success(request, _("“%(title)s” is withdrawn.") % {"title": self.material.title})
        return redirect("stage_materials", program=self.program.pk, ordinal=ordinal)
