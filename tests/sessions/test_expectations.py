"""The attendance rules, each defined once: who is expected at a session, a team's quorum, a person's attendance
rate, which sessions are open for check-in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import selectors
from sessions.models import AttendancePolicy, TrainingSession
from sessions.services import session_cancel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plenary_and_clinic(world):
    """In program A: an all-team plenary and a clinic for team A (mentored by the world's mentor); in program B
    an all-team session."""
    stage = world.program.stages.get(ordinal=1)
    plenary = factories.make_session(stage, title="Pleno")
    clinic = factories.make_session(stage, title="Klinik A", teams=[world.team_a], mentors=[world.users["mentor"]],
                                    starts_at=plenary.ends_at + datetime.timedelta(hours=1))
    foreign = factories.make_session(world.foreign_program.stages.get(ordinal=1), title="Pleno B")
    return plenary, clinic, foreign


def titles(sessions):
    return sorted(session.title for session in sessions)


def test_an_all_team_session_expects_every_team_of_its_program_and_a_clinic_its_own(world, plenary_and_clinic):
    plenary, clinic, _foreign = plenary_and_clinic
    assert titles(TrainingSession.objects.expecting([world.team_a.pk])) == ["Klinik A", "Pleno"]
    assert titles(TrainingSession.objects.expecting([world.team_b.pk])) == ["Pleno"]
    assert titles(TrainingSession.objects.expecting([world.foreign_team.pk])) == ["Pleno B"]
    assert titles(TrainingSession.objects.expecting([], mentor=world.users["mentor"])) == ["Klinik A"]
    assert (plenary.expects_teams([world.team_b.pk]), clinic.expects_teams([world.team_b.pk]),
            clinic.expects_teams([world.team_a.pk]), clinic.expects_teams([])) == (True, False, True, False)


def test_the_expected_participants_are_the_members_of_the_expected_teams(world, plenary_and_clinic):
    plenary, clinic, _foreign = plenary_and_clinic
    assert set(plenary.expected_participants()) == {world.participant, world.other_participant}
    assert list(clinic.expected_participants()) == [world.participant]
    assert selectors.roster_user_ids(clinic) == {world.participant.user_id, world.users["mentor"].pk}
    assert selectors.is_on_roster(clinic, world.users["mentor"].pk)
    assert not selectors.is_on_roster(clinic, world.other_participant.user_id)


def test_the_session_page_asks_whether_its_viewer_is_expected_as_is_on_roster_does(client, world,
                                                                                    plenary_and_clinic):
    _plenary, clinic, _foreign = plenary_and_clinic
    url = reverse("session_detail", args=[world.program.pk, clinic.pk])
    people = [world.participant.user, world.other_participant.user, world.users["mentor"], world.users["organizer"]]
    for person in people:
        client.force_login(person)
        response = client.get(url)
        if response.status_code == 200:  # another team's participant may not see the clinic
            assert response.context["on_roster"] == selectors.is_on_roster(clinic, person.pk)
    assert [selectors.is_on_roster(clinic, person.pk) for person in people] == [True, False, True, False]


def test_a_team_reaches_its_quorum_with_that_many_members_present():
    policy = AttendancePolicy(team_quorum=3)
    assert [policy.quorum_reached(n) for n in (0, 2, 3, 4)] == [False, False, True, True]


def test_the_attendance_rate_is_attended_over_expected_and_none_before_anything_was_expected():
    assert (selectors.attendance_rate(3, 4), selectors.attendance_rate(0, 0)) == (0.75, None)


def test_only_sessions_held_and_not_cancelled_count_toward_a_rate(world, plenary_and_clinic):
    plenary, clinic, _foreign = plenary_and_clinic

    session_cancel(session=clinic, reason="Hujan", cancelled_by=world.users["organizer"])
    clinic.refresh_from_db()
    before, after = plenary.starts_at - datetime.timedelta(minutes=1), plenary.starts_at
    assert (plenary.counts_toward_rate(before), plenary.counts_toward_rate(after),
            clinic.counts_toward_rate(clinic.starts_at + datetime.timedelta(days=1))) == (False, True, False)
    assert list(TrainingSession.objects.filter(stage__program=world.program).counted(after)) == [plenary]


def test_a_persons_own_rate_agrees_with_the_programs_rates(world, plenary_and_clinic):
    plenary, clinic, _foreign = plenary_and_clinic
    factories.mark(plenary, world.participant, "terlambat")
    factories.mark(clinic, world.participant, "tidak_hadir")
    later = clinic.ends_at + datetime.timedelta(days=1)
    own = selectors.own_attendance(world.program, world.participant.user, now=later)
    assert (own.attended, own.expected, own.rate) == (1, 2, 0.5)
    # person_attendance_rates counts sessions started by now, which these are (stage I lies in the past).
    assert selectors.person_attendance_rates(world.program)[world.participant.user_id] == (1, 2)


def test_check_in_is_open_inside_the_window_of_a_session_not_cancelled(world, live_stage):
    now = timezone.now()
    stage = live_stage
    soon = factories.make_session(stage, title="Segera", starts_at=now + datetime.timedelta(minutes=10))
    later = factories.make_session(stage, title="Nanti", starts_at=now + datetime.timedelta(hours=3))
    policy = selectors.attendance_policy(world.program)  # opens 30 minutes before, closes 60 after the start
    assert (soon.is_open_for_checkin(policy, now), later.is_open_for_checkin(policy, now)) == (True, False)
    assert titles(selectors.sessions_open_for_checkin(world.participant.user, now)) == ["Segera"]
    assert selectors.sessions_open_for_checkin(world.foreign_participant.user, now) == []
    soon.cancelled_at = now
    assert not soon.is_open_for_checkin(policy, now)
