from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from certificates.models import Certificate, CertificateTemplate
from participants.view_mixins import ProgramMixin


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

