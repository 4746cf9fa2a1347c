"""Reads for the home pages and program screens, each a fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from bimtek import roles
from bimtek.models import Program


def program_counts(program: Program) -> dict:
    from certificates.models import Certificate
    from materials.models import Assignment, DraftVersion
    from participants.models import Participant, ProgramRole
    from sessions.models import TrainingSession

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
    from participants.models import Team
    from sessions.models import TrainingSession

    qs = TrainingSession.objects.filter(stage__program=program, cancelled_at__isnull=True,
                                        ends_at__gte=timezone.now())
    if team_ids is not None:
        qs = qs.expecting(team_ids)
    if mentor is not None:
        # A mentor's home lists every all-team session too, even before any team is assigned to them.
        mentored = Team.objects.filter(program=program, mentor_assignments__mentor=mentor).values("pk")
        qs = qs.filter(Q(all_teams=True) | Q(pk__in=TrainingSession.objects.expecting(mentored, mentor=mentor)
                                             .values("pk")))
    return list(qs.select_related("stage").order_by("starts_at")[:limit])


def team_assignments(program: Program, team):
    """Every assignment of the program with this team's status and due time (see materials.selectors)."""
    from materials.selectors import team_assignment_rows

    return team_assignment_rows(program, team)


def mentor_teams(program: Program, mentor):
    from participants.models import Team

    return list(Team.objects.filter(program=program, mentor_assignments__mentor=mentor)
                .select_related("region").annotate(member_count=Count("participants", distinct=True)))


def drafts_waiting(program: Program, *, mentor=None):
    """Submissions whose latest version waits for a decision, oldest wait first (the review queue)."""
    from materials.selectors import review_queue

    return review_queue(program, mentor=mentor)


def program_teams(program: Program):
    from participants.models import Team

    return list(Team.objects.filter(program=program).select_related("region").annotate(
        member_count=Count("participants", distinct=True)).prefetch_related("mentors"))
