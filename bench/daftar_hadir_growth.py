"""How the blank Daftar Hadir's time grows with its rows: a plenary of 1,000 and one of 16,000, in one run.

Each is what the download view runs: the roster query, the sheet data and
sessions.pdf.attendance_sheet_pdf. Linear work would take 16× as long for 16×
the rows; when the whole table was split by reportlab page by page each doubling
cost ×3.5 (16,000 rows ≈ 60× the time of 1,000). Target: ratio ≤ 20.

    .venv/bin/python bench/daftar_hadir_growth.py
"""

import datetime
import io
import random
import time

from harness import bulk_participants, demo_teams, django_setup  # bench/ is the script's folder, first on sys.path

django_setup(prefix="bimtek-bench-daftar-hadir-")

from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from bimtek.overview.services import program_create  # noqa: E402
from sessions import selectors  # noqa: E402
from sessions.pdf import BLANK, attendance_sheet_pdf, sheet_for_session  # noqa: E402
from sessions.services import session_create  # noqa: E402

SIZES = (1000, 16000)
TARGET = 20.0


def plenary(rows: int):
    """A program of ``rows`` participants and its opening plenary."""
    today = datetime.date(2026, 11, 1)
    program = program_create(name=f"Bench {rows}", year=2026, institution="Kementerian Komunikasi dan Digital",
                             start_date=today, end_date=today + datetime.timedelta(days=120))
    bulk_participants(demo_teams(program), rows, rng=random.Random(rows), email_prefix=f"dh{rows}-")
    stage = program.stages.get(ordinal=1)
    starts = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=datetime.UTC)
    return session_create(stage=stage, title="Pleno Pembukaan Tahap I", kind="plenary", starts_at=starts,
                          ends_at=starts + datetime.timedelta(hours=3), venue="Hotel Bidakara, Jakarta",
                          meeting_url="https://meet.example.org/pleno", notify=False)


def measure(session):
    """Seconds for the roster and sheet data, seconds for the PDF, the PDF's rows and pages."""
    start = time.perf_counter()
    entries = selectors.roster(session)
    sheet = sheet_for_session(session, entries, selectors.attendance_policy(session.stage.program))
    data = time.perf_counter()
    pdf = attendance_sheet_pdf(sheet, variant=BLANK)
    done = time.perf_counter()
    return data - start, done - data, len(sheet.rows), len(PdfReader(io.BytesIO(pdf)).pages)


def main():
    call_command("migrate", verbosity=0)
    sessions = [plenary(rows) for rows in SIZES]
    measure(sessions[0])  # warm up: fonts, templates, first queries
    results = [measure(session) for session in sessions]
    print(f"{'rows':>7} {'pages':>6} {'roster+sheet s':>15} {'PDF s':>8} {'total s':>8} {'ms/row':>7}")
    for data, pdf, rows, pages in results:
        print(f"{rows:>7} {pages:>6} {data:>15.3f} {pdf:>8.3f} {data + pdf:>8.3f} {1000 * (data + pdf) / rows:>7.3f}")
    (small_data, small_pdf, small_rows, _), (big_data, big_pdf, big_rows, _) = results
    ratio = (big_data + big_pdf) / (small_data + small_pdf)
    print(f"{big_rows // small_rows}× the rows took {ratio:.1f}× the time (PDF alone {big_pdf / small_pdf:.1f}×)")
    print(f"RESULT daftar_hadir_growth {ratio:.1f} target {TARGET:.0f}")


if __name__ == "__main__":
    main()
