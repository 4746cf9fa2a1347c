"""Reads of the base's own rows (programs' stages and dimensions, background jobs) for the pages above it."""

from bimtek.models import BackgroundJob, Dimension, Program, Stage
from bimtek.program_cache import cached_programs_figures


def program_lookup():
    """Where a page looks up the program its URL names."""
    return Program.objects.all()


def program_stages(program: Program):
    """The program's stages in order (a page also looks up the stage its URL names here, by ordinal)."""
    return Stage.objects.filter(program=program)


def ordered_stages(programs) -> dict:
    """Program id -> its stages in order, for several programs. Kept in the cache until the program's data
    changes (bimtek.program_cache, no topic): they change only when an organizer edits the program."""

    def read(missing):
        found = {program.pk: [] for program in missing}
        for stage in Stage.objects.filter(program__in=missing).order_by("ordinal"):
            found[stage.program_id].append(stage)
        return found

    return cached_programs_figures(programs, "stages", read, depends_on=())


def stage_by_ordinal(program: Program, ordinal: int) -> Stage | None:
    return Stage.objects.filter(program=program, ordinal=ordinal).first()


def first_stage_not_over(program: Program, today) -> Stage | None:
    """The stage a new assignment or session belongs to by default: the first that has not ended."""
    return Stage.objects.filter(program=program, end_date__gte=today).first()


def program_dimensions(program: Program):
    """The program's dimensions in order (a page also looks up the dimension its URL names here)."""
    return Dimension.objects.filter(program=program)


def next_dimension_order(program: Program) -> int:
    """The place a new dimension takes by default: after the program's others."""
    return Dimension.objects.filter(program=program).count() + 1


def own_jobs(user):
    """The background jobs a person asked for, newest first (the model's order), with their program."""
    return BackgroundJob.objects.filter(owner=user).select_related("program")


def job_lookup():
    """Where a job's page looks up the job its URL names; the rule then says whether this person may see it."""
    return BackgroundJob.objects.select_related("program")
