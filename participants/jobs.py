"""The participants' work a worker does: the program's participant list as XLSX, and reading and importing a
large participant list (participants.import_run.IMPORT_IN_REQUEST_MAX)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from bimtek.jobs import JobOutput, job_kind
from bimtek.models import Program
from bimtek.xlsx import XLSX_CONTENT_TYPE
from participants import import_run
from participants.exports import participants_xlsx
from participants.models import ParticipantImport

PARTICIPANTS_XLSX = "participants_xlsx"


@job_kind(PARTICIPANTS_XLSX)
def make_participants_xlsx(*, job, progress):
    program = Program.objects.get(pk=job.program_id)
    return JobOutput(file_name=f"peserta-{program.year}-{timezone.localdate():%Y%m%d}.xlsx",
                     content_type=XLSX_CONTENT_TYPE, content=participants_xlsx(program, progress=progress))


# The dry run and the import each run in one transaction, which a progress count written from inside could
# not leave before it ends: the page shows the steps (stored, read, done).
@job_kind(import_run.IMPORT_READ_JOB)
def read_participant_list(*, job, progress):
    progress(1, 2)
    import_run.participant_import_read(upload_id=job.params["upload"])
    return None


@job_kind(import_run.IMPORT_CONFIRM_JOB)
def import_participant_list(*, job, progress):
    progress(1, 2)
    upload = ParticipantImport.objects.filter(pk=job.params["upload"], program_id=job.program_id).first()
    if upload is None or upload.status != ParticipantImport.Status.IMPORTING:
        return None  # discarded meanwhile, or a second delivery of an import that is done
    try:
        import_run.participant_import_confirm(upload=upload, confirmed_by=job.owner,
                                              only_correct=job.params.get("only_correct", False))
    except ValidationError as refused:  # nothing was written; the organizer reads why on the list's page
        import_run.participant_import_confirm_refused(upload_id=upload.pk, problem=" ".join(refused.messages))
    return None
