"""The certificates' work a worker does: the register (XLSX), every valid certificate as one PDF or a ZIP."""

from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.formats import zone_label
from bimtek.jobs import JobOutput, counted, job_kind
from bimtek.models import Program
from bimtek.xlsx import XLSX_CONTENT_TYPE, Sheet, workbook_bytes
from certificates import documents, selectors, services
from certificates.models import Certificate, CertificateTemplate, Kind
from participants.models import Participant
from participants.selectors import program_mentors

REGISTER_XLSX = "certificate_register_xlsx"
BULK_PDF = "certificates_pdf"
BULK_ZIP = "certificates_zip"
BULK_ISSUE = "certificates_issue"
# Issuing to more people than this is done by a worker, in batches of ISSUE_BATCH (one transaction each).
ISSUE_IN_REQUEST_MAX = 300
ISSUE_BATCH = 200


def people_of_kind(program, kind: str) -> int:
    """How many people a bulk issue of ``kind`` looks at (one query): decides the request or a worker."""
    if kind == Kind.PARTICIPANT:
        return Participant.objects.filter(team__program=program).count()
    return program_mentors(program).count()


def register_rows(certificates):
    for c in certificates:
        team = c.participant.team if c.participant_id else None
        manual = getattr(c, "manual_issue", None)
        yield [
            c.number, c.holder_name, c.participant.nip if c.participant_id else "", c.role_label,
            str(team.region) if team else "",
            c.participant.agency if c.participant_id else "",
            timezone.localtime(c.issued_at).replace(tzinfo=None),
            _("Valid") if c.revoked_at is None else _("Revoked"),
            timezone.localtime(c.revoked_at).replace(tzinfo=None) if c.revoked_at else None,
            c.revoke_reason, c.replaced_by.number if c.replaced_by_id else "",
            manual.reason if manual else "", str(c.issued_by) if c.issued_by_id else "",
            documents.verify_url(c.verification_code),
        ]


def register_xlsx(certificates, *, progress=None) -> bytes:
    zone = zone_label(timezone.get_current_timezone())
    header = [_("Number"), _("Name"), _("NIP"), _("Role"), _("Region"), _("Agency"),
              _("Issued at (%(zone)s)") % {"zone": zone}, _("Status"), _("Revoked at (%(zone)s)") % {"zone": zone},
              _("Reason for revocation"), _("Replaced by"), _("Reason for issuing by hand"), _("Issued by"),
              _("Verification address")]
    rows = counted(certificates.select_related("issued_by").iterator(chunk_size=500), total=certificates.count(),
                   progress=progress)
    return workbook_bytes([Sheet(_("Certificates"), header, register_rows(rows), text_columns=frozenset({_("NIP")}))])


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
    pages = counted(certificates.iterator(chunk_size=500), total=certificates.count(), progress=progress)
    return JobOutput(file_name=f"sertifikat-program-{program.pk}.pdf", content_type="application/pdf",
                     content=documents.certificates_document_chunks(pages, title=f"Sertifikat {program.name}"))


@job_kind(BULK_ZIP)
def make_bulk_zip(*, job, progress):
    program = _program(job)
    certificates = _printable(job, program)
    # Streamed into the job's spool file one certificate at a time.
    stream = documents.zip_stream(counted(certificates.iterator(chunk_size=500), total=certificates.count(),
                                          progress=progress))
    return JobOutput(file_name=f"sertifikat-program-{program.pk}.zip", content_type="application/zip",
                     content=stream)


@job_kind(BULK_ISSUE)
def make_bulk_issue(*, job, progress):
    """Issue in batches, each committed; a retry after a failure skips those already issued (the service is
    idempotent). The file lists every certificate this job issued, over all its attempts."""
    program = _program(job)
    template = CertificateTemplate.objects.get(pk=job.params["template"], program=program)
    total = people_of_kind(program, template.kind)
    while services.certificate_bulk_issue(program=program, template=template, issued_by=job.owner,
                                          early_reason=job.params.get("early_reason", ""), limit=ISSUE_BATCH):
        progress(min(total, _issued_by(job, template).count()), total)
    return JobOutput(file_name=f"sertifikat-terbit-program-{program.pk}.xlsx", content_type=XLSX_CONTENT_TYPE,
                     content=register_xlsx(selectors.register(program).filter(
                         pk__in=_issued_by(job, template).values("pk"))))


def _issued_by(job, template):
    return Certificate.objects.filter(template=template, issued_by=job.owner, issued_at__gte=job.created_at)
