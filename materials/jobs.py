"""The materials' work a worker does: the latest draft of every team of an assignment as one ZIP."""

from django.utils import timezone

from bimtek.jobs import JobOutput, counted, job_kind
from bimtek.uploads import EXTENSIONS
from bimtek.zipstream import ZipMember, zip_chunks
from materials import selectors
from materials.models import Assignment
from participants import roles

DRAFTS_ZIP = "assignment_drafts_zip"


def drafts_zip_name(assignment) -> str:
    return f"{assignment.title} - {timezone.localtime():%Y-%m-%d}.zip"


@job_kind(DRAFTS_ZIP)
def make_drafts_zip(*, job, progress):
    """The teams the job's owner may see when the worker runs (a mentor's own teams; every team for staff)."""
    assignment = Assignment.objects.select_related("stage").get(pk=job.params["assignment"],
                                                                 stage__program_id=job.program_id)
    versions = selectors.latest_versions(assignment, roles.visible_team_ids(job.owner, job.program_id))
    members = (ZipMember(name=f"{version.submission.team} - v{version.number}.{EXTENSIONS[version.kind]}",
                         field_file=version.file, size=version.size, modified=version.uploaded_at)
               for version in counted(versions.iterator(chunk_size=100), total=versions.count(), progress=progress))
    # Streamed into the job's spool file one draft at a time: gigabytes never sit in memory.
    return JobOutput(file_name=drafts_zip_name(assignment), content_type="application/zip",
                     content=zip_chunks(members))
