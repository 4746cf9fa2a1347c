"""Several workers running the reminder pass at the same moment send each reminder once (PostgreSQL only)."""
import datetime

import pytest
from django.core import mail

from bimtek.models import Program, ReminderSent
from materials.reminders import assignment_reminders
from tests import factories
from tests.certificates.test_concurrency import in_parallel

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_three_workers_at_once_send_each_person_one_reminder():
    program = factories.make_program()
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ACTIVE, reminder_days="3, 1")
    teams = [factories.make_team(program) for _ in range(2)]
    people = [factories.make_participant(team).user for team in teams for _ in range(4)]
    factories.make_assignment(program, due_in=datetime.timedelta(days=2, hours=12))

    results, errors = in_parallel([assignment_reminders for _ in range(3)])

    assert errors == []
    assert sum(results) == len(people)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
    assert ReminderSent.objects.count() == len(people)
