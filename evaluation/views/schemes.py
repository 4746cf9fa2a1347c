"""Scoring schemes: the organizers keep them, edit those no round uses yet, and copy those in use."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.views.mixins import ServiceFormMixin
from evaluation.forms.schemes import (
    AspectFormSet,
    LevelFormSet,
    QuestionFormSet,
    SchemeCopyForm,
    SchemeForm,
    formset_rows,
)
from evaluation.models import Aspect, Scheme
from evaluation.selectors.rounds import program_schemes
from evaluation.services import scheme as services
from participants.view_mixins import ProgramMixin


class SchemeListView(ProgramMixin, TemplateView):
    permission_required = "evaluation.manage_evaluation"
    template_name = "evaluation/schemes/scheme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schemes"] = program_schemes(self.program)
        return context


class SchemeCreateDefaultView(ProgramMixin, View):
    permission_required = "evaluation.manage_evaluation"

    def post(self, request, *args, **kwargs):
        scheme = services.scheme_create_default_named(program=self.program, actor=request.user)
        messages.success(request, _("“%(name)s” is made with the national guideline's aspects.") % {"name": scheme})
        return redirect("evaluation_scheme_edit", program=self.program.pk, scheme=scheme.pk)


class SchemeMixin(ProgramMixin):
    permission_required = "evaluation.manage_evaluation"

    @cached_property
    def scheme(self):
        return get_object_or_404(Scheme, pk=self.kwargs["scheme"], program=self.program)

    def get_permission_object(self):
        return self.scheme

    @cached_property
    def in_use(self):
        return self.scheme.is_in_use

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), "scheme": self.scheme, "in_use": self.in_use}
        try:
            services.scheme_check(self.scheme)
            context["problems"] = []
        except ValidationError as error:
            context["problems"] = error.messages
        return context

    def refuse_if_in_use(self):
        try:
            services.scheme_ensure_changeable(self.scheme)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("evaluation_scheme_edit", program=self.program.pk, scheme=self.scheme.pk)
        return None


class SchemeEditView(SchemeMixin, TemplateView):
    """The scheme and its weighted aspects; each aspect's questions and levels on the aspect's page."""

    template_name = "evaluation/schemes/scheme_edit.html"

    def forms(self, data=None):
        aspects = list(self.scheme.aspects.annotate(question_count=Count("questions", distinct=True),
                                                    level_count=Count("levels", distinct=True)))
        self.aspects = aspects
        initial = [{"id": a.pk, "name": a.name, "weight": a.weight, "role": a.role, "description": a.description,
                    "order": a.order} for a in aspects]
        return (SchemeForm(data, instance=self.scheme, prefix="scheme"),
                AspectFormSet(data, initial=initial, prefix="aspects"))

    def get(self, request, *args, **kwargs):
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        if refused := self.refuse_if_in_use():
            return refused
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                services.scheme_update(scheme=self.scheme, name=form.cleaned_data["name"],
                                       description=form.cleaned_data["description"],
                                       agreement_gap=form.cleaned_data["agreement_gap"],
                                       aspects=formset_rows(formset), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The scheme is saved."))
                return redirect("evaluation_scheme_edit", program=self.program.pk, scheme=self.scheme.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formset = context["formset"]
        total = Decimal(0)
        for row in formset.forms:
            data = row.cleaned_data if formset.is_bound and row.is_valid() else None
            if data is not None:
                if not data.get("DELETE") and data.get("weight") is not None:
                    total += data["weight"]
            elif not formset.is_bound and row.initial.get("weight") is not None:
                total += row.initial["weight"]
        by_id = {aspect.pk: aspect for aspect in self.aspects}
        context.update(weight_total=total, aspect_rows=[(row, by_id.get(row.initial.get("id")))
                                                        for row in formset.forms])
        return context


class AspectEditView(SchemeMixin, TemplateView):
    template_name = "evaluation/schemes/aspect_edit.html"

    @cached_property
    def aspect(self):
        return get_object_or_404(Aspect, pk=self.kwargs["aspect"], scheme=self.scheme)

    def formsets(self, data=None):
        questions = [{"id": q.pk, "text": q.text, "guidance": q.guidance, "evidence_required": q.evidence_required,
                      "order": q.order} for q in self.aspect.questions.all()]
        levels = [{"id": level.pk, "value": level.value, "descriptor": level.descriptor}
                  for level in self.aspect.levels.all()]
        return (QuestionFormSet(data, initial=questions, prefix="questions"),
                LevelFormSet(data, initial=levels, prefix="levels"))

    def get(self, request, *args, **kwargs):
        questions, levels = self.formsets()
        return self.render_to_response(self.get_context_data(questions=questions, levels=levels))

    def post(self, request, *args, **kwargs):
        if refused := self.refuse_if_in_use():
            return refused
        questions, levels = self.formsets(request.POST)
        error = None
        if questions.is_valid() and levels.is_valid():
            try:
                services.aspect_update(aspect=self.aspect, questions=formset_rows(questions),
                                       levels=formset_rows(levels), actor=request.user)
            except ValidationError as refusal:
                error = refusal
            else:
                messages.success(request, _("“%(aspect)s” is saved.") % {"aspect": self.aspect.name})
                return redirect("evaluation_scheme_edit", program=self.program.pk, scheme=self.scheme.pk)
        return self.render_to_response(self.get_context_data(questions=questions, levels=levels,
                                                             error=error.messages if error else None))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "aspect": self.aspect}


class SchemeCopyView(ServiceFormMixin, SchemeMixin, FormView):
    template_name = "evaluation/schemes/scheme_copy.html"
    form_class = SchemeCopyForm

    def get_initial(self):
        return {"name": _("%(name)s (copy)") % {"name": self.scheme.name}}

    def run_service(self, form):
        copy = services.scheme_copy(scheme=self.scheme, name=form.cleaned_data["name"])
        messages.success(self.request, _("“%(name)s” is a copy you can change.") % {"name": copy.name})
        return redirect("evaluation_scheme_edit", program=self.program.pk, scheme=copy.pk)
