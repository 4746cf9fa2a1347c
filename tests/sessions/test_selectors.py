import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.selectors import person_attendance_rates, roster_user_ids, team_stage_attendance
from sessions.services import session_cancel
from tests import factories

pytestmark = pytest.mark.django_db


def at(stage, hour, day=0):
    return datetime.datetime.combine(stage.start_date + datetime.timedelta(days=day), datetime.time(hour),
                                     tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture
def past(world):
    """Stage I of program A lies a month back; stage III is still ahead."""
    stages = {s.ordinal: s for s in world.program.stages.all()}
    return stages


def test_participant_is_expected_at_all_team_sessions_and_their_own_team_sessions(world, past):
    stage = past[1]
    plenary = factories.make_session(stage, starts_at=at(stage, 8))
    clinic_a = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_a])
    factories.make_session(stage, starts_at=at(stage, 13, day=1), teams=[world.team_b])
    factories.mark(plenary, world.participant, "hadir")
    factories.mark(clinic_a, world.participant, "terlambat")
    factories.mark(plenary, world.other_participant, "izin")

    rates = person_attendance_rates(world.program)

    assert rates[world.participant.user.pk] == (2, 2)
    assert rates[world.other_participant.user.pk] == (0, 2)


def test_excused_and_absent_do_not_count_as_attended(world, past):
    stage = past[1]
    first = factories.make_session(stage, starts_at=at(stage, 8))
    second = factories.make_session(stage, starts_at=at(stage, 13))
    factories.mark(first, world.participant, "izin")
    factories.mark(second, world.participant, "tidak_hadir")

    assert person_attendance_rates(world.program)[world.participant.user.pk] == (0, 2)


def test_cancelled_and_future_sessions_are_not_expected(world, past):
    done = factories.make_session(past[1], starts_at=at(past[1], 8))
    cancelled = factories.make_session(past[1], starts_at=at(past[1], 13))
    factories.mark(cancelled, world.participant, "hadir")
    session_cancel(session=cancelled, reason="Hujan deras")
    factories.make_session(past[3], starts_at=at(past[3], 9))
    factories.mark(done, world.participant, "hadir")

    assert person_attendance_rates(world.program)[world.participant.user.pk] == (1, 1)


def test_mentor_is_expected_only_where_they_are_mentor(world, past):
    stage = past[1]
    mentor = world.users["mentor"]
    theirs = factories.make_session(stage, starts_at=at(stage, 8), mentors=[mentor])
    factories.make_session(stage, starts_at=at(stage, 13), mentors=[world.users["other_mentor"]])
    factories.mark(theirs, mentor, "hadir")

    rates = person_attendance_rates(world.program)

    assert rates[mentor.pk] == (1, 1)
    assert rates[world.users["other_mentor"].pk] == (0, 1)


def test_everyone_of_the_program_has_an_entry_even_before_any_session(world):
    rates = person_attendance_rates(world.program)

    assert rates[world.participant.user.pk] == (0, 0)
    assert rates[world.users["mentor"].pk] == (0, 0)
    assert world.foreign_participant.user.pk not in rates
    assert world.users["organizer"].pk not in rates


def build_program_with(world, stage, teams_count, members_per_team):
    teams = [factories.make_team(world.program) for _ in range(teams_count)]
    for index, team in enumerate(teams):
        members = [factories.make_participant(team) for _ in range(members_per_team)]
        session = factories.make_session(stage, starts_at=at(stage, 8 + index % 8), teams=[team],
                                         mentors=[world.users["mentor"]])
        for member in members:
            factories.mark(session, member, "hadir")


def count_queries(function, program):
    with CaptureQueriesContext(connection) as queries:
        function(program)
    return len(queries)


@pytest.mark.parametrize("selector", [person_attendance_rates, team_stage_attendance])
def test_query_count_does_not_grow_with_the_program(world, past, selector):
    build_program_with(world, past[1], 1, 2)
    small = count_queries(selector, world.program)
    build_program_with(world, past[1], 3, 4)
    large = count_queries(selector, world.program)

    assert small == large <= 7


def test_team_stage_attendance_counts_members_present_per_session_in_time_order(world, past):
    stage = past[1]
    second_member = factories.make_participant(world.team_a)
    later = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_a],
                                   mentors=[world.users["mentor"]])
    earlier = factories.make_session(stage, starts_at=at(stage, 8))
    factories.mark(earlier, world.participant, "hadir")
    factories.mark(earlier, second_member, "terlambat")
    factories.mark(earlier, world.other_participant, "hadir")
    factories.mark(later, world.participant, "hadir")
    factories.mark(later, second_member, "izin")
    factories.mark(later, world.users["mentor"], "hadir")  # mentors do not count for a team's quorum

    result = team_stage_attendance(world.program)

    assert result[(world.team_a.pk, stage.pk)] == [2, 1]
    assert result[(world.team_b.pk, stage.pk)] == [1]
    assert result[(world.team_a.pk, past[2].pk)] == []
    assert (world.foreign_team.pk, stage.pk) not in result


def test_team_stage_attendance_leaves_out_cancelled_future_and_other_teams_sessions(world, past):
    factories.make_session(past[1], starts_at=at(past[1], 8), teams=[world.team_b])
    cancelled = factories.make_session(past[1], starts_at=at(past[1], 13), teams=[world.team_a])
    session_cancel(session=cancelled)
    factories.make_session(past[3], starts_at=at(past[3], 9))

    result = team_stage_attendance(world.program)

    assert result[(world.team_a.pk, past[1].pk)] == []
    assert result[(world.team_a.pk, past[3].pk)] == []
    assert result[(world.team_b.pk, past[1].pk)] == [0]


def test_roster_is_expected_team_members_and_mentors(world, past):
    session = factories.make_session(past[1], teams=[world.team_a], mentors=[world.users["other_mentor"]])

    assert roster_user_ids(session) == {world.participant.user.pk, world.users["other_mentor"].pk}
