"""Reads for the home pages and program screens, each a fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from bimtek.models import Program
from certificates.models import Certificate
from materials.models import Assignment, DraftVersion
from materials.selectors import review_queue, team_assignment_rows
from participants import roles
from participants.models import Participant, ProgramRole, Team
from sessions.models import TrainingSession


def program_counts(program: Program) -> dict:
    role_counts = dict(ProgramRole.objects.filter(program=program).values_list("role").annotate(n=Count("id")))
    return {
        "teams": program.teams.count(),
        "participants": Participant.objects.filter(team__program=program).count(),
        "mentors": role_counts.get(roles.MENTOR, 0),
        "evaluators": role_counts.get(roles.EVALUATOR, 0),
        "sessions": TrainingSession.objects.filter(stage__program=program, cancelled_at__isnull=True).count(),
        "assignments": Assignment.objects.filter(stage__program=program).count(),
        "drafts": DraftVersion.objects.filter(submission__team__program=program).count(),
        "certificates": Certificate.objects.filter(program=program, revoked_at__isnull=True).count(),
    }


def upcoming_sessions(program: Program, *, team_ids=None, mentor=None, limit=5):
    """The next sessions of a program: for the given teams (including all-team sessions) or mentor."""
    qs = TrainingSession.objects.filter(stage__program=program, cancelled_at__isnull=True,
                                        ends_at__gte=timezone.now())
    if team_ids is not None:
        qs = qs.filter(Q(all_teams=True) | Q(expected_teams__in=team_ids))
    if mentor is not None:
        qs = qs.filter(Q(mentors=mentor) | Q(all_teams=True) | Q(expected_teams__mentor_assignments__mentor=mentor))
    return list(qs.select_related("stage").distinct().order_by("starts_at")[:limit])


def team_assignments(program: Program, team):
    """Every assignment of the program with this team's status and due time (see materials.selectors)."""
    return team_assignment_rows(program, team)


def mentor_teams(program: Program, mentor):
    return list(Team.objects.filter(program=program, mentor_assignments__mentor=mentor)
                .select_related("region").annotate(member_count=Count("participants", distinct=True)))


def drafts_waiting(program: Program, *, mentor=None):
    """Submissions whose latest version waits for a decision, oldest wait first (the review queue)."""
    return review_queue(program, mentor=mentor)


def program_teams(program: Program):
    return list(Team.objects.filter(program=program).select_related("region").annotate(
        member_count=Count("participants", distinct=True)).prefetch_related("mentors"))


def audit_events(program: Program, *, action: str = "", actor=None, date_from=None, date_to=None):
    """The program's audit trail, newest first, narrowed by action, person and days (in the viewer's zone)."""
    events = program.audit_events.all()
    if action:
        events = events.filter(action=action)
    if actor is not None:
        events = events.filter(actor=actor)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events


def audit_actors(program: Program):
    """Everyone who appears in the program's audit trail, for the filter."""
    return get_user_model().objects.filter(pk__in=program.audit_events.values("actor")).order_by("full_name", "email")
