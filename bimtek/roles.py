"""Who is what in a program. One place answers it, cached on the user for the request."""

from django.db.models import Q

ORGANIZER = "organizer"
MENTOR = "mentor"
EVALUATOR = "evaluator"
PARTICIPANT = "participant"


def program_roles(user, program_id):
    """The set of role names ``user`` holds in the program (participant included)."""
    if not user.is_authenticated or program_id is None:
        return frozenset()
    cache = user.__dict__.setdefault("_bimtek_roles", {})
    if program_id not in cache:
        from participants.models import Participant, ProgramRole

        roles = set(ProgramRole.objects.filter(user=user, program_id=program_id).values_list("role", flat=True))
        if Participant.objects.filter(user=user, team__program_id=program_id).exists():
            roles.add(PARTICIPANT)
        cache[program_id] = frozenset(roles)
    return cache[program_id]


def user_programs(user):
    """Programs the user has any role in, newest first."""
    from bimtek.models import Program

    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.filter(
        Q(roles__user=user) | Q(teams__participants__user=user)
    ).distinct().order_by("-year", "name")


def forget_roles(user):
    """Drop the cached roles after a role change within the same request."""
    user.__dict__.pop("_bimtek_roles", None)
    user.__dict__.pop("_bimtek_teams", None)


def mentored_team_ids(user, program_id):
    from participants.models import MentorAssignment

    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_bimtek_teams", {})
    key = ("mentor", program_id)
    if key not in cache:
        cache[key] = frozenset(MentorAssignment.objects.filter(
            mentor=user, team__program_id=program_id).values_list("team_id", flat=True))
    return cache[key]


def member_team_ids(user, program_id):
    from participants.models import Participant

    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_bimtek_teams", {})
    key = ("member", program_id)
    if key not in cache:
        cache[key] = frozenset(Participant.objects.filter(
            user=user, team__program_id=program_id).values_list("team_id", flat=True))
    return cache[key]


def visible_team_ids(user, program_id):
    """The teams of the program whose people and work the user may see: None means every team (organizers and
    evaluators), else the teams they mentor or belong to. The same answer as the ``participants.view_team`` rule."""
    if {ORGANIZER, EVALUATOR} & program_roles(user, program_id):
        return None
    return mentored_team_ids(user, program_id) | member_team_ids(user, program_id)
