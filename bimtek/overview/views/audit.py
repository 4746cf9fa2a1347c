"""The program's audit trail for its organizers: a filtered, paged page and the same rows as XLSX."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from bimtek.downloads import bytes_download
from bimtek.models import AuditAction
from bimtek.overview import selectors
from bimtek.overview.forms import AuditFilterForm
from bimtek.xlsx import XLSX_CONTENT_TYPE, workbook_bytes
from participants.view_mixins import ProgramMixin

PAGE_SIZE = 50


class AuditTrailMixin(ProgramMixin):
    permission_required = "bimtek.view_audit_trail"

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = AuditFilterForm(self.request.GET or None, program=self.program)
        return self._filter_form

    def events(self):
        return selectors.audit_events(self.program, **self.get_filter_form().filters())


class AuditTrailView(AuditTrailMixin, TemplateView):
    template_name = "bimtek/audit_trail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.events(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.get_filter_form(), page=page, events=page.object_list,
                       query=query.urlencode())
        return context


class AuditTrailExportView(AuditTrailMixin, View):
    """The trail (with the page's filters) as an Excel workbook, times in the viewer's zone."""

    def get(self, request, *args, **kwargs):
        header = [_("Time"), _("Person"), _("IP address"), _("Action"), _("What"), _("Detail")]
        labels = dict(AuditAction.choices)
        zone = timezone.get_current_timezone()
        rows = ([timezone.localtime(event.at, zone).replace(tzinfo=None), event.actor_label, event.ip_address or "",
                 str(labels.get(event.action, event.action)), event.subject, event.detail]
                for event in self.events().iterator(chunk_size=1000))
        data = workbook_bytes([(_("Audit trail"), header, rows)])
        filename = f"jejak-audit-program-{self.program.pk}-{timezone.localdate():%Y%m%d}.xlsx"
        return bytes_download(data, filename=filename, content_type=XLSX_CONTENT_TYPE)
