"""Issue and render 1,000 certificates into one merged PDF through the real service, against a baseline.

Real code, timed together: certificates.services.certificate_bulk_issue (the
eligibility rule over everyone's attendance, numbering under the counter lock,
the values kept per certificate) and the merged PDF the "one PDF" download
builds (certificates.documents.certificates_document: template read once, every
page with its QR code drawn as one path). Best of three, each on a fresh
program of 1,000 eligible participants.

Baseline, in the same run: the same page without the QR code (frame lines,
title, number, name, body text, place and date, signatories) drawn straight
onto one reportlab canvas 1,000 times, no database, no forms, no wrapping
engine, written with the same stream encoding (compressed, no ASCII85). Target: the real code within 4x
the baseline. Also printed: the peak memory of the real run (Python allocations, tracemalloc) and of the process.

    .venv/bin/python bench/certificates.py
"""

import datetime
import io
import random
import resource
import time
import tracemalloc

from harness import bulk_participants, demo_teams, django_setup  # bench/ is the script's folder, first on sys.path

django_setup()

from django.core.management import call_command  # noqa: E402

CERTIFICATES = 1000
REPEAT = 3  # timed runs of the real code, each on a fresh program; one more measures memory
TARGET = 4.0
BODY = ("Atas partisipasinya sebagai {peran} dari {daerah} dalam Bimbingan Teknis Penyusunan Masterplan Smart City "
        "{program} yang diselenggarakan oleh {penyelenggara} pada {periode}, dengan jumlah {jam_pelajaran} jam "
        "pelajaran.")


def build_program(index: int):
    """A program, over since yesterday, whose 1,000 participants all attended its one session, and a participant
    template (certificates are issued once the last stage has ended)."""
    from django.contrib.auth import get_user_model

    from bimtek.overview.services import program_create
    from certificates.demo import SIGNATORIES
    from certificates.services import certificate_settings_update, certificate_template_save
    from sessions.models import Attendance, TrainingSession

    rng = random.Random(index)
    today = datetime.date.today()
    organizer = get_user_model().objects.create_user(email=f"panitia{index}@bench.example", full_name="Panitia")
    program = program_create(name=f"Gerakan Menuju Smart City 2026 ({index})", year=2026,
                             institution="Kementerian Komunikasi dan Digital",
                             start_date=today - datetime.timedelta(days=140),
                             end_date=today - datetime.timedelta(days=1), created_by=organizer)
    teams = demo_teams(program)
    members = bulk_participants(teams, CERTIFICATES, rng=rng, email_prefix=f"p{index}-")
    stage = program.stages.get(ordinal=1)
    starts = datetime.datetime.combine(stage.start_date, datetime.time(2), tzinfo=datetime.UTC)
    session = TrainingSession.objects.create(stage=stage, title="Pleno Pembukaan Tahap I", kind="plenary",
                                             starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    Attendance.objects.bulk_create(Attendance(session=session, person=member.user, status="hadir", method="marked")
                                   for member in members)
    certificate_settings_update(program=program, min_attendance_percent=75, require_approved_assignments=False,
                                number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=32)
    template = certificate_template_save(program=program, kind="participant", title="SERTIFIKAT",
                                         preamble="diberikan kepada:", body=BODY, role_label="Peserta",
                                         place="Jakarta", signatories=SIGNATORIES)
    return program, template, organizer


def real_code(program, template, organizer):
    from certificates import documents, selectors
    from certificates.services import certificate_bulk_issue

    issued = certificate_bulk_issue(program=program, template=template, issued_by=organizer)
    data = documents.certificates_document(selectors.printable(program), title="Sertifikat")
    return issued, data


def baseline(certificates):
    """The same page without the QR code, drawn by hand onto one canvas for every certificate."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    from bimtek.pdf import BOLD, ITALIC, REGULAR, register_fonts
    from certificates.demo import SIGNATORIES
    from certificates.pdf import _without_ascii85
    from certificates.variables import fill

    register_fonts()
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), initialFontName=REGULAR)
    for certificate in certificates:
        pdf.setLineWidth(2.2)
        pdf.rect(18, 18, width - 36, height - 36)
        pdf.setLineWidth(0.7)
        pdf.rect(25, 25, width - 50, height - 50)
        pdf.setFont(BOLD, 32)
        pdf.drawCentredString(width / 2, height - 86, "SERTIFIKAT")
        pdf.setFont(REGULAR, 11)
        pdf.drawCentredString(width / 2, height - 110, f"Nomor: {certificate.number}")
        pdf.setFont(ITALIC, 12)
        pdf.drawCentredString(width / 2, height - 190, "diberikan kepada:")
        pdf.setFont(BOLD, 28)
        pdf.drawCentredString(width / 2, height - 225, certificate.holder_name)
        pdf.setFont(REGULAR, 12.5)
        body = fill(BODY, certificate.variables)
        for line_number, line in enumerate(simpleSplit(body, REGULAR, 12.5, width - 200)):
            pdf.drawCentredString(width / 2, height - 260 - 17.5 * line_number, line)
        pdf.setFont(REGULAR, 10.5)
        pdf.drawCentredString(width - 220, 170, f"Jakarta, {certificate.variables['tanggal']}")
        for column, signatory in enumerate(SIGNATORIES):
            centre = 330 + 300 * column
            pdf.setFont(REGULAR, 10.5)
            pdf.drawCentredString(centre, 150, signatory.position)
            pdf.setFont(BOLD, 11)
            pdf.drawCentredString(centre, 68, signatory.name)
            pdf.line(centre - 90, 66, centre + 90, 66)
            if signatory.nip:
                pdf.setFont(REGULAR, 9.5)
                pdf.drawCentredString(centre, 54, f"NIP. {signatory.nip}")
        pdf.showPage()
    with _without_ascii85():  # the same stream encoding as the real code
        pdf.save()
    return buffer.getvalue()


def main():
    from pypdf import PdfReader

    from certificates.models import Certificate

    call_command("migrate", verbosity=0)
    programs = [build_program(index) for index in range(REPEAT + 1)]
    # Real and baseline runs alternate, so load from other processes falls on both alike.
    real_times, base_times = [], []
    for program, template, organizer in programs[:-1]:
        start = time.perf_counter()
        issued, data = real_code(program, template, organizer)
        real_times.append(time.perf_counter() - start)
        assert len(issued) == CERTIFICATES, len(issued)
        certificates = list(Certificate.objects.filter(program=program).order_by("sequence"))
        start = time.perf_counter()
        base_data = baseline(certificates)
        base_times.append(time.perf_counter() - start)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == CERTIFICATES
    assert certificates[-1].holder_name in reader.pages[-1].extract_text()
    # The last program measures memory; tracemalloc slows everything down, so it is not timed.
    program, template, organizer = programs[-1]
    tracemalloc.start()
    real_code(program, template, organizer)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    real, base = min(real_times), min(base_times)
    ratio = real / base
    per_real, per_base = real / CERTIFICATES * 1000, base / CERTIFICATES * 1000
    print(f"{'what':<58} {'seconds':>8} {'ms/cert':>8} {'ratio':>6}")
    print(f"{'baseline: same page without QR, straight on one canvas':<58} {base:>8.3f} {per_base:>8.2f} {1.0:>6.2f}")
    print(f"{'real: bulk issue + merged PDF with QR codes (service)':<58} {real:>8.3f} {per_real:>8.2f} {ratio:>6.2f}")
    print(f"certificates: {CERTIFICATES}, pages: {len(reader.pages)}, PDF {len(data) // 1024} KB "
          f"(baseline {len(base_data) // 1024} KB), best of {REPEAT}")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak / 1024 / 1024:.1f} MB of Python allocations during one real run; "
          f"{max_rss:.0f} MB resident for the whole process")
    print(f"RESULT certificates_ratio {ratio:.2f} target {TARGET:.1f}")
    print(f"RESULT certificates_ms_per_certificate {per_real:.2f} target {per_base * TARGET:.2f}")


if __name__ == "__main__":
    main()
