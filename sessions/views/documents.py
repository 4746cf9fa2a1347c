"""The printed Daftar Hadir, the recap spreadsheet, scans of signed sheets and online meeting reports."""

import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from bimtek.downloads import bytes_download, file_download
from bimtek.models import AuditAction
from bimtek.services import audit_record
from bimtek.uploads import CONTENT_TYPES
from bimtek.views.jobs import JobStartMixin
from bimtek.views.mixins import LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from participants.selectors import staff_label
from participants.view_mixins import ProgramMixin
from sessions import jobs, selectors, services
from sessions.forms import MeetingReportForm, ReportRowMatchForm, SignedSheetForm
from sessions.pdf import BLANK, RECAP
from sessions.services.evidence import MEETING_REPORT_MAX_BYTES, SIGNED_SHEET_MAX_BYTES
from sessions.views.base import SessionMixin


class AttendanceSheetView(SessionMixin, JobStartMixin, View):
    """The Daftar Hadir PDF: ``?variant=blank`` (to sign on the day) or ``?variant=recap`` (statuses filled in).

    A GET makes a session's sheet in the request, up to ``SHEET_IN_REQUEST_MAX`` people; a POST (the page's
    button for a larger session) hands it to a worker.
    """

    http_method_names = ["get", "post"]
    permission_required = "training.print_sheet"
    job_kind = jobs.SHEET_PDF
    audit_action = AuditAction.ATTENDANCE_EXPORTED

    @property
    def variant(self):
        return RECAP if self.request.GET.get("variant") == RECAP else BLANK

    def get(self, request, *args, **kwargs):
        if len(selectors.roster_user_ids(self.session)) > jobs.SHEET_IN_REQUEST_MAX:
            messages.info(request, _("This session has many people: prepare the file, a worker makes it."))
            return redirect("session_detail", program=self.program.pk, session=self.session.pk)
        filename = jobs.sheet_file_name(self.session, self.variant)
        audit_record(program=self.program, action=AuditAction.ATTENDANCE_EXPORTED, subject=filename)
        return bytes_download(jobs.sheet_pdf(self.session, variant=self.variant, with_nip=self.with_nip()),
                              filename=filename, content_type="application/pdf")

    def job_title(self):
        label = _("Attendance sheet") if self.variant == BLANK else _("Attendance recap")
        return f"{label} · {self.session.title}"

    def job_params(self):
        return {"session": self.session.pk, "variant": self.variant, "with_nip": self.with_nip()}

    def with_nip(self) -> bool:
        """NIPs print for those who may see personal data; for others the column is left to fill in."""
        return self.request.user.has_perm("participants.view_personal_data", self.program)


class RecapExportView(ProgramMixin, JobStartMixin, View):
    """The attendance recap of the program, or of one stage (``?stage=2``), as XLSX, made by a worker."""

    permission_required = "training.export_recap"
    job_kind = jobs.RECAP_XLSX
    audit_action = AuditAction.ATTENDANCE_EXPORTED

    def job_title(self):
        stage = self.stage_in_query()
        if stage:
            return _("Attendance recap of stage %(roman)s (XLSX)") % {"roman": stage.roman}
        return _("Attendance recap of %(program)s (XLSX)") % {"program": self.program.name}

    def job_params(self):
        stage = self.stage_in_query()
        return {"stage": stage.pk if stage else None}


class SignedSheetUploadView(ServiceActionMixin, LimitedUploadMixin, SessionMixin, View):
    http_method_names = ["post"]
    permission_required = "training.manage_attendance"

    def get_upload_limit(self):
        return SIGNED_SHEET_MAX_BYTES

    def post(self, request, *args, **kwargs):
        form = SignedSheetForm(request.POST, request.FILES, **self.upload_form_kwargs)
        if form.is_valid():
            self.run_action(lambda: services.signed_sheet_add(session=self.session, file=form.cleaned_data["file"],
                                                              note=form.cleaned_data["note"], uploaded_by=request.user),
                            _("Scan of the signed sheet saved."))
        else:
            messages.error(request, " ".join(form.errors["file"]) if form.oversized
                           else _("Choose the file of the scanned sheet."))
        return redirect("session_detail", program=self.program.pk, session=self.session.pk)


class SignedSheetMixin(SessionMixin):
    @cached_property
    def sheet(self):
        return get_object_or_404(selectors.session_signed_sheets(self.session), pk=self.kwargs["sheet"])


class SignedSheetDownloadView(SignedSheetMixin, View):
    permission_required = "training.print_sheet"

    def get(self, request, *args, **kwargs):
        return file_download(self.sheet.file, filename=self.sheet.original_name,
                             content_type=CONTENT_TYPES.get(self.sheet.kind, "application/octet-stream"))


class SignedSheetRemoveView(SignedSheetMixin, View):
    http_method_names = ["post"]
    permission_required = "training.manage_attendance"

    def post(self, request, *args, **kwargs):
        services.signed_sheet_remove(sheet=self.sheet)
        messages.success(request, _("Scan removed."))
        return redirect("session_detail", program=self.program.pk, session=self.session.pk)


def _name_tokens(name: str) -> set:
    # Titles (Dr., Ir., H., S.Kom., M.Si.) have dots or are short; keep the words of the name itself.
    return {word for word in re.findall(r"[^\W\d_]+", name.casefold()) if len(word) > 2}


def suggest_person(name: str, entries):
    """The one roster entry whose name contains every word of the report's name, if exactly one does."""
    wanted = _name_tokens(name)
    if not wanted:
        return None
    found = [e for e in entries if wanted <= _name_tokens(e.name)]
    return found[0].user if len(found) == 1 else None


class MeetingReportView(ServiceFormMixin, LimitedUploadMixin, SessionMixin, FormView):
    """Import an online meeting's participant report; rows that match nobody wait here to be matched."""

    permission_required = "training.manage_attendance"
    template_name = "sessions/meeting_report.html"
    form_class = MeetingReportForm
    service_error_field = "file"

    def get_initial(self):
        return {"time_zone": self.request.user.time_zone}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = selectors.roster(self.session)
        roster_users = self.roster_queryset()
        report = selectors.report_rows_summary(self.session)
        unmatched = report["unmatched"]
        choices = list(ReportRowMatchForm(roster=roster_users).fields["person"].choices)
        for row in unmatched:
            row.form = ReportRowMatchForm(roster=roster_users, choices=choices, prefix=f"row{row.pk}",
                                          initial={"person": suggest_person(row.name, entries)})
        context.update(**report, result=kwargs.get("result"), partial=kwargs.get("partial"),
                       started=timezone.now() >= self.session.starts_at)
        return context

    def roster_queryset(self):
        return selectors.roster_users(self.session)

    def get_upload_limit(self):
        return MEETING_REPORT_MAX_BYTES

    def run_service(self, form):
        result = services.meeting_report_import(session=self.session, file=form.cleaned_data["file"],
                                                zone=form.cleaned_data["time_zone"], imported_by=self.request.user,
                                                accept_partial=form.cleaned_data["accept_partial"])
        messages.success(self.request, _(
            "Report read: %(rows)d rows, %(present)d present, %(late)d late, %(short)d stayed too short, "
            "%(kept)d already marked by hand or check-in (kept), %(duplicates)d already imported, "
            "%(unmatched)d to match by hand.") % {
                "rows": result.rows, "present": result.present, "late": result.late, "short": result.too_short,
                "kept": result.kept, "duplicates": result.duplicates, "unmatched": result.unmatched})
        return redirect("meeting_report", program=self.program.pk, session=self.session.pk)

    def service_refused(self, form, error):
        if isinstance(error, services.PartialReport):
            # Not an error in the file: the page asks the organizer to confirm.
            return self.render_to_response(self.get_context_data(form=form, partial=" ".join(error.messages)))
        return super().service_refused(form, error)


class ReportRowMatchView(ServiceActionMixin, MeetingReportView):
    """Match one unmatched row to a person of the roster, or set it aside."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        row = get_object_or_404(selectors.report_rows(self.session), pk=kwargs["row"])
        if request.POST.get("action") == "ignore":
            services.meeting_report_row_ignore(row=row)
            messages.success(request, _("Row set aside."))
        else:
            form = ReportRowMatchForm(request.POST, roster=self.roster_queryset(), prefix=f"row{row.pk}")
            if form.is_valid() and form.cleaned_data["person"]:
                person = form.cleaned_data["person"]
                self.run_action(lambda: services.meeting_report_row_match(row=row, person=person,
                                                                          matched_by=request.user),
                                _("%(name)s matched to %(person)s.") % {"name": row.name or row.email,
                                                                       "person": staff_label(person)})
            else:
                messages.error(request, _("Choose the person this row belongs to."))
        return redirect("meeting_report", program=self.program.pk, session=self.session.pk)
