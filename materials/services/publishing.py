"""What mentors and organizers hand out: materials (a file or a link) and assignments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bimtek.filestore import delete_after_commit, store_upload
from bimtek.models import AuditAction, Dimension, Stage
from bimtek.program_cache import program_data_changed
from bimtek.services import ProgramCloning, audit_record, audit_time, row_copy
from materials.models import Assignment, FileKind, Material
from materials.services.workflow import lateness_refresh
from sessions.models import TrainingSession

MATERIAL_KINDS = [kind.value for kind in FileKind]
MATERIAL_MAX_BYTES = 100 * 1024 * 1024
ASSIGNMENT_MAX_SIZE_MB = 500


def _require_publisher(user, program, permission="materials.manage_assignments") -> None:
    if not user.has_perm(permission, program):
        raise ValidationError(_("Only the program's mentors and organizers publish materials and assignments."))


@transaction.atomic
def material_publish(*, stage: Stage, title: str, published_by, file=None, url: str = "",
                     session: TrainingSession | None = None) -> Material:
    """Hand out a file or a link in a stage, or in one of its sessions.

    Rules: only mentors and organizers of the program publish; exactly one of a
    file or an http(s) link; a file is one of the office kinds or PDF, checked
    by content, at most 100 MB; a session must belong to the stage.
    """
    _require_publisher(published_by, stage.program, "materials.publish_material")
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the material a title.")})
    if session is not None and session.stage_id != stage.pk:
        raise ValidationError({"session": _("Choose a session of the same stage.")})
    url = (url or "").strip()
    if bool(file) == bool(url):
        raise ValidationError(_("Give either a file or a link, not both."))
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": _("A link starts with https:// or http://.")})
    material = Material(stage=stage, session=session, title=title, url=url, created_by=published_by)
    if file:
        store_upload(material, file, kinds=MATERIAL_KINDS, max_bytes=MATERIAL_MAX_BYTES)
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: Material, actor) -> None:
    """Withdraw a material. Organizers withdraw any; a mentor withdraws what they published."""
    if not actor.has_perm("materials.delete_material", material):
        raise ValidationError(_("Only organizers and the mentor who published it withdraw a material."))
    material.delete()
    delete_after_commit(material.file)


def _clean_assignment(assignment: Assignment) -> None:
    if not assignment.title.strip():
        raise ValidationError({"title": _("Give the assignment a title.")})
    kinds = list(dict.fromkeys(assignment.allowed_kinds or []))
    if not kinds or not set(kinds) <= set(FileKind.values):
        raise ValidationError({"allowed_kinds": _("Choose at least one file kind.")})
    assignment.allowed_kinds = kinds
    if not 1 <= assignment.max_size_mb <= ASSIGNMENT_MAX_SIZE_MB:
        raise ValidationError({"max_size_mb": _("The size limit is between 1 and %(max)s MB.")
                               % {"max": ASSIGNMENT_MAX_SIZE_MB}})
    if assignment.dimension_id and not Dimension.objects.filter(
            pk=assignment.dimension_id, program_id=assignment.stage.program_id).exists():
        raise ValidationError({"dimension": _("Choose a dimension of this program.")})


@transaction.atomic
def assignment_create(*, stage: Stage, title: str, due_at: datetime.datetime, created_by, instructions: str = "",
                      dimension: Dimension | None = None, allowed_kinds: list[str] | None = None,
                      max_size_mb: int = 100) -> Assignment:
    """A deliverable of a stage that every team delivers once.

    Rules: mentors and organizers create; at least one allowed file kind; a
    size limit between 1 and 500 MB; the dimension belongs to the program.
    """
    program_data_changed(stage.program_id)
    _require_publisher(created_by, stage.program)
    assignment = Assignment(stage=stage, title=title.strip(), instructions=instructions.strip(),
                            dimension=dimension, due_at=due_at, max_size_mb=max_size_mb, created_by=created_by)
    if allowed_kinds is not None:
        assignment.allowed_kinds = allowed_kinds
    _clean_assignment(assignment)
    assignment.save()
    return assignment


@transaction.atomic
def assignment_update(*, assignment: Assignment, actor, **fields) -> Assignment:
    """Change an assignment. A new due time marks the versions already uploaded late or on time again.

    Organizers change any assignment; a mentor only one they published (materials.rules.changes_publication).
    """
    program_data_changed(assignment.stage.program_id)
    if not actor.has_perm("materials.change_assignment", assignment):
        raise ValidationError(_("Only organizers and the mentor who published it change an assignment."))
    if "stage" in fields and fields["stage"].program_id != assignment.stage.program_id:
        raise ValidationError({"stage": _("Choose a stage of this program.")})
    # The stored due time, not the object's: a ModelForm has already written the new one onto it.
    old_due = Assignment.objects.values_list("due_at", flat=True).get(pk=assignment.pk)
    for name, value in fields.items():
        setattr(assignment, name, value)
    _clean_assignment(assignment)
    assignment.save()
    if assignment.due_at != old_due:
        lateness_refresh(assignment)
        audit_record(program=assignment.stage.program, action=AuditAction.DUE_TIME_CHANGED, subject=assignment.title,
                     detail=f"{audit_time(old_due)} → {audit_time(assignment.due_at)}", actor=actor)
    return assignment


@transaction.atomic
def clone_into(*, cloning: ProgramCloning) -> None:
    """A program's clone gets its assignments, in its copied stages and dimensions, due as many days later as
    the program starts; the cloner is their author. Materials, drafts and feedback are not copied."""
    for assignment in Assignment.objects.filter(stage__program=cloning.source).order_by("pk"):
        row_copy(assignment, stage=cloning.stages[assignment.stage_id],
                 dimension=cloning.dimensions.get(assignment.dimension_id),
                 due_at=assignment.due_at + cloning.shift, created_by=cloning.created_by).save()
