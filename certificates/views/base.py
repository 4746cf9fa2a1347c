from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from bimtek.downloads import clean_filename
from bimtek.views.mixins import ProgramMixin
from certificates.models import Certificate, CertificateTemplate


class CertificatesMixin(ProgramMixin):
    """A certificates page of one program; organizers only unless a view says otherwise."""

    permission_required = "certificates.manage_certificates"


class TemplateMixin(CertificatesMixin):
    @cached_property
    def template(self):
        return get_object_or_404(CertificateTemplate.objects.prefetch_related("signatories"),
                                 pk=self.kwargs["template"], program=self.program)


class CertificateMixin(CertificatesMixin):
    @cached_property
    def certificate(self):
        return get_object_or_404(
            Certificate.objects.select_related("program", "template", "participant__team__region", "mentor",
                                               "replaced_by", "issued_by", "revoked_by"),
            pk=self.kwargs["certificate"], program=self.program)


def pdf_response(data: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, clean_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
