"""The sessions' work a worker does: the program's attendance recap (XLSX) and a large session's Daftar Hadir."""

import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from bimtek.jobs import JobOutput, job_kind
from bimtek.models import Program
from bimtek.xlsx import XLSX_CONTENT_TYPE
from sessions import selectors
from sessions.models import TrainingSession
from sessions.pdf import BLANK, RECAP, attendance_sheet_pdf, sheet_for_session
from sessions.xlsx import attendance_recap_xlsx

RECAP_XLSX = "attendance_recap_xlsx"
SHEET_PDF = "attendance_sheet_pdf"
# A Daftar Hadir with more people than this is made by a worker; a smaller one is made in the request.
SHEET_IN_REQUEST_MAX = 300


def recap_file_name(program, stage) -> str:
    suffix = f"-tahap-{stage.roman}" if stage else ""
    return f"rekap-kehadiran-{slugify(program.name)[:60]}{suffix}.xlsx"


def sheet_file_name(session, variant) -> str:
    # The day the session is held, where it is held (not the server's zone).
    day = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo(session.time_zone)).date()
    return f"{'daftar-hadir' if variant == BLANK else 'rekap-kehadiran'}-{slugify(session.title)[:60]}-{day}.pdf"


def sheet_pdf(session, *, variant: str, with_nip: bool, progress=None) -> bytes:
    entries = selectors.roster(session)
    if progress:
        progress(0, 2)
    program = session.stage.program
    sheet = sheet_for_session(session, entries, selectors.attendance_policy(program),
                              letterhead=selectors.letterhead(program), with_nip=with_nip)
    if progress:
        progress(1, 2)
    return attendance_sheet_pdf(sheet, variant=variant)


@job_kind(RECAP_XLSX)
def make_recap(*, job, progress):
    program = Program.objects.get(pk=job.program_id)
    stage = program.stages.filter(pk=job.params.get("stage")).first() if job.params.get("stage") else None
    zone = get_user_model().objects.values_list("time_zone", flat=True).get(pk=job.owner_id)
    progress(0, 2)
    recap = selectors.attendance_recap(program, stage=stage)
    progress(1, 2)
    return JobOutput(file_name=recap_file_name(program, stage), content_type=XLSX_CONTENT_TYPE,
                     content=attendance_recap_xlsx(recap, zone_name=zone))


@job_kind(SHEET_PDF)
def make_sheet(*, job, progress):
    session = TrainingSession.objects.select_related("stage__program").get(pk=job.params["session"])
    variant = RECAP if job.params.get("variant") == RECAP else BLANK
    return JobOutput(file_name=sheet_file_name(session, variant), content_type="application/pdf",
                     content=sheet_pdf(session, variant=variant, with_nip=job.params.get("with_nip", False),
                                       progress=progress))
