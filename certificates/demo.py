"""The demo program's certificate templates, made through the services (nothing is issued yet)."""

from certificates.models import Kind
from certificates.services import SignatoryData, certificate_settings_update, certificate_template_save

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


def demo_certificates(*, program) -> None:
    certificate_settings_update(program=program, min_attendance_percent=75, require_approved_assignments=False,
                                number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=32)
    # The head of the mentors is a mentor himself: the Director General alone signs the mentors' certificates.
    for kind, role, body, signatories in ((Kind.PARTICIPANT, "Peserta", PARTICIPANT_BODY, SIGNATORIES),
                                          (Kind.MENTOR, "Narasumber", MENTOR_BODY, SIGNATORIES[:1])):
        certificate_template_save(program=program, kind=kind, title="SERTIFIKAT", preamble="diberikan kepada:",
                                  body=body, role_label=role, place="Jakarta", signatories=signatories)
