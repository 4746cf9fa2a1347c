"""The demo programs' certificate templates, with the emblem, and last year's certificates, through the services."""

from django.core.files.base import ContentFile

from bimtek import images
from certificates.demo_logo import demo_logo_png
from certificates.models import Kind
from certificates.services import (
    SignatoryData,
    certificate_bulk_issue,
    certificate_settings_update,
    certificate_template_save,
)

SIGNATORIES = [
    SignatoryData(name="Dr. Ir. Bambang Sutrisno, M.Sc.", position="Direktur Jenderal Aplikasi Informatika",
                  nip="196805121994031002"),
    SignatoryData(name="Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc.", position="Ketua Tim Narasumber"),
]

PARTICIPANT_BODY = (
    "Atas partisipasinya sebagai {peran} dari {daerah} dalam Bimbingan Teknis Penyusunan Masterplan Smart City "
    "{program} yang diselenggarakan oleh {penyelenggara} pada {periode}, dengan jumlah {jam_pelajaran} jam "
    "pelajaran."
)
MENTOR_BODY = (
    "Atas kontribusinya sebagai {peran} dalam Bimbingan Teknis Penyusunan Masterplan Smart City {program} "
    "yang diselenggarakan oleh {penyelenggara} pada {periode}."
)


def demo_certificates(*, program, signed_on=None, issue_by=None, now=None) -> list:
    """Templates for participants and mentors; with ``issue_by``, certificates to everyone eligible.

    Numbers carry the program's year (not the year they are issued in).
    """
    certificate_settings_update(program=program, min_attendance_percent=75, require_approved_assignments=False,
                                number_format=f"{{seq:03d}}/BIMTEK-SC/{program.year}", lesson_hours=32)
    logo = ContentFile(demo_logo_png(), name="lambang.png")
    images.check_image(logo, max_bytes=images.LOGO_MAX_BYTES)
    issued = []
    # The head of the mentors is a mentor himself: the Director General alone signs the mentors' certificates.
    for kind, role, body, signatories in ((Kind.PARTICIPANT, "Peserta", PARTICIPANT_BODY, SIGNATORIES),
                                          (Kind.MENTOR, "Narasumber", MENTOR_BODY, SIGNATORIES[:1])):
        logo.seek(0)
        template = certificate_template_save(
            program=program, kind=kind, title="SERTIFIKAT", preamble="diberikan kepada:", body=body,
            role_label=role, place="Jakarta", signed_on=signed_on, logo=ContentFile(logo.read(), name="lambang.png"),
            signatories=signatories)
        if issue_by is not None:
            issued += certificate_bulk_issue(program=program, template=template, issued_by=issue_by, now=now)
    return issued
