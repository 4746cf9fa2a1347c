"""Reads about the people of a program."""

from django.contrib.auth import get_user_model

from participants.models import ProgramRole


def program_mentors(program):
    """The mentors of a program (``program``: a Program or its id): the users holding its mentor role, by name.

    The one definition of the query; a subquery, so callers may filter, annotate or count it freely.
    """
    holders = ProgramRole.objects.filter(program=program, role=ProgramRole.Role.MENTOR).values("user_id")
    return get_user_model().objects.filter(pk__in=holders).order_by("full_name", "email")
