"""Reminders to a team that has not submitted: a few days and one day before the due time (its extension's).

Run by the periodic pass (bimtek.periodic). The days are the program's ``reminder_days``; each person gets
the nearest interval that has begun (a pass that runs late sends the "1 day" reminder, not both), claimed in
the database first (bimtek.services.reminder_claim), in their own language and time zone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bimtek.models import Program
from bimtek.periodic import periodic
from bimtek.services import reminder_claim
from materials import emails
from materials.models import Assignment, Extension, Submission
from participants.models import Team

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
    program = assignment.stage.program
    days = program.reminder_day_list
    extended = dict(Extension.objects.filter(assignment=assignment).values_list("team_id", "due_at"))
    submitted = set(Submission.objects.filter(assignment=assignment).exclude(
        status=Submission.Status.NOT_SUBMITTED).values_list("team_id", flat=True))
    sent = 0
    for team in Team.objects.filter(program=program).exclude(pk__in=submitted).select_related("region"):
        due = extended.get(team.pk, assignment.due_at)
        interval = _interval(due - now, days) if due > now else None
        if interval is None:
            continue
        members = get_user_model().objects.filter(participations__team=team, is_active=True).distinct()
        with transaction.atomic():
            claimed = [person for person in members
                       if reminder_claim(kind=ASSIGNMENT_DUE, object_id=assignment.pk,
                                         person_id=person.pk, interval=f"{interval}d")]
            sent += emails.assignment_reminder(claimed, assignment=assignment, team=team, due_at=due)
    return sent
