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
    from sessions.models import TrainingSession

    qs = TrainingSession.objects.filter(stage__program=program, cancelled_at__isnull=True,
                                        ends_at__gte=timezone.now())
    if team_ids is not None:
        qs = qs.filter(Q(all_teams=True) | Q(expected_teams__in=team_ids))
    if mentor is not None:
        qs = qs.filter(Q(mentors=mentor) | Q(all_teams=True) | Q(expected_teams__mentor_assignments__mentor=mentor))
    return list(qs.select_related("stage").distinct().order_by("starts_at")[:limit])


def team_assignments(program: Program, team):
    """Every assignment of the program with this team's submission status (one row each)."""
    from materials.models import Assignment, Submission

    assignments = list(Assignment.objects.filter(stage__program=program).select_related("stage", "dimension")
                       .order_by("stage__ordinal", "due_at"))
    submissions = {s.assignment_id: s for s in Submission.objects.filter(team=team).annotate(
        version_count=Count("versions"))}
    rows = []
    for assignment in assignments:
        submission = submissions.get(assignment.pk)
        rows.append({
            "assignment": assignment,
            "submission": submission,
            "status": submission.get_status_display() if submission else Submission.Status.NOT_SUBMITTED.label,
            "status_code": submission.status if submission else Submission.Status.NOT_SUBMITTED,
            "versions": submission.version_count if submission else 0,
        })
    return rows


def mentor_teams(program: Program, mentor):
    from participants.models import Team

    return list(Team.objects.filter(program=program, mentor_assignments__mentor=mentor)
                .select_related("region").annotate(member_count=Count("participants", distinct=True)))


def drafts_waiting(program: Program, *, mentor=None):
    """Latest draft versions that no mentor has answered yet, oldest first."""
    from materials.models import DraftVersion, Submission

    qs = DraftVersion.objects.filter(
        submission__team__program=program,
        submission__status__in=[Submission.Status.SUBMITTED, Submission.Status.IN_REVIEW,
                                Submission.Status.RESUBMITTED],
        feedback__isnull=True,
    )
    if mentor is not None:
        qs = qs.filter(submission__team__mentor_assignments__mentor=mentor)
    return list(qs.select_related("submission__team__region", "submission__assignment").order_by("uploaded_at"))


def program_teams(program: Program):
    from participants.models import Team

    return list(Team.objects.filter(program=program).select_related("region").annotate(
        member_count=Count("participants", distinct=True)).prefetch_related("mentors"))
