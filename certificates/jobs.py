"""The certificates' work a worker does: the register (XLSX), every valid certificate as one PDF or a ZIP."""

from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.jobs import JobOutput, counted, job_kind
from bimtek.models import Program
from bimtek.xlsx import XLSX_CONTENT_TYPE, workbook_bytes
from certificates import documents, selectors

REGISTER_XLSX = "certificate_register_xlsx"
BULK_PDF = "certificates_pdf"
BULK_ZIP = "certificates_zip"


def register_rows(certificates):
    for c in certificates:
        team = c.participant.team if c.participant_id else None
        manual = getattr(c, "manual_issue", None)
        yield [
            c.number, c.holder_name, c.role_label, str(team.region) if team else "",
            c.participant.agency if c.participant_id else "",
            timezone.localtime(c.issued_at).replace(tzinfo=None),
            _("Valid") if c.revoked_at is None else _("Revoked"),
            timezone.localtime(c.revoked_at).replace(tzinfo=None) if c.revoked_at else None,
            c.revoke_reason, c.replaced_by.number if c.replaced_by_id else "",
            manual.reason if manual else "", str(c.issued_by) if c.issued_by_id else "",
            documents.verify_url(c.verification_code),
        ]


def register_xlsx(certificates, *, progress=None) -> bytes:
    header = [_("Number"), _("Name"), _("Role"), _("Region"), _("Agency"), _("Issued at"), _("Status"),
              _("Revoked at"), _("Reason for revocation"), _("Replaced by"), _("Reason for issuing by hand"),
              _("Issued by"), _("Verification address")]
    rows = counted(certificates.iterator(chunk_size=500), total=certificates.count(), progress=progress)
    return workbook_bytes([(_("Certificates"), header, register_rows(rows))])


def _program(job):
    return Program.objects.get(pk=job.program_id)


def _printable(job, program):
    return selectors.printable(program, kind=job.params.get("kind", ""), team=job.params.get("team"))


@job_kind(REGISTER_XLSX)
def make_register(*, job, progress):
    program = _program(job)
    filters = {key: job.params.get(key, "") for key in ("query", "status", "kind")}
    certificates = selectors.register(program, team=job.params.get("team"), **filters)
    return JobOutput(file_name=f"sertifikat-program-{program.pk}.xlsx", content_type=XLSX_CONTENT_TYPE,
                     content=register_xlsx(certificates, progress=progress))


@job_kind(BULK_PDF)
def make_bulk_pdf(*, job, progress):
    program = _program(job)
    certificates = _printable(job, program)
    pages = counted(certificates, total=certificates.count(), progress=progress)
    return JobOutput(file_name=f"sertifikat-program-{program.pk}.pdf", content_type="application/pdf",
                     content=documents.certificates_document(pages, title=f"Sertifikat {program.name}"))


@job_kind(BULK_ZIP)
def make_bulk_zip(*, job, progress):
    program = _program(job)
    certificates = _printable(job, program)
    # Streamed into the job's spool file one certificate at a time.
    stream = documents.zip_stream(counted(certificates, total=certificates.count(), progress=progress))
    return JobOutput(file_name=f"sertifikat-program-{program.pk}.zip", content_type="application/zip",
                     content=stream)
