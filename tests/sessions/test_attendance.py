import datetime
import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sessions import checkin, selectors, services
from sessions.models import Attendance
from tests import factories
from tests.sessions.conftest import minutes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_world")]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def clinic(world, live_stage):
    """Team A's clinic, starting now, with the team's mentor."""
    return factories.make_session(live_stage, starts_at=timezone.now().replace(microsecond=0),
                                  teams=[world.team_a], mentors=[world.users["mentor"]])


def code_at(session, moment):
    return checkin.current_code(session, selectors.attendance_policy(session.stage.program), moment)


def check_in(session, person, moment, code=None):
    return services.attendance_check_in(session=session, person=person, now=moment,
                                        code=code if code is not None else code_at(session, moment))


def test_roster_marking_writes_only_what_changed_and_keeps_who_changed_it(world, clinic):
    organizer, mentor = world.users["organizer"], world.users["mentor"]
    second = factories.make_participant(world.team_a)
    participant = world.participant.user
    changed = services.attendance_roster_mark(session=clinic, marked_by=organizer, marks={
        participant.pk: ("hadir", ""), second.user.pk: ("izin", "Sakit"), mentor.pk: ("", "")})
    assert changed == 2
    changed = services.attendance_roster_mark(session=clinic, marked_by=mentor, marks={
        participant.pk: ("hadir", ""), second.user.pk: ("tidak_hadir", "Sakit")})
    assert changed == 1
    rows = {a.person_id: a for a in Attendance.objects.filter(session=clinic)}
    assert rows[participant.pk].marked_by == organizer
    assert (rows[second.user.pk].status, rows[second.user.pk].marked_by) == ("tidak_hadir", mentor)


def test_an_empty_status_removes_the_mark(world, clinic):
    factories.mark(clinic, world.participant, "hadir")
    services.attendance_roster_mark(session=clinic, marks={world.participant.user.pk: ("", "")},
                                    marked_by=world.users["organizer"])
    assert not Attendance.objects.filter(session=clinic).exists()


def test_only_people_on_the_roster_can_be_marked(world, clinic):
    with pytest.raises(ValidationError):
        services.attendance_roster_mark(session=clinic, marks={world.other_participant.user.pk: ("hadir", "")},
                                        marked_by=world.users["organizer"])
    with pytest.raises(ValidationError):
        factories.mark(clinic, world.other_participant, "hadir")
    assert not Attendance.objects.exists()


def test_before_the_session_only_an_excused_absence_can_be_recorded(world, stages):
    later = factories.make_session(stages[3], teams=[world.team_a])
    with pytest.raises(ValidationError):
        factories.mark(later, world.participant, "hadir")
    assert factories.mark(later, world.participant, "izin", note="Cuti").status == "izin"


def test_check_in_within_grace_time_is_present_later_is_late(world, clinic):
    second = factories.make_participant(world.team_a)
    on_time = check_in(clinic, world.participant.user, clinic.starts_at + minutes(10))
    late = check_in(clinic, second.user, clinic.starts_at + minutes(16))
    assert (on_time.status, on_time.method) == ("hadir", "code")
    assert late.status == "terlambat"
    assert late.checked_in_at == clinic.starts_at + minutes(16)


@pytest.mark.parametrize("offset", [-31, 61])
def test_check_in_outside_the_window_is_refused(world, clinic, offset):
    with pytest.raises(services.CheckInRefused):
        check_in(clinic, world.participant.user, clinic.starts_at + minutes(offset))
    assert not Attendance.objects.exists()


def test_the_window_follows_the_programs_settings(world, clinic):
    services.attendance_policy_update(program=clinic.stage.program, checkin_opens_minutes=60,
                                      late_after_minutes=0)
    attendance = check_in(clinic, world.participant.user, clinic.starts_at - minutes(45))
    assert attendance.status == "hadir"


def test_someone_not_on_the_roster_is_refused_with_a_clear_message(world, clinic):
    with pytest.raises(services.CheckInRefused) as refusal:
        check_in(clinic, world.other_participant.user, clinic.starts_at)
    assert "not on the list" in refusal.value.messages[0]


def test_a_code_from_two_steps_ago_no_longer_works(world, clinic):
    now = clinic.starts_at + minutes(5)
    old = code_at(clinic, now - datetime.timedelta(seconds=121))
    with pytest.raises(services.CheckInRefused) as refusal:
        check_in(clinic, world.participant.user, now, code=old)
    assert refusal.value.code == "wrong_code"
    previous = code_at(clinic, now - datetime.timedelta(seconds=60))
    assert check_in(clinic, world.participant.user, now, code=previous).status == "hadir"


def test_too_many_wrong_codes_block_for_a_while(world, clinic):
    now = clinic.starts_at
    for _attempt in range(services.attendance.MAX_WRONG_CODES):
        with pytest.raises(services.CheckInRefused):
            check_in(clinic, world.participant.user, now, code="000000")
    with pytest.raises(services.CheckInRefused) as refusal:
        check_in(clinic, world.participant.user, now)
    assert "Too many" in refusal.value.messages[0]


def test_checking_in_twice_keeps_the_first_check_in(world, clinic):
    first = check_in(clinic, world.participant.user, clinic.starts_at + minutes(1))
    again = check_in(clinic, world.participant.user, clinic.starts_at + minutes(20))
    assert again.pk == first.pk and again.status == "hadir"
    assert again.checked_in_at == clinic.starts_at + minutes(1)
    assert Attendance.objects.count() == 1


def test_check_in_upgrades_an_absence_marked_too_early(world, clinic):
    factories.mark(clinic, world.participant, "tidak_hadir", by=world.users["mentor"])
    attendance = check_in(clinic, world.participant.user, clinic.starts_at + minutes(20))
    assert (attendance.status, attendance.method) == ("terlambat", "code")


def test_cancelled_session_refuses_check_in(world, clinic):
    services.session_cancel(session=clinic)
    clinic.refresh_from_db()
    with pytest.raises(services.CheckInRefused):
        check_in(clinic, world.participant.user, clinic.starts_at)


def test_a_typed_code_alone_finds_the_open_session(world, clinic):
    attendance = services.attendance_check_in_by_code(person=world.participant.user,
                                                      code=code_at(clinic, timezone.now()))
    assert attendance.session == clinic and attendance.method == "code"
    with pytest.raises(services.CheckInRefused):
        services.attendance_check_in_by_code(person=world.participant.user, code="123")


def test_policy_settings_are_validated(world):
    with pytest.raises(ValidationError):
        services.attendance_policy_update(program=world.program, online_min_share=120)
    policy = services.attendance_policy_update(program=world.program, team_quorum=5)
    assert policy.team_quorum == 5 and policy.late_after_minutes == 15


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_check_ins_of_the_same_person_make_one_row(world, clinic):
    """Two phones of one person (or a double tap) checking in at the same moment."""
    now = clinic.starts_at + minutes(2)
    code = code_at(clinic, now)
    results, barrier = [], threading.Barrier(4)

    def tap():
        try:
            barrier.wait()
            results.append(check_in(clinic, world.participant.user, now, code=code).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["hadir"] * 4
    assert Attendance.objects.filter(session=clinic).count() == 1


def test_a_check_in_costs_the_same_few_queries_whatever_the_roster(world, live_stage):
    plenary = factories.make_session(live_stage, starts_at=timezone.now().replace(microsecond=0))
    first, second = world.participant.user, world.other_participant.user

    def cost(person):
        with CaptureQueriesContext(connection) as queries:
            check_in(plenary, person, plenary.starts_at + minutes(1))
        return len(queries)

    selectors.attendance_policy(plenary.stage.program)  # read once per request in real life
    small = cost(first)
    for _ in range(5):
        factories.make_participant(factories.make_team(world.program))
    assert cost(second) == small <= 12
