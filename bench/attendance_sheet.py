"""A 1,000-row blank Daftar Hadir through the real code, against a canvas-drawn baseline.

Real code: the roster query, the sheet data and sessions.pdf.attendance_sheet_pdf
(what the download view runs). Baseline, in the same run: the same rows and
columns drawn straight onto a reportlab canvas (lines and text, no wrapping, a
header row per page). Target: the real code within 3× the baseline.

    .venv/bin/python bench/attendance_sheet.py
"""

import datetime
import random
import time

from harness import bulk_participants, demo_teams, django_setup  # bench/ is the script's folder, first on sys.path

django_setup()

from django.core.management import call_command  # noqa: E402

ROWS = 1000
REPEAT = 3
TARGET = 3.0


def build_session():

    from bimtek.overview.services import program_create
    from sessions.services import session_create

    rng = random.Random(1000)
    today = datetime.date(2026, 11, 1)
    program = program_create(name="Bench 2026", year=2026, institution="Kementerian Komunikasi dan Digital",
                             start_date=today, end_date=today + datetime.timedelta(days=120))
    teams = demo_teams(program)
    bulk_participants(teams, ROWS, rng=rng, email_prefix="bench")
    stage = program.stages.get(ordinal=1)
    starts = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=datetime.UTC)
    return session_create(stage=stage, title="Pleno Pembukaan Tahap I", kind="plenary", starts_at=starts,
                          ends_at=starts + datetime.timedelta(hours=3), venue="Hotel Bidakara, Jakarta",
                          meeting_url="https://meet.example.org/pleno", notify=False)


def real_code(session):
    from sessions import selectors
    from sessions.pdf import BLANK, attendance_sheet_pdf, sheet_for_session

    entries = selectors.roster(session)
    sheet = sheet_for_session(session, entries, selectors.attendance_policy(session.stage.program))
    return attendance_sheet_pdf(sheet, variant=BLANK), sheet


def baseline(sheet):
    """The same table drawn by hand: fixed row height, text clipped to one line per cell part."""
    import io

    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from bimtek.formats import nip_grouped
    from bimtek.pdf import BOLD, REGULAR, register_fonts
    from sessions.pdf import BLANK_WIDTHS, MARGIN, PAGE

    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE)
    widths = BLANK_WIDTHS
    xs = [MARGIN]
    for width in widths:
        xs.append(xs[-1] + width)
    row_height, top, bottom = 12 * mm, PAGE[1] - 20 * mm, 20 * mm
    pages = []

    def header_row(y):
        pdf.setFont(BOLD, 9)
        for x, title in zip(xs, ["No", "Nama", "NIP", "Jabatan", "Instansi/OPD", "Tanda Tangan"], strict=False):
            pdf.drawString(x + 4, y - 12, title)
        pdf.line(xs[0], y, xs[-1], y)
        pdf.line(xs[0], y - 6 * mm, xs[-1], y - 6 * mm)
        return y - 6 * mm

    y = header_row(top)
    pdf.setFont(REGULAR, 9)
    for number, row in enumerate(sheet.rows, start=1):
        if y - row_height < bottom:
            pages.append(1)
            pdf.drawRightString(xs[-1], 10 * mm, f"Halaman {len(pages)}")
            pdf.showPage()
            y = header_row(top)
            pdf.setFont(REGULAR, 9)
        cells = [str(number), row.name, nip_grouped(row.nip), row.position, f"{row.agency}, {row.region}"]
        for x, text in zip(xs, cells, strict=False):  # xs ends with the right edge
            pdf.drawString(x + 4, y - 11, text)
        pdf.drawString(xs[5] + 4 if number % 2 else xs[6] + 4, y - 11, f"{number}.")
        pdf.line(xs[0], y - row_height, xs[-1], y - row_height)
        for index, x in enumerate(xs):
            if index != 6:
                pdf.line(x, y, x, y - row_height)
        y -= row_height
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def best_of(function, *args):
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    call_command("migrate", verbosity=0)
    session = build_session()
    real_time, (pdf_bytes, sheet) = best_of(real_code, session)
    base_time, base_bytes = best_of(baseline, sheet)
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf_bytes)).pages)
    ratio = real_time / base_time
    print(f"{'what':<44} {'seconds':>8} {'ratio':>6}")
    print(f"{'baseline: canvas, lines and text':<44} {base_time:>8.3f} {1.0:>6.2f}")
    print(f"{'real: roster + sheet + platypus Table':<44} {real_time:>8.3f} {ratio:>6.2f}")
    print(f"rows: {len(sheet.rows)}, pages: {pages}, PDF {len(pdf_bytes) // 1024} KB "
          f"(baseline {len(base_bytes) // 1024} KB), best of {REPEAT}")
    print(f"RESULT attendance_sheet_ratio {ratio:.2f} target {TARGET:.1f}")


if __name__ == "__main__":
    main()
