import datetime

from django.test import override_settings

from sessions.checkin import (
    checkin_code,
    checkin_window,
    code_is_valid,
    normalise_code,
    seconds_to_next_step,
    time_step,
)
from sessions.models import AttendancePolicy, TrainingSession

NOON = datetime.datetime(2026, 11, 27, 5, 0, 0, tzinfo=datetime.UTC)


def policy(**fields):
    return AttendancePolicy(**fields)


def session(pk=7, starts_at=NOON):
    return TrainingSession(pk=pk, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2))


def test_code_is_six_digits_and_differs_per_session_and_step():
    codes = {checkin_code(7, 100), checkin_code(8, 100), checkin_code(7, 101)}
    assert len(codes) == 3
    assert all(len(code) == 6 and code.isdigit() for code in codes)


def test_code_depends_on_the_secret_key():
    with override_settings(SECRET_KEY="one-secret-key-that-is-long-enough-1234567890"):
        first = checkin_code(7, 100)
    with override_settings(SECRET_KEY="another-secret-key-that-is-long-enough-1234567"):
        second = checkin_code(7, 100)
    assert first != second


def test_current_and_previous_step_are_accepted_older_ones_not():
    rules = policy(code_rotation_seconds=60)
    step = time_step(rules, NOON)
    assert code_is_valid(session(), checkin_code(7, step), rules, NOON)
    assert code_is_valid(session(), checkin_code(7, step - 1), rules, NOON)
    assert not code_is_valid(session(), checkin_code(7, step - 2), rules, NOON)
    assert not code_is_valid(session(), checkin_code(7, step + 1), rules, NOON)
    assert not code_is_valid(session(pk=8), checkin_code(7, step), rules, NOON)


def test_typed_code_may_have_spaces():
    rules = policy(code_rotation_seconds=60)
    code = checkin_code(7, time_step(rules, NOON))
    assert normalise_code(f" {code[:3]} {code[3:]} ") == code
    assert code_is_valid(session(), f"{code[:3]} {code[3:]}", rules, NOON)
    assert not code_is_valid(session(), "", rules, NOON)


def test_window_opens_before_and_closes_after_the_start_with_grace_time():
    rules = policy(checkin_opens_minutes=30, checkin_closes_minutes=60, late_after_minutes=15)
    window = checkin_window(session(), rules)
    assert window.opens_at == NOON - datetime.timedelta(minutes=30)
    assert window.late_after == NOON + datetime.timedelta(minutes=15)
    assert window.closes_at == NOON + datetime.timedelta(minutes=60)
    assert window.is_open(NOON - datetime.timedelta(minutes=30))
    assert not window.is_open(NOON + datetime.timedelta(minutes=61))


def test_seconds_to_next_step():
    rules = policy(code_rotation_seconds=60)
    assert seconds_to_next_step(rules, NOON + datetime.timedelta(seconds=45)) == 15
