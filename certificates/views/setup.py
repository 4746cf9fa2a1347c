"""The certificates overview, the program's rule and number format, and the templates."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek import images
from bimtek.downloads import bytes_download
from bimtek.numbering import format_number
from bimtek.views.mixins import LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from certificates import assets, documents, eligibility, selectors, services
from certificates.forms import BulkIssueForm, CertificateSettingsForm, CertificateTemplateForm, signatory_formset
from certificates.models import Kind
from certificates.variables import VARIABLES
from certificates.views.base import CertificatesMixin, TemplateMixin


class OverviewView(CertificatesMixin, TemplateView):
    """Where an organizer starts: the rule, the templates, how many are eligible, the bulk issue buttons."""

    template_name = "certificates/certificate_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = selectors.overview_figures(self.program)
        settings = figures.settings
        templates = selectors.overview_templates(self.program)
        for template in templates:
            template.issued_count = figures.issued.get(template.pk, 0)
            template.self_signers = selectors.self_signers(self.program, template, template.signers)
        today = timezone.localdate()
        context.update(
            settings=settings, templates=templates,
            summary=eligibility.eligibility_summary(self.program, settings=settings),
            next_number=format_number(settings.number_format, sequence=settings.last_sequence + 1, on=today),
            participant_form=BulkIssueForm(program=self.program, kind=Kind.PARTICIPANT, templates=templates),
            mentor_form=BulkIssueForm(program=self.program, kind=Kind.MENTOR, templates=templates),
            manual_issues=selectors.manual_issues(figures.manual_ids),
            attested_end=figures.attested_end, issuing_early=today < figures.attested_end,
        )
        return context


class SettingsView(ServiceFormMixin, CertificatesMixin, FormView):
    template_name = "certificates/certificate_settings.html"
    form_class = CertificateSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": selectors.settings_for(self.program)}

    def run_service(self, form):
        services.certificate_settings_update(program=self.program, **form.cleaned_data)
        messages.success(self.request, _("Certificate rule and number format saved."))
        return redirect("certificate_overview", program=self.program.pk)


class TemplateFormMixin(ServiceFormMixin, LimitedUploadMixin):
    """The template form with its three signatory slots; saving calls one service."""

    template_name = "certificates/certificatetemplate_form.html"
    form_class = CertificateTemplateForm
    editing = None
    signatories = None

    def get_upload_limit(self):
        return max(images.LOGO_MAX_BYTES, assets.SIGNATURE_MAX_BYTES, assets.BACKGROUND_MAX_BYTES)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.editing}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signatories"] = (self.signatories if self.signatories is not None
                                  else signatory_formset(template=self.editing))
        context["variables"] = VARIABLES
        context["editing"] = self.editing
        if self.editing is not None:
            context["issued_count"] = selectors.template_issued_count(self.editing)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.signatories = signatory_formset(template=self.editing, data=request.POST, files=request.FILES,
                                             upload=self.upload_form_kwargs)
        if not (form.is_valid() and self.signatories.is_valid()):
            return self.form_invalid(form)
        return self.form_valid(form)

    def run_service(self, form):
        template = services.certificate_template_save(
            program=self.program, template=self.editing, **form.service_arguments(),
            signatories=[s for s in (f.signatory() for f in self.signatories) if s])
        messages.success(self.request, _("Template “%(title)s” saved. Check it in the preview.") % {
            "title": template.title})
        return redirect("certificate_template_update", program=self.program.pk, template=template.pk)


class TemplateCreateView(TemplateFormMixin, CertificatesMixin, FormView):
    def get_initial(self):
        kind = self.request.GET.get("kind")
        kind = kind if kind in Kind.values else Kind.PARTICIPANT
        body = (
            "Atas partisipasinya sebagai {peran} dalam Bimbingan Teknis {program} yang diselenggarakan oleh "
            "{penyelenggara} pada {periode} dengan jumlah {jam_pelajaran} jam pelajaran."
            if kind == Kind.PARTICIPANT else
            "Atas perannya sebagai {peran} dalam Bimbingan Teknis {program} yang diselenggarakan oleh "
            "{penyelenggara} pada {periode}."
        )
        return {"kind": kind, "body": body, "role_label": "Peserta" if kind == Kind.PARTICIPANT else "Narasumber"}


class TemplateUpdateView(TemplateFormMixin, TemplateMixin, FormView):
    @property
    def editing(self):
        return self.template


class TemplatePreviewView(TemplateMixin, View):
    """The template filled in with a sample person, stamped CONTOH, shown in the browser."""

    def get(self, request, *args, **kwargs):
        data = documents.template_preview(self.template, settings=selectors.settings_for(self.program))
        return bytes_download(data, filename=f"contoh-sertifikat-{self.template.pk}.pdf",
                              content_type="application/pdf", inline=True)


class TemplateDeleteView(ServiceActionMixin, TemplateMixin, View):
    def post(self, request, *args, **kwargs):
        self.run_action(lambda: services.certificate_template_delete(template=self.template), _("Template deleted."))
        return redirect("certificate_overview", program=self.program.pk)
