"""Reads about people that several pages share."""

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery

from participants.models import ProgramRole


def listed_name(program, user_ref="pk"):
    """The name ``program`` lists a staff member by, as its organizer typed it (a subquery on ``user_ref``).

    Pages of a program show this, never the account's own name, which an organizer who typed the address
    must not learn (participants.services.staff_add).
    """
    return Subquery(ProgramRole.objects.filter(program=program, user=OuterRef(user_ref)).exclude(full_name="")
                    .order_by("pk").values("full_name")[:1])


def program_mentors(program):
    """The program's mentors, each with ``listed_name``, in that order (for choice lists)."""
    return get_user_model().objects.filter(
        program_roles__program=program, program_roles__role=ProgramRole.Role.MENTOR).distinct().annotate(
        listed_name=listed_name(program)).order_by("listed_name", "email")


def staff_label(user) -> str:
    """How a choice list names a user from ``program_mentors``."""
    return user.listed_name or user.email
