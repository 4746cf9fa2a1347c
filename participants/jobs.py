"""The participants' work a worker does: the program's participant list as XLSX."""

from django.utils import timezone

from bimtek.jobs import JobOutput, job_kind
from bimtek.models import Program
from bimtek.xlsx import XLSX_CONTENT_TYPE
from participants.exports import participants_xlsx

PARTICIPANTS_XLSX = "participants_xlsx"


@job_kind(PARTICIPANTS_XLSX)
def make_participants_xlsx(*, job, progress):
    program = Program.objects.get(pk=job.program_id)
    return JobOutput(file_name=f"peserta-{program.year}-{timezone.localdate():%Y%m%d}.xlsx",
                     content_type=XLSX_CONTENT_TYPE, content=participants_xlsx(program, progress=progress))
