from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from certificates import selectors
from participants.view_mixins import ProgramMixin


class CertificatesMixin(ProgramMixin):
    """A certificates page of one program; organizers only unless a view says otherwise."""

    permission_required = "certificates.manage_certificates"


class TemplateMixin(CertificatesMixin):
    @cached_property
    def template(self):
        return get_object_or_404(selectors.program_templates(self.program), pk=self.kwargs["template"])


class CertificateMixin(CertificatesMixin):
    @cached_property
    def certificate(self):
        return get_object_or_404(selectors.program_certificates(self.program), pk=self.kwargs["certificate"])

