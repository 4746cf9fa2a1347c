"""Shared permission predicates (django-rules). Each app's rules.py combines them.

Every object a rule sees exposes ``.program``; objects that belong to a team
expose ``.team`` (or are a Team). Predicates never raise for a foreign object:
they answer False, and the view turns that into a 404.
"""

import rules

from participants import roles
from participants.models import Team


def program_id_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "program_id") and obj.__class__.__name__ != "Program":
        return obj.program_id
    return obj.program.pk


def team_id_of(obj):
    if obj is None:
        return None
    if isinstance(obj, Team):
        return obj.pk
    if hasattr(obj, "team_id"):
        return obj.team_id
    team = getattr(obj, "team", None)
    return team.pk if team is not None else None


def _has_role(role):
    @rules.predicate(name=f"is_{role}")
    def check(user, obj):
        return role in roles.program_roles(user, program_id_of(obj))

    return check


is_organizer = _has_role(roles.ORGANIZER)
is_mentor = _has_role(roles.MENTOR)
is_evaluator = _has_role(roles.EVALUATOR)
is_participant = _has_role(roles.PARTICIPANT)


@rules.predicate
def is_team_mentor(user, obj):
    """The user mentors the team this object belongs to."""
    team_id = team_id_of(obj)
    return team_id is not None and team_id in roles.mentored_team_ids(user, program_id_of(obj))


@rules.predicate
def is_team_member(user, obj):
    """The user is a participant of the team this object belongs to."""
    team_id = team_id_of(obj)
    return team_id is not None and team_id in roles.member_team_ids(user, program_id_of(obj))


@rules.predicate
def is_back_office(user):
    return user.is_authenticated and user.is_staff


@rules.predicate
def organizes_any_program(user):
    return any(role == roles.ORGANIZER for _program, role, _at, _grace in roles.staff_roles(user))


in_program = is_organizer | is_mentor | is_evaluator | is_participant
