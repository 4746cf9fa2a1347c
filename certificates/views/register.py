"""The register of certificates, one certificate's page, revoking and reissuing, downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import bytes_download
from bimtek.models import AuditAction
from bimtek.program_cache import TIMEOUT, program_data_version
from bimtek.views.jobs import JobStartMixin
from bimtek.views.mixins import ServiceActionMixin, ServiceFormMixin
from certificates import documents, jobs, selectors, services
from certificates.forms import RegisterFilterForm, ReissueForm, RevokeForm
from certificates.views.base import CertificateMixin, CertificatesMixin

PAGE_SIZE = 25  # a phone shows 25 people in some 7,000 px; 100 made a 23,000 px page


class RegisterFilterMixin(CertificatesMixin):
    def filters(self) -> dict:
        form = self.filter_form
        if not form.is_valid():
            return {}
        data = form.cleaned_data
        return {"query": data["q"].strip(), "status": data["status"], "kind": data["kind"],
                "team": data.get("team")}  # no team list in a program of many teams (the query finds a region)

    @property
    def filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = RegisterFilterForm(self.request.GET or None, program=self.program)
        return self._filter_form


class RegisterView(RegisterFilterMixin, TemplateView):
    template_name = "certificates/certificate_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        paginator = Paginator(selectors.register(self.program, **filters), PAGE_SIZE)
        if not any(filters.values()):
            paginator.count = selectors.certificate_count(self.program)  # counted once, not on every page
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        # the table is kept rendered until the program's data changes: its page of certificates is read only to
        # render it
        context.update(filter_form=self.filter_form, page=page, certificates=page.object_list,
                       query=query.urlencode(), figures_version=program_data_version(self.program),
                       figures_timeout=TIMEOUT, time_zone=timezone.get_current_timezone_name())
        return context


class RegisterJobMixin(RegisterFilterMixin, JobStartMixin):
    """A POST from the register page (its filters in the query string) that hands the file to a worker."""

    audit_action = AuditAction.CERTIFICATES_EXPORTED

    def job_params(self):
        filters = self.filters()
        team = filters.pop("team", None)
        return {**filters, "team": team.pk if team else None}


class RegisterExportView(RegisterJobMixin, View):
    """The register (with the page's filters) as an Excel workbook."""

    job_kind = jobs.REGISTER_XLSX

    def job_title(self):
        return _("Certificate register of %(program)s (XLSX)") % {"program": self.program.name}


class BulkPdfView(RegisterJobMixin, View):
    """Every valid certificate (of the chosen kind and team) in one PDF, ready to print."""

    job_kind = jobs.BULK_PDF

    def job_title(self):
        return _("Certificates of %(program)s in one PDF") % {"program": self.program.name}


class BulkZipView(RegisterJobMixin, View):
    """The same certificates as a ZIP of one PDF each."""

    job_kind = jobs.BULK_ZIP

    def job_title(self):
        return _("Certificates of %(program)s as a ZIP of PDFs") % {"program": self.program.name}


class CertificateDetailView(CertificateMixin, TemplateView):
    template_name = "certificates/certificate_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.certificate
        context.update(certificate=certificate, revoke_form=RevokeForm(),
                       verify_url=documents.verify_url(certificate.verification_code),
                       # A missing reverse one-to-one raises an AttributeError subclass, hence getattr.
                       replaces=getattr(certificate, "replaces", None),
                       manual=getattr(certificate, "manual_issue", None))
        return context


class CertificateRevokeView(ServiceActionMixin, CertificateMixin, View):
    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for revoking the certificate."))
            return redirect("certificate_detail", program=self.program.pk, certificate=self.certificate.pk)
        self.run_action(lambda: services.certificate_revoke(
            certificate=self.certificate, reason=form.cleaned_data["reason"], revoked_by=request.user),
                        _("Certificate %(number)s revoked.") % {"number": self.certificate.number})
        return redirect("certificate_detail", program=self.program.pk, certificate=self.certificate.pk)


class CertificateReissueView(ServiceFormMixin, CertificateMixin, FormView):
    """Revoke a certificate and issue the corrected replacement, e.g. after a misspelt name."""

    template_name = "certificates/certificate_reissue.html"
    form_class = ReissueForm

    def get_initial(self):
        certificate = self.certificate
        person = certificate.participant.full_name if certificate.participant_id else (
            certificate.mentor.full_name or certificate.mentor.email)
        return {"holder_name": person}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "certificate": self.certificate}

    def run_service(self, form):
        new = services.certificate_reissue(certificate=self.certificate, reason=form.cleaned_data["reason"],
                                           issued_by=self.request.user,
                                           holder_name=form.cleaned_data["holder_name"])
        messages.success(self.request, _("Certificate %(old)s revoked and replaced by %(new)s.") % {
            "old": self.certificate.number, "new": new.number})
        return redirect("certificate_detail", program=self.program.pk, certificate=new.pk)


class CertificateDownloadView(CertificateMixin, View):
    """One certificate as a PDF: for organizers, and for the holder of a valid certificate."""

    permission_required = "certificates.download_certificate"

    def get_permission_object(self):
        return self.certificate

    def get(self, request, *args, **kwargs):
        return bytes_download(documents.certificate_document(self.certificate),
                              filename=documents.filename(self.certificate), content_type="application/pdf")
