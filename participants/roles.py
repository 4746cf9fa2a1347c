"""Who is what in a program. One place answers it, cached on the user for the request."""

from django.db.models import Q
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


def program_roles(user, program_id):
    """The set of role names ``user`` holds in the program (participant included)."""
    if not user.is_authenticated or program_id is None:
        return frozenset()
    cache = _cache(user, "_bimtek_roles")
    if program_id not in cache:
        roles = set(ProgramRole.objects.filter(user=user, program_id=program_id).values_list("role", flat=True))
        if Participant.objects.filter(user=user, team__program_id=program_id).exists():
            roles.add(PARTICIPANT)
        cache[program_id] = frozenset(roles)
    return cache[program_id]


def user_programs(user):
    """Programs the user has any role in, newest first."""
    if not user.is_authenticated:
        return Program.objects.none()
    # Two indexed subqueries, each a handful of rows; OR-ing the two joins instead made the database pair every
    # participant of a program with every staff role of it (millions of rows at national size).
    return Program.objects.filter(
        Q(pk__in=ProgramRole.objects.filter(user_id=user.pk).values("program_id"))
        | Q(pk__in=Participant.objects.filter(user_id=user.pk).values("team__program_id"))
    ).order_by("-year", "name")


def prime_roles(user, programs) -> dict:
    """``program_roles`` for several programs at once, in two queries, cached the same way; and the teams
    the user belongs to in each. Program id -> roles."""

    ids = [program.pk for program in programs]
    if not user.is_authenticated or not ids:
        return {pk: frozenset() for pk in ids}
    held, teams = {pk: set() for pk in ids}, {pk: set() for pk in ids}
    for program_id, role in ProgramRole.objects.filter(user=user, program_id__in=ids).values_list("program_id",
                                                                                                  "role"):
        held[program_id].add(role)
    for program_id, team_id in Participant.objects.filter(user=user, team__program_id__in=ids).values_list(
            "team__program_id", "team_id"):
        held[program_id].add(PARTICIPANT)
        teams[program_id].add(team_id)
    cache = _cache(user, "_bimtek_roles")
    team_cache = _cache(user, "_bimtek_teams")
    for pk in ids:
        cache[pk] = frozenset(held[pk])
        team_cache[("member", pk)] = frozenset(teams[pk])
    return {pk: cache[pk] for pk in ids}


def forget_roles(user):
    """Drop the cached roles after a role change within the same request."""
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
    return _team_ids(user, program_id, "mentor", MentorAssignment.objects.filter(mentor_id=user.pk))


def member_team_ids(user, program_id):
    return _team_ids(user, program_id, "member", Participant.objects.filter(user_id=user.pk))


def visible_team_ids(user, program_id):
    """The teams of the program whose people and work the user may see: None means every team (organizers and
    evaluators), else the teams they mentor or belong to. The same answer as the ``participants.view_team`` rule."""
    if {ORGANIZER, EVALUATOR} & program_roles(user, program_id):
        return None
    return mentored_team_ids(user, program_id) | member_team_ids(user, program_id)
