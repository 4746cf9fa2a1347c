"""The submission status matrix as XLSX: teams × assignments with status and version count, and stage progress.

Headers and words are Indonesian whatever the reader's language: the file is
a report organizers pass on. bimtek.xlsx writes formula-like text so it never
runs; due times are date cells in WIB, named in the header.
"""

import zoneinfo

from django.db.models import Prefetch
from django.utils import timezone

from bimtek.formats import zone_label
from bimtek.jobs import Progress, counted
from bimtek.models import Program
from bimtek.overview.progress import Status, assignment_codes, program_progress
from bimtek.xlsx import workbook_bytes
from participants.models import Team
from participants.selectors import listed_users, staff_label

SUBMISSION_STATUS_ID = {
    "not_submitted": "Belum dikirim",
    "submitted": "Dikirim",
    "in_review": "Sedang ditinjau",
    "revision_requested": "Perlu revisi",
    "resubmitted": "Dikirim ulang",
    "approved": "Disetujui",
}
STAGE_STATUS_ID = {
    Status.COMPLETED: "Selesai",
    Status.IN_PROGRESS: "Berjalan",
    Status.BEHIND: "Tertinggal",
    Status.NOT_STARTED: "Belum mulai",
}


WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _due_at(moment):
    return timezone.localtime(moment, WIB).replace(tzinfo=None, second=0, microsecond=0)


def submission_matrix_xlsx(program: Program, *, now=None, progress: Progress | None = None) -> bytes:
    """Sheet 1: one row per team, per assignment its status and number of versions, per stage its progress.

    Sheet 2 lists the assignments behind the codes (stage, title, dimension, due time).
    """
    teams = (Team.objects.filter(program=program).select_related("region")
             .prefetch_related(Prefetch("mentors", queryset=listed_users(program)))
             .order_by("region__province", "region__name"))
    stages, assignments, team_rows = program_progress(program, teams, now=now)
    codes = assignment_codes(stages, assignments)
    header = ["No", "Kabupaten/Kota", "Provinsi", "Narasumber", "Kehadiran (%)"]
    header += [f"Tahap {stage.roman}" for stage in stages]
    for assignment in assignments:
        header += [f"{codes[assignment.pk]} Status", f"{codes[assignment.pk]} Versi"]
    header += ["Tugas terlambat"]
    rows = []
    for number, row in enumerate(counted(team_rows, total=len(team_rows), progress=progress), start=1):
        rate = row.attendance_rate
        line = [number, str(row.team.region), row.team.region.province,
                ", ".join(staff_label(mentor) for mentor in row.team.mentors.all()),
                round(rate * 100) if rate is not None else ""]
        line += [STAGE_STATUS_ID[stage.status] for stage in row.stages]
        for stage in row.stages:
            for cell in stage.assignments:
                status = SUBMISSION_STATUS_ID[cell.status]
                line += [f"{status} (terlambat)" if cell.overdue else status, cell.versions]
        line.append(len(row.overdue))
        rows.append(line)
    legend = [[codes[a.pk], f"Tahap {a.stage.roman}", a.title, a.dimension.name if a.dimension else "",
               _due_at(a.due_at)] for a in assignments]
    return workbook_bytes([
        ("Status Tugas", header, rows),
        ("Daftar Tugas", ["Kode", "Tahap", "Judul", "Dimensi", f"Tenggat ({zone_label(WIB)})"], legend),
    ])
