"""Reads about people that several pages share."""

from django.db.models import OuterRef, Subquery

from participants.models import ProgramRole


def listed_name(program, user_ref="pk"):
    """The name ``program`` lists a staff member by, as its organizer typed it (a subquery on ``user_ref``).

    Pages of a program show this, never the account's own name, which an organizer who typed the address
    must not learn (participants.services.staff_add).
    """
    return Subquery(ProgramRole.objects.filter(program=program, user=OuterRef(user_ref)).exclude(full_name="")
                    .order_by("pk").values("full_name")[:1])
