"""One page with every spreadsheet of a program, and the submission status matrix export."""

from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from bimtek.overview import jobs
from bimtek.views.jobs import JobStartMixin
from participants.view_mixins import ProgramMixin

# (URL name, title, what it holds). Each link shows only to those its own view lets in.
EXPORTS = [
    ("participant_export", _("Participants"),
     _("Every participant with NIP, position, agency, e-mail, phone, region, role and group, in the columns of the "
       "import template: correct it and import it back.")),
    ("attendance_recap_export", _("Attendance recap"),
     _("People × sessions with each status and attendance rate, for the whole program or one stage.")),
    ("submission_matrix_export", _("Submission status matrix"),
     _("Teams × assignments with each status and the number of versions, and every team's progress per stage.")),
    ("certificate_register_export", _("Certificate register"),
     _("Every certificate issued: number, holder, role, date, and whether it was revoked or replaced.")),
]


class ExportsView(ProgramMixin, TemplateView):
    permission_required = "bimtek.export_program"
    template_name = "bimtek/program_exports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exports = []
        for url_name, title, description in EXPORTS:
            try:
                url = reverse(url_name, kwargs={"program": self.program.pk})
            except NoReverseMatch:  # an app that does not offer this export (yet)
                continue
            view = resolve(url).func.view_class
            if not self.request.user.has_perm(view.permission_required, self.program):
                continue
            exports.append({"name": url_name, "title": title, "description": description, "url": url})
        context["exports"] = exports
        context["stages"] = list(self.program.stages.order_by("ordinal"))
        return context


class SubmissionMatrixExportView(ProgramMixin, JobStartMixin, View):
    """Teams × assignments with status and version count, as XLSX, made by a worker."""

    permission_required = "bimtek.export_program"
    job_kind = jobs.SUBMISSION_MATRIX_XLSX

    def job_title(self):
        return _("Submission status matrix of %(program)s (XLSX)") % {"program": self.program.name}
