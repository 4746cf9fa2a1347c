"""State changes of programs, stages and dimensions alone. Views validate, then call one of these.

What also touches the apps' tables (creating a program with its organizer, moving a stage that holds
sessions, cloning a program with everything each app copies) is in bimtek.overview.services.
"""

import datetime
import posixpath
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import models, transaction

from bimtek.audit import audit_context
from bimtek.formats import moment_with_zone
from bimtek.models import AuditEvent, Dimension, Program, ReminderSent, Stage
from bimtek.program_cache import program_data_changed


@transaction.atomic
def program_update(*, program: Program, **fields) -> Program:
    program_data_changed(program)
    for name, value in fields.items():
        setattr(program, name, value)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def stage_add(*, program: Program, title: str, start_date, end_date, **fields) -> Stage:
    program_data_changed(program)
    ordinal = (program.stages.order_by("-ordinal").values_list("ordinal", flat=True).first() or 0) + 1
    stage = Stage(program=program, ordinal=ordinal, title=title, start_date=start_date, end_date=end_date, **fields)
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def dimension_save(*, program: Program, name: str, order: int, dimension: Dimension | None = None) -> Dimension:
    """Add a dimension to a program, or rename / reorder one. Names are unique within a program."""
    program_data_changed(program)  # the assignments kept in the cache show their dimension's name
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
def program_progress_rule_update(*, program: Program, stage_session_share: int) -> Program:
    """Set the share of a stage's sessions at which a team must reach its quorum to complete the stage (1–100 %)."""
    program_data_changed(program)
    program.stage_session_share = stage_session_share
    program.full_clean()
    program.save(update_fields=["stage_session_share"])
    return program


def row_copy(obj, **changes):
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


@dataclass(frozen=True)
class ProgramCloning:
    """A program being cloned: the source, its copy, the days every date moves, and where each stage and
    dimension went (source id -> the copy). Each app's ``clone_into`` copies its own rows with it."""

    source: Program
    program: Program
    shift: datetime.timedelta
    stages: dict
    dimensions: dict
    created_by: object = None


@transaction.atomic
def program_copy(*, program: Program, name: str, year: int, start_date: datetime.date,
                 created_by=None) -> ProgramCloning:
    """A draft copy of the program's own rows: its description and settings, its stages shifted by as many
    days as the start date, its dimensions. The apps copy theirs with the ProgramCloning returned."""
    shift = start_date - program.start_date
    clone = row_copy(program, name=name.strip(), year=year, start_date=start_date,
                     end_date=program.end_date + shift, status=Program.Status.DRAFT)
    clone.full_clean()
    clone.save()
    stages = {}
    for stage in program.stages.order_by("ordinal"):
        stages[stage.pk] = row_copy(stage, program=clone, start_date=stage.start_date + shift,
                                    end_date=stage.end_date + shift)
        stages[stage.pk].save()
    dimensions = {}
    for dimension in program.dimensions.all():
        dimensions[dimension.pk] = row_copy(dimension, program=clone)
        dimensions[dimension.pk].save()
    return ProgramCloning(source=program, program=clone, shift=shift, stages=stages, dimensions=dimensions,
                          created_by=created_by)


def audit_person(user) -> str:
    """How the audit trail names a person: name and e-mail address, as they were then."""
    return f"{user.full_name} <{user.email}>" if user.full_name else user.email


def audit_time(moment: datetime.datetime) -> str:
    """A time written into the trail's text, in the site's zone with the zone named (e.g. WIB)."""
    return moment_with_zone(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))


@transaction.atomic
def audit_record(*, program: Program, action: str, subject: str | list[str], detail: str = "",
                 actor=None) -> list[AuditEvent]:
    """Add to the program's audit trail who (``actor``, else the person of the current request) did
    ``action`` to ``subject`` (or to each of a list of subjects, one event each), when and from which
    address. The trail is append-only (AuditEvent)."""
    context = audit_context()
    actor = actor if actor is not None else context.actor
    subjects = [subject] if isinstance(subject, str) else subject
    return AuditEvent.objects.bulk_create(
        AuditEvent(program=program, action=action, actor=actor,
                   actor_label=audit_person(actor)[:300] if actor is not None else "",
                   ip_address=context.ip_address, subject=item[:500], detail=detail[:500])
        for item in subjects)


def reminder_claim(*, kind: str, object_id: int, person_id: int, interval: str) -> bool:
    """Record that this reminder goes out; False when it went already (an earlier pass, or another worker that
    claimed it first: the unique row makes the second insert wait for the first, then fail). Call it in the
    transaction that queues the e-mail, so a claim and its message commit together."""
    _row, created = ReminderSent.objects.get_or_create(kind=kind, object_id=object_id, person_id=person_id,
                                                       interval=interval)
    return created
