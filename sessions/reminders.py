"""A reminder to everyone expected at a session, the program's ``session_reminder_hours`` before it starts.

Run by the periodic pass (bimtek.periodic); each person is claimed in the database before the e-mail is queued
(bimtek.services.reminder_claim), so several workers send it once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from bimtek.models import Program
from bimtek.periodic import periodic
from bimtek.services import reminder_claim
from sessions import notifications, selectors
from sessions.models import TrainingSession

SESSION_SOON = "session_soon"
HORIZON_HOURS = 168  # the largest interval a program may set


@periodic("session_reminders")
def session_reminders(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    sessions = (TrainingSession.objects.filter(
        stage__program__status=Program.Status.ACTIVE, stage__program__session_reminder_hours__gt=0,
        cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(hours=HORIZON_HOURS))
        .select_related("stage__program"))
    sent = 0
    for session in sessions:
        hours = session.stage.program.session_reminder_hours
        if session.starts_at - now > datetime.timedelta(hours=hours):
            continue
        with transaction.atomic():
            claimed = [pk for pk in sorted(selectors.roster_user_ids(session))
                       if reminder_claim(kind=SESSION_SOON, object_id=session.pk, person_id=pk, interval=f"{hours}h")]
            sent += notifications.session_reminder(session=session, recipient_ids=claimed)
    return sent
