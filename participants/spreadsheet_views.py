"""The organizer's spreadsheet screens: import a participant list (upload, preview, confirm), the template,
the export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import bytes_download
from bimtek.models import AuditAction
from bimtek.views.jobs import JobStartMixin
from bimtek.views.mixins import REFUSED, LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from bimtek.xlsx import XLSX_CONTENT_TYPE
from participants import import_run, jobs, selectors
from participants.columns import COLUMNS
from participants.exports import import_errors_xlsx, import_template_xlsx
from participants.forms import ParticipantImportForm
from participants.models import ParticipantImport
from participants.spreadsheet_reading import max_bytes, max_rows
from participants.view_mixins import ProgramMixin

PREVIEW_PAGE_SIZE = 200
STATUS_LABELS = {
    "new": gettext_lazy("New"),
    "update": gettext_lazy("Update"),
    "unchanged": gettext_lazy("Unchanged"),
    "error": gettext_lazy("Error"),
    "aside": gettext_lazy("Set aside"),
}
STATUS_BADGES = {"new": "info", "update": "warn", "unchanged": "neutral", "error": "bad", "aside": "neutral"}


class ParticipantImportView(ServiceFormMixin, LimitedUploadMixin, ProgramMixin, FormView):
    """Upload a participant list; the next page previews every row before anything is imported."""

    permission_required = "participants.import_participants"
    template_name = "participants/participantimport_form.html"
    form_class = ParticipantImportForm

    def get_upload_limit(self):
        return max_bytes()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMNS.values()
        context["max_mb"] = max_bytes() // (1024 * 1024)
        context["max_rows"] = max_rows()
        context["imports"] = selectors.recent_imports(self.program)
        return context

    service_error_field = "file"

    def run_service(self, form):
        data = form.cleaned_data
        upload = import_run.participant_import_upload(
            program=self.program, file=data["file"], uploaded_by=self.request.user, team=data["team"],
            send_invitations=data["send_invitations"])
        return redirect("participant_import_detail", program=self.program.pk, upload=upload.pk)


class ImportMixin(ProgramMixin):
    permission_required = "participants.import_participants"

    @cached_property
    def upload(self):
        return get_object_or_404(selectors.own_import_lookup(self.program, self.request.user), pk=self.kwargs["upload"])


class ParticipantImportDetailView(ServiceActionMixin, ImportMixin, TemplateView):
    """The preview of every row (new, update, unchanged, error) and the confirmation; afterwards, the summary."""

    template_name = "participants/participantimport_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upload = self.upload
        preview = upload.preview
        rows = preview.get("rows", [])
        status = self.request.GET.get("status", "")
        if status in STATUS_LABELS:
            rows = [row for row in rows if row["status"] == status]
        page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(self.request.GET.get("page"))
        for row in page.object_list:
            row["status_label"] = STATUS_LABELS[row["status"]]
            row["badge"] = STATUS_BADGES[row["status"]]
        counts = preview.get("counts", {})
        correct = counts.get("new", 0) + counts.get("update", 0)
        context.update({
            "upload": upload, "preview": preview, "counts": counts, "page": page, "status": status,
            "filters": [(code, label, counts.get(code, 0)) for code, label in STATUS_LABELS.items()],
            "error_rows": [row for row in preview.get("rows", []) if row["status"] == "error"][:PREVIEW_PAGE_SIZE],
            "can_confirm": (upload.status == ParticipantImport.Status.PREVIEWED and not counts.get("error")
                            and not preview.get("problems")),
            "to_write": correct,
            "can_import_correct": (upload.status == ParticipantImport.Status.PREVIEWED and counts.get("error")
                                   and correct and not preview.get("problems")),
            "is_previewed": upload.status == ParticipantImport.Status.PREVIEWED,
            "is_working": upload.status in (ParticipantImport.Status.READING, ParticipantImport.Status.IMPORTING),
            "is_imported": upload.status == ParticipantImport.Status.IMPORTED,
        })
        return context

    def post(self, request, *args, **kwargs):
        only_correct = request.POST.get("rows") == "correct"
        # The confirmation reads and checks every row of the list again, however many it then writes.
        if not import_run.runs_in_request(len(self.upload.preview.get("rows", []))):
            self.run_action(lambda: import_run.participant_import_confirm_later(
                upload=self.upload, confirmed_by=request.user, only_correct=only_correct))
            return redirect("participant_import_detail", program=self.program.pk, upload=self.upload.pk)
        outcome = self.run_action(lambda: import_run.participant_import_confirm(
            upload=self.upload, confirmed_by=request.user, only_correct=only_correct))
        if outcome is REFUSED:
            return redirect("participant_import_detail", program=self.program.pk, upload=self.upload.pk)
        if outcome.imported:
            counts = outcome.counts
            messages.success(request, _("Import done: %(new)s new, %(update)s updated, %(unchanged)s unchanged.")
                             % counts)
            if counts.get("error"):
                messages.warning(request, ngettext(
                    "%(error)s row with errors was left out: download it, correct it and upload it again.",
                    "%(error)s rows with errors were left out: download them, correct them and upload them again.",
                    counts["error"]) % counts)
        else:
            messages.error(request, _("Nothing was imported: some rows have errors now. They are marked below."))
        return redirect("participant_import_detail", program=self.program.pk, upload=self.upload.pk)


class ParticipantImportErrorsView(ImportMixin, View):
    """The rows of a list that have errors, as XLSX in the template's columns, to correct and upload again."""

    def get(self, request, *args, **kwargs):
        stem = self.upload.original_name.rsplit(".", 1)[0] or "daftar"
        return bytes_download(import_errors_xlsx(self.upload.preview), filename=f"{stem}-perlu-diperbaiki.xlsx",
                              content_type=XLSX_CONTENT_TYPE)


class ParticipantImportDiscardView(ServiceActionMixin, ImportMixin, View):
    def post(self, request, *args, **kwargs):
        self.run_action(lambda: import_run.participant_import_discard(upload=self.upload),
                        _("The list was discarded; nothing was imported."))
        return redirect("participant_import", program=self.program.pk)


class ParticipantTemplateView(ProgramMixin, View):
    """The XLSX template with the expected headers and an example row."""

    permission_required = "participants.import_participants"

    def get(self, request, *args, **kwargs):
        return bytes_download(import_template_xlsx(), filename="template-daftar-peserta.xlsx",
                              content_type=XLSX_CONTENT_TYPE)


class ParticipantExportView(ProgramMixin, JobStartMixin, View):
    """Every participant of the program as XLSX, in the import's columns, made by a worker."""

    permission_required = "participants.export_participants"
    job_kind = jobs.PARTICIPANTS_XLSX
    audit_action = AuditAction.PARTICIPANTS_EXPORTED

    def job_title(self):
        return _("Participants of %(program)s (XLSX)") % {"program": self.program.name}
