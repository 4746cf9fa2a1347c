from django.core.files.base import ContentFile

from bimtek.models import BackgroundJob
from tests.matrix import PROGRAM, READERS, STAFF, Entry


def organizers_job(world, scope):
    """A finished export the organizer asked for: only they may see its page and file."""
    job = BackgroundJob(owner=world.users["organizer"], program=world.program, kind="participants_xlsx",
                        title="Peserta", status=BackgroundJob.Status.DONE, file_name="peserta.xlsx")
    job.file.save("peserta.xlsx", ContentFile(b"PK"), save=True)
    return {"job": job.pk}


ENTRIES = {
    "home": Entry(login_only=True, scoped=False),
    "preferences": Entry(login_only=True, scoped=False),
    "job_list": Entry(login_only=True, scoped=False),
    "job_detail": Entry(kwargs=organizers_job, allowed=STAFF, scoped=False),
    "job_download": Entry(kwargs=organizers_job, allowed=STAFF, scoped=False, ok_statuses=frozenset({200})),
    "set_language": Entry(public=True, scoped=False, ok_statuses=frozenset({200, 302, 405})),
    # Anyone who organizes a program (or works in the back office) may start a new one.
    "program_create": Entry(allowed=STAFF | {"outsider"}, scoped=False),
    "program_detail": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=PROGRAM),
    "program_update": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "stage_create": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "dimension_list": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "dimension_update": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk,
                                                   "dimension": w.program_for(s).dimensions.first().pk},
                              allowed=STAFF),
    "stage_update": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk, "ordinal": 2}, allowed=STAFF),
    "program_clone": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "program_dashboard": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=READERS),
    "progress_rule": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "program_exports": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=READERS),
    "submission_matrix_export": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=READERS,
                                      ok_statuses=frozenset({405})),  # POST-only: a worker makes the file
    # The audit trail: the program's organizers only.
    "audit_trail": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "audit_trail_export": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF,
                                ok_statuses=frozenset({200})),
}
