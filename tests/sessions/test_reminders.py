"""The people expected at a session are reminded the program's hours before it starts, once."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bimtek.models import Program
from bimtek.overview.services import stage_update
from sessions.reminders import session_reminders
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_day_before_the_expected_people_get_one_reminder(world, stages):
    Program.objects.filter(pk=world.program.pk).update(status=Program.Status.ACTIVE, session_reminder_hours=24)
    today = timezone.localdate()
    live_stage = stage_update(stage=stages[2], start_date=today, end_date=today + datetime.timedelta(days=4))
    now = timezone.now().replace(microsecond=0)
    factories.make_session(live_stage, title="Klinik Esok", starts_at=now + datetime.timedelta(hours=30),
                           teams=[world.team_a])
    assert session_reminders(now=now) == 0  # 30 hours ahead: not yet
    later = now + datetime.timedelta(hours=7)
    sent = session_reminders(now=later)
    assert sent > 0 and world.participant.user.email in {m.to[0] for m in mail.outbox}
    assert all("Klinik Esok" in m.subject for m in mail.outbox)
    assert world.users["other_participant"].email not in {m.to[0] for m in mail.outbox}  # another team
    assert session_reminders(now=later + datetime.timedelta(hours=1)) == 0  # once

    Program.objects.filter(pk=world.program.pk).update(session_reminder_hours=0)
    factories.make_session(live_stage, starts_at=now + datetime.timedelta(hours=9), teams=[world.team_a])
    assert session_reminders(now=later) == 0  # the program turned them off
