"""State changes of a program that reach into the apps: its creation with its organizer, a stage's dates
(which must still hold its sessions), and its clone, for which each app copies its own rows."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import DEFAULT_DIMENSIONS, Dimension, Program, Stage
from bimtek.program_cache import program_data_changed
from bimtek.services import program_copy
from certificates import services as certificates
from evaluation.services import scheme as evaluation_schemes
from materials import services as materials
from participants.services import program_role_grant
from sessions import services as sessions
from sessions.selectors import sessions_outside_stage

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
def stage_update(*, stage: Stage, **fields) -> Stage:
    """Change a stage's dates, mode, venue or link.

    Its dates must stay inside the program's and still hold the stage's
    scheduled sessions (move those first).
    """
    program_data_changed(stage.program_id)
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
def program_clone(*, program: Program, name: str, year: int, start_date: datetime.date, created_by) -> Program:
    """Next year's program made from this one, as a draft the creator organizes.

    Copied: the program's description and settings (the stage-completion
    rule, attendance and certificate settings, with the certificate counter
    back at zero), its stages shifted by the same number of days as the start
    date, its dimensions, its assignments (due times shifted alike) and its
    certificate templates with their signatories and images, and its
    evaluation schemes. Not copied: teams, people, sessions, materials,
    drafts, feedback, attendance, certificates, registers or evaluation
    rounds. Choosing a start date a whole number of weeks later keeps every
    date on the same weekday. Each app copies its own rows, in the order of the layers.
    """
    cloning = program_copy(program=program, name=name, year=year, start_date=start_date, created_by=created_by)
    sessions.clone_into(cloning=cloning)
    materials.clone_into(cloning=cloning)
    certificates.clone_into(cloning=cloning)
    evaluation_schemes.clone_into(cloning=cloning)
    if created_by is not None:
        program_role_grant(program=cloning.program, user=created_by, role="organizer")
    return cloning.program
