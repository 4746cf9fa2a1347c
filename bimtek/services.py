"""State changes for programs and stages. Views validate, then call one of these."""

import datetime
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import DEFAULT_DIMENSIONS, Dimension, Program, Stage

DEFAULT_STAGE_COUNT = 4

DEFAULT_STAGE_TITLES = {
    1: "Analisis Kesiapan dan Visi Misi",
    2: "Program dan Rencana Aksi",
    3: "Roadmap dan Quick Win",
    4: "Finalisasi Masterplan",
}


@transaction.atomic
def program_create(*, name: str, year: int, institution: str, start_date: datetime.date,
                   end_date: datetime.date, description: str = "", stage_count: int = DEFAULT_STAGE_COUNT,
                   created_by=None) -> Program:
    """Create a program with ``stage_count`` stages spread over its dates and the default dimensions.

    The creator becomes its organizer.
    """
    from participants.services import program_role_grant

    program = Program.objects.create(name=name, year=year, institution=institution, description=description,
                                     start_date=start_date, end_date=end_date)
    span = (end_date - start_date).days + 1
    for ordinal in range(1, stage_count + 1):
        first = start_date + datetime.timedelta(days=span * (ordinal - 1) // stage_count)
        Stage.objects.create(
            program=program,
            ordinal=ordinal,
            title=DEFAULT_STAGE_TITLES.get(ordinal, f"Tahap {ordinal}"),
            start_date=first,
            end_date=min(first + datetime.timedelta(days=1), end_date),
        )
    Dimension.objects.bulk_create(
        Dimension(program=program, name=name, order=order) for order, name in enumerate(DEFAULT_DIMENSIONS, 1)
    )
    if created_by is not None:
        program_role_grant(program=program, user=created_by, role="organizer")
    return program


@transaction.atomic
def program_update(*, program: Program, **fields) -> Program:
    for name, value in fields.items():
        setattr(program, name, value)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def stage_update(*, stage: Stage, **fields) -> Stage:
    """Change a stage's dates, mode, venue or link.

    Its dates must stay inside the program's and still hold the stage's
    scheduled sessions (move those first).
    """
    from sessions.selectors import sessions_outside_stage

    for name, value in fields.items():
        setattr(stage, name, value)
    stage.full_clean()
    outside = sessions_outside_stage(stage)
    if outside:
        raise ValidationError(_("Sessions of this stage would lie outside the new dates; move them first, or choose "
                                "dates that hold them: %(sessions)s.") % {"sessions": "; ".join(
                                    f"{s.title} ({timezone.localtime(s.starts_at):%d-%m-%Y})" for s in outside)})
    stage.save()
    return stage


@transaction.atomic
def stage_add(*, program: Program, title: str, start_date, end_date, **fields) -> Stage:
    ordinal = (program.stages.order_by("-ordinal").values_list("ordinal", flat=True).first() or 0) + 1
    stage = Stage(program=program, ordinal=ordinal, title=title, start_date=start_date, end_date=end_date, **fields)
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def dimension_save(*, program: Program, name: str, order: int, dimension: Dimension | None = None) -> Dimension:
    """Add a dimension to a program, or rename / reorder one. Names are unique within a program."""
    dimension = dimension or Dimension(program=program)
    dimension.name, dimension.order = name.strip(), order
    dimension.full_clean()
    dimension.save()
    return dimension


@transaction.atomic
def user_preferences_update(*, user, full_name: str, language: str, time_zone: str):
    """A person's own name (as printed on mentor certificates), language and time zone."""
    user.full_name = full_name.strip()
    user.language = language
    user.time_zone = time_zone
    user.full_clean(validate_unique=False)
    user.save(update_fields=["full_name", "language", "time_zone"])
    return user


@transaction.atomic
def user_language_update(*, user, language: str):
    """The language a person chose before logging in becomes their own (it would otherwise switch back)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


@transaction.atomic
def program_progress_rule_update(*, program: Program, stage_session_share: int) -> Program:
    """Set the share of a stage's sessions at which a team must reach its quorum to complete the stage (1–100 %)."""
    program.stage_session_share = stage_session_share
    program.full_clean()
    program.save(update_fields=["stage_session_share"])
    return program


def _copy_row(obj, **changes):
    """An unsaved copy of ``obj`` with ``changes``: every stored value, files copied to new server-chosen names.

    Primary keys and automatic timestamps are left for the database to fill.
    """
    values = {}
    files = []
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key or getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False) or model_field.name in changes:
            continue
        if isinstance(model_field, models.FileField):
            files.append(model_field.name)
            continue
        values[model_field.attname] = getattr(obj, model_field.attname)
    copy = type(obj)(**values, **changes)
    for name in files:
        source = getattr(obj, name)
        if source and source.storage.exists(source.name):
            with source.open("rb") as content:
                getattr(copy, name).save(posixpath.basename(source.name), File(content), save=False)
    return copy


@transaction.atomic
def program_clone(*, program: Program, name: str, year: int, start_date: datetime.date, created_by) -> Program:
    """Next year's program made from this one, as a draft the creator organizes.

    Copied: the program's description and settings (the stage-completion
    rule, attendance and certificate settings, with the certificate counter
    back at zero), its stages shifted by the same number of days as the start
    date, its dimensions, its assignments (due times shifted alike) and its
    certificate templates with their signatories and images. Not copied:
    teams, people, sessions, materials, drafts, feedback, attendance or
    certificates. Choosing a start date a whole number of weeks later keeps
    every date on the same weekday.
    """
    from certificates.models import CertificateSettings, CertificateTemplate
    from materials.models import Assignment
    from participants.services import program_role_grant
    from sessions.models import AttendancePolicy

    shift = start_date - program.start_date
    clone = _copy_row(program, name=name.strip(), year=year, start_date=start_date,
                      end_date=program.end_date + shift, status=Program.Status.DRAFT)
    clone.full_clean()
    clone.save()
    stages = {}
    for stage in program.stages.order_by("ordinal"):
        stages[stage.pk] = _copy_row(stage, program=clone, start_date=stage.start_date + shift,
                                     end_date=stage.end_date + shift)
        stages[stage.pk].save()
    dimensions = {}
    for dimension in program.dimensions.all():
        dimensions[dimension.pk] = _copy_row(dimension, program=clone)
        dimensions[dimension.pk].save()
    for assignment in Assignment.objects.filter(stage__program=program).order_by("pk"):
        _copy_row(assignment, stage=stages[assignment.stage_id], dimension=dimensions.get(assignment.dimension_id),
                  due_at=assignment.due_at + shift, created_by=created_by).save()
    for template in CertificateTemplate.objects.filter(program=program).prefetch_related("signatories"):
        copy = _copy_row(template, program=clone)
        copy.save()
        for signatory in template.signatories.all():
            _copy_row(signatory, template=copy).save()
    for settings_model, reset in ((CertificateSettings, {"last_sequence": 0}), (AttendancePolicy, {})):
        existing = settings_model.objects.filter(program=program).first()
        if existing is not None:
            _copy_row(existing, program=clone, **reset).save()
    if created_by is not None:
        program_role_grant(program=clone, user=created_by, role="organizer")
    return clone
