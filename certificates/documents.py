"""From certificate records to PDF pages (certificates.pdf) and bundles of them.

Reads the template's files once per document, fills the body from the values
kept on each certificate, and builds the verification address for the QR code.
"""

import io
import itertools
import re
import tempfile
import unicodedata
import zipfile

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bimtek.formats import long_date_id
from bimtek.numbering import format_number
from bimtek.zipstream import ZipPipe
from certificates import pdf, selectors
from certificates.models import Certificate, CertificateTemplate, Kind
from certificates.pdf_join import PdfJoiner
from certificates.variables import VARIABLES, Holder, evaluate, fill


def verify_url(code: str) -> str:
    return verify_url_maker()(code)


def verify_url_maker():
    """A function code -> verification address; the URL is reversed once, not once per certificate."""
    marker = "CODE"
    prefix, suffix = (settings.BIMTEK_BASE_URL + reverse("certificate_verify", args=[marker])).split(marker)
    return lambda code: f"{prefix}{code}{suffix}"


def short_url(url: str) -> str:
    """The verification address as printed under the QR code, without the scheme."""
    return re.sub(r"^https?://", "", url)


def _read(field_file) -> bytes | None:
    if not field_file:
        return None
    with field_file.open("rb") as handle:
        return handle.read()


def template_design(template: CertificateTemplate) -> pdf.Design:
    """The template as the PDF module needs it, its files read from storage."""
    signatories = tuple(
        pdf.SignatoryDesign(name=s.name, position=s.position, nip=s.nip, signature=_read(s.signature))
        for s in template.signatories.all()
    )
    return pdf.Design(
        key=f"{template.pk}-{template.updated_at.timestamp() if template.updated_at else 0}",
        title=template.title, preamble=template.preamble, place=template.place, orientation=template.orientation,
        signatories=signatories, logo=_read(template.logo), background=_read(template.background),
        background_kind=("pdf" if template.background_is_pdf else "image") if template.background else "",
        institution=template.program.institution, program=template.program.name,
    )


def _revoked_note(certificate: Certificate) -> str:
    if certificate.revoked_at is None:
        return ""
    day = long_date_id(timezone.localdate(certificate.revoked_at), with_day=False)
    note = f"Dicabut {day}"
    if certificate.replaced_by_id:
        note += f", diganti {certificate.replaced_by.number}"
    return note


def certificate_page(certificate: Certificate, design: pdf.Design, *, url_for=None) -> pdf.Page:
    values = certificate.variables
    url = (url_for or verify_url)(certificate.verification_code)
    return pdf.Page(
        design=design, holder_name=certificate.holder_name, number=certificate.number,
        body=fill(certificate.template.body, values), date=values.get("tanggal", ""),
        verify_url=url, short_url=short_url(url), revoked_note=_revoked_note(certificate),
    )


def paged(certificates):
    """(certificate, PDF page) for each certificate, each template's files read once."""
    designs, url_for = {}, verify_url_maker()
    for certificate in certificates:
        if certificate.template_id not in designs:
            designs[certificate.template_id] = template_design(certificate.template)
        yield certificate, certificate_page(certificate, designs[certificate.template_id], url_for=url_for)


def certificate_document(certificate: Certificate) -> bytes:
    return pdf.certificate_pdf(certificate_page(certificate, template_design(certificate.template)))


def certificates_document(certificates, *, title: str) -> bytes:
    """One PDF with a page per certificate, drawn on one canvas."""
    return pdf.certificates_pdf((page for _certificate, page in paged(certificates)), title=title)


CHUNK = 1024 * 1024
PART = 500  # certificates drawn on one canvas before it is written out and let go (certificates.pdf_join)


def certificates_document_chunks(certificates, *, title: str):
    """``certificates_document`` for any number of certificates in bounded memory, yielded piece by piece.

    Drawn in parts of PART pages, each joined onto a temporary file as soon as it is done.
    """
    pages = (page for _certificate, page in paged(certificates))
    with tempfile.TemporaryFile() as output:
        joiner = PdfJoiner(output)
        first = True
        while True:
            part = list(itertools.islice(pages, PART))
            if not part and not first:
                break
            buffer = io.BytesIO()
            pdf.write_certificates_pdf(part, buffer, title=title)
            joiner.add(buffer.getvalue())
            first = False
        joiner.finish()
        output.seek(0)
        while chunk := output.read(CHUNK):
            yield chunk


def template_preview(template: CertificateTemplate, *, settings) -> bytes:
    """The template filled in for a sample person in the real program, stamped CONTOH, with the next number."""
    samples = {variable.name: variable.sample for variable in VARIABLES}
    number = format_number(settings.number_format, sequence=settings.last_sequence + 1, on=timezone.localdate())
    holder = Holder(
        full_name=samples["nama"], role=template.printed_role, program=template.program,
        issued_on=selectors.signing_date(template, today=timezone.localdate()),
        region=samples["daerah"] if template.kind == Kind.PARTICIPANT else "", agency=samples["instansi"],
        position=samples["jabatan"], nip=samples["nip"], number=number,
        lesson_hours=settings.lesson_hours if settings.lesson_hours is not None else int(samples["jam_pelajaran"]),
    )
    values = evaluate(holder)
    url = verify_url("CONT-OHXX-XXXXX")
    page = pdf.Page(design=template_design(template), holder_name=holder.full_name, number=number,
                    body=fill(template.body, values), date=values["tanggal"], verify_url=url,
                    short_url=short_url(url), specimen=True)
    return pdf.certificate_pdf(page)


def filename(certificate: Certificate) -> str:
    """'sertifikat-012-BIMTEK-SC-2026-ahmad-fauzi.pdf'."""
    def slug(text):
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")

    return f"sertifikat-{slug(certificate.number)}-{slug(certificate.holder_name).lower()[:60]}.pdf"


def zip_stream(certificates):
    """Yield a ZIP of one PDF per certificate, piece by piece: one certificate in memory at a time."""
    sink = ZipPipe()
    used = set()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate, page in paged(certificates):
            name = filename(certificate)
            if name in used:  # never two entries with one name
                name = name.replace(".pdf", f"-{certificate.pk}.pdf")
            used.add(name)
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(certificate.issued_at).timetuple()[:6])
            archive.writestr(info, pdf.certificate_pdf(page))
            yield sink.take()
    yield sink.take()
