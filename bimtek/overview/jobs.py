"""The overview's work a worker does: the program's submission status matrix (XLSX)."""

from django.utils import timezone

from bimtek.jobs import JobOutput, job_kind
from bimtek.models import Program
from bimtek.overview.exports import submission_matrix_xlsx
from bimtek.xlsx import XLSX_CONTENT_TYPE

SUBMISSION_MATRIX_XLSX = "submission_matrix_xlsx"


@job_kind(SUBMISSION_MATRIX_XLSX)
def make_submission_matrix(*, job, progress):
    program = Program.objects.get(pk=job.program_id)
    return JobOutput(file_name=f"status-tugas-{program.year}-{timezone.localdate():%Y%m%d}.xlsx",
                     content_type=XLSX_CONTENT_TYPE, content=submission_matrix_xlsx(program, progress=progress))
