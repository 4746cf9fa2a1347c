"""Reads of the base's own rows (programs' stages and dimensions, background jobs) for the pages above it."""

from bimtek.models import BackgroundJob, Dimension, Program, Stage


def stage_lookup(program: Program):
    """Where a page looks up the stage its URL names (by ordinal): the program's stages."""
    return Stage.objects.filter(program=program)


def dimension_lookup(program: Program):
    """Where a page looks up the dimension its URL names: the program's dimensions."""
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
