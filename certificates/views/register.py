"""The register of certificates, one certificate's page, revoking and reissuing, downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import bytes_download, stream_download
from bimtek.formats import zone_label
from bimtek.models import AuditAction
from bimtek.services import audit_record
from bimtek.views.mixins import ServiceActionMixin, ServiceFormMixin
from bimtek.xlsx import XLSX_CONTENT_TYPE, Sheet, workbook_bytes
from certificates import documents, selectors, services
from certificates.forms import RegisterFilterForm, ReissueForm, RevokeForm
from certificates.views.base import CertificateMixin, CertificatesMixin

PAGE_SIZE = 25  # a phone shows 25 people in some 7,000 px; 100 made a 23,000 px page


class RegisterFilterMixin(CertificatesMixin):
    def filters(self) -> dict:
        form = self.filter_form
        if not form.is_valid():
            return {}
        data = form.cleaned_data
        return {"query": data["q"].strip(), "status": data["status"], "kind": data["kind"], "team": data["team"]}

    @property
    def filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = RegisterFilterForm(self.request.GET or None, program=self.program)
        return self._filter_form

    def audit(self, filename: str) -> None:
        """Note in the audit trail that this person took the certificates (with the filters they chose)."""
        chosen = {name: value for name, value in self.filters().items() if value}
        audit_record(program=self.program, action=AuditAction.CERTIFICATES_EXPORTED, subject=filename,
                     detail=", ".join(f"{name}={value}" for name, value in chosen.items()))


class RegisterView(RegisterFilterMixin, TemplateView):
    template_name = "certificates/certificate_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.register(self.program, **self.filters())
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, page=page, certificates=page.object_list,
                       query=query.urlencode())
        return context


def register_rows(certificates):
    for c in certificates:
        team = c.participant.team if c.participant_id else None
        manual = getattr(c, "manual_issue", None)
        yield [
            c.number, c.holder_name, c.participant.nip if c.participant_id else "", c.role_label,
            str(team.region) if team else "", c.participant.agency if c.participant_id else "",
            timezone.localtime(c.issued_at).replace(tzinfo=None),
            _("Valid") if c.revoked_at is None else _("Revoked"),
            timezone.localtime(c.revoked_at).replace(tzinfo=None) if c.revoked_at else None,
            c.revoke_reason, c.replaced_by.number if c.replaced_by_id else "",
            manual.reason if manual else "", str(c.issued_by) if c.issued_by_id else "",
            documents.verify_url(c.verification_code),
        ]


class RegisterExportView(RegisterFilterMixin, View):
    """The register (with the page's filters) as an Excel workbook."""

    def get(self, request, *args, **kwargs):
        zone = zone_label(timezone.get_current_timezone())
        header = [_("Number"), _("Name"), _("NIP"), _("Role"), _("Region"), _("Agency"),
                  _("Issued at (%(zone)s)") % {"zone": zone}, _("Status"), _("Revoked at (%(zone)s)") % {"zone": zone},
                  _("Reason for revocation"), _("Replaced by"), _("Reason for issuing by hand"), _("Issued by"),
                  _("Verification address")]
        rows = selectors.register(self.program, **self.filters())
        data = workbook_bytes([Sheet(_("Certificates"), header, register_rows(rows),
                                     text_columns=frozenset({_("NIP")}))])
        self.audit(f"sertifikat-program-{self.program.pk}.xlsx")
        return bytes_download(data, filename=f"sertifikat-program-{self.program.pk}.xlsx",
                              content_type=XLSX_CONTENT_TYPE)


class BulkPdfView(RegisterFilterMixin, View):
    """Every valid certificate (of the chosen kind and team) in one PDF, ready to print."""

    def get(self, request, *args, **kwargs):
        filters = self.filters()
        certificates = selectors.printable(self.program, kind=filters.get("kind", ""), team=filters.get("team"))
        data = documents.certificates_document(certificates, title=f"Sertifikat {self.program.name}")
        self.audit(f"sertifikat-program-{self.program.pk}.pdf")
        return bytes_download(data, filename=f"sertifikat-program-{self.program.pk}.pdf",
                              content_type="application/pdf")


class BulkZipView(RegisterFilterMixin, View):
    """The same certificates as a ZIP of one PDF each, streamed while it is made."""

    def get(self, request, *args, **kwargs):
        filters = self.filters()
        certificates = list(selectors.printable(self.program, kind=filters.get("kind", ""),
                                                team=filters.get("team")))
        self.audit(f"sertifikat-program-{self.program.pk}.zip")
        return stream_download(documents.zip_stream(certificates), content_type="application/zip",
                               filename=f"sertifikat-program-{self.program.pk}.zip")


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
