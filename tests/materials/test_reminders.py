"""A team that has not submitted is reminded a few days and one day before the due time, once each."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bimtek.models import Program, ReminderSent
from materials.reminders import ASSIGNMENT_DUE, assignment_reminders
from materials.services import workflow
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    program = factories.make_program()
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ACTIVE, reminder_days="3, 1")
    late, done = factories.make_team(program), factories.make_team(program)
    ayu = factories.make_participant(late, full_name="Ayu Lestari")
    ayu.user.language, ayu.user.time_zone = "en", "Asia/Makassar"
    ayu.user.save(update_fields=["language", "time_zone"])
    budi = factories.make_participant(late, full_name="Budi Santoso")  # reads Indonesian, in WIB
    factories.make_participant(done, full_name="Citra Dewi")
    assignment = factories.make_assignment(program, title="Analisis SWOT",
                                           due_in=datetime.timedelta(days=2, hours=12))
    factories.make_version(assignment, done)
    return assignment, late, ayu.user, budi.user


def test_three_days_then_one_day_before_each_once_in_each_persons_language_and_zone(setting):
    assignment, _late, ayu, budi = setting
    now = timezone.now()
    assert assignment_reminders(now=now) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ayu.email, budi.email])  # not the team that submitted
    english = next(m for m in mail.outbox if m.to == [ayu.email])
    indonesian = next(m for m in mail.outbox if m.to == [budi.email])
    assert '"Analisis SWOT" is due soon' in english.subject and "WITA" in english.body
    assert indonesian.subject == '[bimtek] Pengingat: tenggat "Analisis SWOT" segera tiba'
    assert "WIB" in indonesian.body

    assert assignment_reminders(now=now + datetime.timedelta(hours=1)) == 0  # sent once
    assert assignment_reminders(now=now + datetime.timedelta(days=1, hours=13)) == 2  # one day before
    assert assignment_reminders(now=now + datetime.timedelta(days=2)) == 0
    assert sorted(ReminderSent.objects.filter(person=ayu).values_list("interval", flat=True)) == ["1d", "3d"]
    assert assignment_reminders(now=now + datetime.timedelta(days=3)) == 0  # past due: no more reminders


def test_a_reminder_claimed_by_another_worker_is_not_sent_again(setting):
    assignment, _late, ayu, budi = setting
    ReminderSent.objects.create(kind=ASSIGNMENT_DUE, object_id=assignment.pk, person=ayu, interval="3d")
    assert assignment_reminders() == 1
    assert [m.to for m in mail.outbox] == [[budi.email]]


def test_an_extension_moves_the_reminder_and_empty_days_mean_none(setting):
    assignment, late, _ayu, _budi = setting
    workflow.extension_grant(assignment=assignment, team=late, due_at=timezone.now() + datetime.timedelta(days=10),
                             reason="Banjir", granted_by=factories.make_staff(assignment.stage.program, "organizer"))
    assert assignment_reminders() == 0
    assert assignment_reminders(now=timezone.now() + datetime.timedelta(days=9, hours=1)) == 2
    Program.objects.filter(pk=assignment.stage.program_id).update(reminder_days="")
    assert assignment_reminders(now=timezone.now() + datetime.timedelta(days=9, hours=12)) == 0
