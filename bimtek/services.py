"""State changes for programs and stages. Views validate, then call one of these."""

import datetime

from django.db import transaction

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
    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

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
def user_preferences_update(*, user, language: str, time_zone: str):
    user.language = language
    user.time_zone = time_zone
    user.save(update_fields=["language", "time_zone"])
    return user
