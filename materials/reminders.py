"""Reminders to a team that has not submitted: a few days and one day before the due time (its extension's).

Run by the periodic pass (bimtek.periodic). The days are the program's ``reminder_days``; each person gets
the nearest interval that has begun (a pass that runs late sends the "1 day" reminder, not both), claimed in
the database first (bimtek.services.reminder_claim), in their own language and time zone.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bimtek.models import Program
from bimtek.periodic import periodic
from bimtek.services import reminder_claim
from materials import emails
from materials.models import Assignment, Submission
from materials.selectors import standings
from participants.models import Participant, Team

ASSIGNMENT_DUE = "assignment_due"
HORIZON_DAYS = 30  # the largest reminder interval a program may set


def _interval(days_left: datetime.timedelta, reminder_days: list[int]) -> int | None:
    """The smallest reminder day whose moment has come (3 days left with [3, 1] → 3; 20 hours → 1)."""
    begun = [days for days in reminder_days if days_left <= datetime.timedelta(days=days)]
    return min(begun) if begun else None


@periodic("assignment_reminders")
def assignment_reminders(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=HORIZON_DAYS)
    assignments = (Assignment.objects.filter(stage__program__status=Program.Status.ACTIVE)
                   .exclude(stage__program__reminder_days="")
                   .filter(Q(due_at__gt=now, due_at__lte=horizon)
                           | Q(extensions__due_at__gt=now, extensions__due_at__lte=horizon))
                   .select_related("stage__program").distinct())
    sent = 0
    for assignment in assignments:
        sent += _remind_teams(assignment, now)
    return sent


def _remind_teams(assignment, now) -> int:
    """Remind the members of every team whose standing (materials.selectors.Standing: due time with its
    extension, nothing sent yet) has reached one of the program's reminder days."""
    program = assignment.stage.program
    days = program.reminder_day_list
    teams = list(Team.objects.filter(program=program).select_related("region"))
    due_teams = {}
    for standing in standings([assignment], teams, now=now).values():
        if standing.status == Submission.Status.NOT_SUBMITTED and standing.due_at > now:
            interval = _interval(standing.due_at - now, days)
            if interval is not None:
                due_teams[standing.team.pk] = (standing, interval)
    members = defaultdict(list)
    for member in Participant.objects.filter(team_id__in=due_teams, user__is_active=True).select_related("user"):
        members[member.team_id].append(member.user)
    sent = 0
    for team_id, (standing, interval) in due_teams.items():
        with transaction.atomic():
            claimed = [person for person in members[team_id]
                       if reminder_claim(kind=ASSIGNMENT_DUE, object_id=assignment.pk,
                                         person_id=person.pk, interval=f"{interval}d")]
            sent += emails.assignment_reminder(claimed, assignment=assignment, team=standing.team,
                                               due_at=standing.due_at)
    return sent
