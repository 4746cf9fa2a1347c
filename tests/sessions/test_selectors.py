import datetime

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.selectors import (
    attendance_recap,
    calendar_feed_user,
    calendar_sessions,
    person_attendance_rates,
    roster_user_ids,
    team_stage_attendance,
    visible_sessions,
)
from sessions.services import attendance_policy_update, session_cancel
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


def test_recap_rates_per_person_team_and_stage_with_quorum(world, past):
    attendance_policy_update(program=world.program, team_quorum=2)
    stage = past[1]
    second = factories.make_participant(world.team_a)
    plenary = factories.make_session(stage, starts_at=at(stage, 8), mentors=[world.users["mentor"]])
    clinic = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_a])
    factories.mark(plenary, world.participant, "hadir")
    factories.mark(plenary, second, "terlambat")
    factories.mark(clinic, world.participant, "hadir")
    factories.mark(clinic, second, "izin")
    factories.mark(plenary, world.users["mentor"], "hadir")

    recap = attendance_recap(world.program)

    people = {p.user_id: p for p in recap.people}
    assert people[second.user.pk].cells == {plenary.pk: "terlambat", clinic.pk: "izin"}
    assert (people[second.user.pk].attended, people[second.user.pk].expected) == (1, 2)
    assert people[second.user.pk].stage_counts(stage.pk) == [1, 2]
    assert people[second.user.pk].stage_counts(past[2].pk) == (0, 0)
    assert people[world.other_participant.user.pk].cells == {plenary.pk: ""}
    assert people[world.users["mentor"].pk].is_mentor and people[world.users["mentor"].pk].rate == 1
    teams = {t.team.pk: t for t in recap.teams}
    assert (teams[world.team_a.pk].attended, teams[world.team_a.pk].expected) == (3, 4)
    assert (teams[world.team_a.pk].sessions, teams[world.team_a.pk].quorum_reached) == (2, 1)
    assert (teams[world.team_b.pk].sessions, teams[world.team_b.pk].quorum_reached) == (1, 0)
    stages = {row.stage.pk: row for row in recap.stages}
    assert (stages[stage.pk].sessions, stages[stage.pk].attended, stages[stage.pk].expected) == (2, 3, 5)
    assert stages[past[2].pk].rate is None


def test_recap_for_chosen_teams_leaves_out_the_others(world, past):
    factories.make_session(past[1], starts_at=at(past[1], 8), mentors=[world.users["mentor"]])
    recap = attendance_recap(world.program, team_ids={world.team_a.pk}, include_mentors=False)
    assert [p.user_id for p in recap.people] == [world.participant.user.pk]
    assert [t.team for t in recap.teams] == [world.team_a]


def test_visible_sessions_per_role(world, past):
    stage = past[1]
    plenary = factories.make_session(stage, starts_at=at(stage, 8))
    clinic_a = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_a])
    clinic_b = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_b],
                                      mentors=[world.users["mentor"]])

    def seen(role, **kwargs):
        user = world.users[role]
        return set(visible_sessions(world.program, user, **kwargs))

    assert seen("participant") == {plenary, clinic_a}
    assert seen("mentor") == {plenary, clinic_a, clinic_b}  # guides team A, mentors clinic B
    assert seen("other_mentor") == {plenary, clinic_b}
    assert seen("other_mentor", everything=True) == {plenary, clinic_a, clinic_b}
    assert seen("evaluator") == {plenary, clinic_a, clinic_b}


def test_visible_sessions_ask_the_rules(world, past, replace_perm):
    stage = past[1]
    plenary = factories.make_session(stage, starts_at=at(stage, 8))
    clinic_a = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_a])
    clinic_b = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_b],
                                      mentors=[world.users["mentor"]])
    mentor = world.users["other_mentor"]  # guides team B
    replace_perm("training.view_whole_schedule", rules.always_false)
    assert set(visible_sessions(world.program, mentor, everything=True)) == {plenary, clinic_b}
    replace_perm("training.view_every_session", rules.always_true)
    assert set(visible_sessions(world.program, mentor)) == {plenary, clinic_a, clinic_b}
    replace_perm("training.view_every_session", rules.always_false)
    replace_perm("training.mentor_sessions", rules.always_false)
    assert set(visible_sessions(world.program, world.users["mentor"])) == {plenary, clinic_a}  # no longer clinic B


def test_a_calendar_feed_belongs_to_the_active_person_with_the_whole_token(world):
    user = world.users["participant"]
    assert calendar_feed_user(user.calendar_token) == user
    assert calendar_feed_user(user.calendar_token[:19]) is None
    user.is_active = False
    user.save()
    assert calendar_feed_user(user.calendar_token) is None


def test_a_calendar_feed_holds_every_session_where_the_rule_says(world, past, replace_perm,
                                                                 django_assert_max_num_queries):
    stage = past[1]
    plenary = factories.make_session(stage, starts_at=at(stage, 8))
    clinic_b = factories.make_session(stage, starts_at=at(stage, 13), teams=[world.team_b])
    organizer, participant = world.users["organizer"], world.participant.user
    with django_assert_max_num_queries(5):
        assert set(calendar_sessions(organizer)) == {plenary, clinic_b}
    assert set(calendar_sessions(participant)) == {plenary}
    replace_perm("training.feed_every_session", rules.always_true)
    assert set(calendar_sessions(participant)) == {plenary, clinic_b}
    replace_perm("training.feed_every_session", rules.always_false)
    assert set(calendar_sessions(organizer)) == set()

