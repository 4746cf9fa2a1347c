"""Who is what in a program. One place answers it, cached on the user for the request."""

from django.utils.functional import LazyObject, empty

from bimtek.models import Program
from participants.models import MentorAssignment, Participant, ProgramRole

ORGANIZER = "organizer"
MENTOR = "mentor"
EVALUATOR = "evaluator"
PARTICIPANT = "participant"


def _cache(user, name) -> dict:
    """The per-request cache on the user itself: request.user is a lazy proxy, while the rules are handed the
    user it wraps, so both must find the same cache."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault(name, {})


def _held(user, kind: str) -> list:
    """Every role of a ``kind`` ``user`` holds, in every program, read once a request (a query, a few rows):
    "staff" as (program id, role, granted at, the program's two-factor grace days), "teams" as (program id,
    team id) of the teams they belong to. The roles below, the two-factor rule and the permission to add a
    program all answer from them."""
    held = _cache(user, "_bimtek_held")
    if kind not in held:
        if kind == "staff":
            rows = ProgramRole.objects.filter(user_id=user.pk).values_list(
                "program_id", "role", "created_at", "program__mfa_grace_days")
        else:
            rows = Participant.objects.filter(user_id=user.pk).values_list("team__program_id", "team_id")
        held[kind] = list(rows)
    return held[kind]


def staff_roles(user) -> list:
    """(program id, role, granted at, the program's two-factor grace days) of each staff role ``user`` holds."""
    return _held(user, "staff") if user.is_authenticated else []


def program_roles(user, program_id):
    """The set of role names ``user`` holds in the program (participant included)."""
    if not user.is_authenticated or program_id is None:
        return frozenset()
    cache = _cache(user, "_bimtek_roles")
    if program_id not in cache:
        roles = {role for program, role, _at, _grace in _held(user, "staff") if program == program_id}
        if any(program == program_id for program, _team in _held(user, "teams")):
            roles.add(PARTICIPANT)
        cache[program_id] = frozenset(roles)
    return cache[program_id]


def user_programs(user):
    """Programs the user has any role in, newest first."""
    if not user.is_authenticated:
        return Program.objects.none()
    ids = {row[0] for row in _held(user, "staff")} | {program for program, _team in _held(user, "teams")}
    return Program.objects.filter(pk__in=ids).order_by("-year", "name")


def prime_roles(user, programs) -> dict:
    """``program_roles`` for several programs at once. Program id -> roles."""
    return {program.pk: program_roles(user, program.pk) for program in programs}


def forget_roles(user):
    """Drop the cached roles after a role change within the same request."""
    _cache(user, "_bimtek_held").clear()
    _cache(user, "_bimtek_roles").clear()
    _cache(user, "_bimtek_teams").clear()


def _team_ids(user, program_id, kind: str, rows) -> frozenset:
    """The ids of the program's teams ``rows`` (a queryset with team_id) gives for ``user``, cached per request."""
    if not user.is_authenticated:
        return frozenset()
    cache = _cache(user, "_bimtek_teams")
    if (kind, program_id) not in cache:
        rows = rows.filter(team__program_id=program_id)
        cache[(kind, program_id)] = frozenset(rows.values_list("team_id", flat=True))
    return cache[(kind, program_id)]


def mentored_team_ids(user, program_id):
    # A team's mentor holds the program's mentor role (participants.services.mentor_assign, program_role_revoke):
    # whoever does not, mentors no team there, and nobody needs to ask the database.
    if MENTOR not in program_roles(user, program_id):
        return frozenset()
    return _team_ids(user, program_id, "mentor", MentorAssignment.objects.filter(mentor_id=user.pk))


def member_team_ids(user, program_id):
    if not user.is_authenticated:
        return frozenset()
    return frozenset(team for program, team in _held(user, "teams") if program == program_id)


def visible_team_ids(user, program_id):
    """The teams of the program whose people and work the user may see: None means every team (organizers and
    evaluators), else the teams they mentor or belong to. The same answer as the ``participants.view_team`` rule."""
    if {ORGANIZER, EVALUATOR} & program_roles(user, program_id):
        return None
    return mentored_team_ids(user, program_id) | member_team_ids(user, program_id)
