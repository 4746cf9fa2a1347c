import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import eligibility, selectors
from certificates.services import certificate_revoke, certificate_settings_update
from materials.services import feedback_give
from tests import factories
from tests.certificates.helpers import attend, past_sessions

pytestmark = pytest.mark.django_db


def rule(program, minimum=75, approvals=False):
    return certificate_settings_update(program=program, min_attendance_percent=minimum,
                                       require_approved_assignments=approvals,
                                       number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=None)


def rows_by_name(program):
    return {row.participant.full_name: row for row in eligibility.participant_eligibility(program)}


def test_eligibility_follows_the_attendance_rule_with_the_reason():
    program = factories.make_program()
    team = factories.make_team(program)
    organizer = factories.make_staff(program, "organizer")
    full = factories.make_participant(team, full_name="Hadir Penuh")
    three = factories.make_participant(team, full_name="Tiga dari Empat")
    half = factories.make_participant(team, full_name="Setengah")
    sessions = past_sessions(program, 4)
    attend(sessions, full, 4, by=organizer)
    attend(sessions, three, 3, by=organizer)
    attend(sessions, half, 2, by=organizer)

    rows = rows_by_name(program)

    assert (rows["Hadir Penuh"].eligible, rows["Hadir Penuh"].reasons) == (True, [])
    assert (rows["Tiga dari Empat"].eligible, rows["Tiga dari Empat"].rate_text) == (True, "75%")
    assert rows["Setengah"].eligible is False
    assert rows["Setengah"].reasons == ["attendance 50% < 75%"]
    assert (rows["Setengah"].attended, rows["Setengah"].expected) == (2, 4)

    rule(program, minimum=100)
    assert rows_by_name(program)["Tiga dari Empat"].reasons == ["attendance 75% < 100%"]


def test_a_rate_just_under_the_minimum_is_not_rounded_up():
    program = factories.make_program()
    team = factories.make_team(program)
    organizer = factories.make_staff(program, "organizer")
    person = factories.make_participant(team)
    sessions = past_sessions(program, 7)
    attend(sessions, person, 5, by=organizer)  # 71.4%
    rule(program, minimum=72)
    row = eligibility.participant_eligibility(program)[0]
    assert row.reasons == ["attendance 71.4% < 72%"] and not row.eligible


def test_nobody_is_eligible_before_any_session_took_place():
    program = factories.make_program()
    factories.make_participant(factories.make_team(program))
    row = eligibility.participant_eligibility(program)[0]
    assert (row.eligible, row.reasons) == (False, ["no session has taken place yet"])


def approve(assignment, team, mentor):
    version = factories.make_version(assignment, team)
    feedback_give(version=version, mentor=mentor, comment="Disetujui.", decision="approve", notify=False)


def test_the_optional_rule_asks_for_every_assignment_of_the_team_approved():
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    done, behind = factories.make_team(program), factories.make_team(program)
    mentor = factories.make_mentor(program, done, behind)
    ready = factories.make_participant(done, full_name="Tim Selesai")
    late = factories.make_participant(behind, full_name="Tim Tertinggal")
    sessions = past_sessions(program, 2)
    for person in (ready, late):
        attend(sessions, person, 2, by=organizer)
    first = factories.make_assignment(program, created_by=organizer)
    second = factories.make_assignment(program, created_by=organizer)
    approve(first, done, mentor)
    approve(second, done, mentor)
    approve(first, behind, mentor)

    assert all(row.eligible for row in eligibility.participant_eligibility(program))  # rule off by default
    rule(program, approvals=True)
    rows = rows_by_name(program)
    assert rows["Tim Selesai"].eligible and (rows["Tim Selesai"].approved, rows["Tim Selesai"].assignments) == (2, 2)
    assert rows["Tim Tertinggal"].reasons == ["1 of 2 team assignments not approved"]


def test_mentors_are_eligible_by_their_role():
    program = factories.make_program()
    mentor = factories.make_mentor(program, factories.make_team(program))
    rows = eligibility.mentor_eligibility(program)
    assert [(row.mentor, row.eligible) for row in rows] == [(mentor, True)]


def test_eligibility_runs_the_same_queries_however_many_people():
    def build(size):
        program = factories.make_program()
        organizer = factories.make_staff(program, "organizer")
        teams = [factories.make_team(program) for _ in range(size)]
        people = [factories.make_participant(team) for team in teams for _ in range(size)]
        sessions = past_sessions(program, 2)
        for person in people:
            attend(sessions, person, 1, by=organizer)
        factories.issue_certificate(participant=people[0], by=organizer)
        rule(program, approvals=True)
        return program

    counts = []
    for size in (2, 5):
        program = build(size)
        with CaptureQueriesContext(connection) as queries:
            rows = eligibility.participant_eligibility(program)
            eligibility.mentor_eligibility(program)
        assert len(rows) == size * size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_lesson_hours_count_the_sessions_a_person_attended():
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    person = factories.make_participant(factories.make_team(program))
    sessions = past_sessions(program, 3)  # two hours each: 120 / 45 minutes = 2.67 lesson hours
    attend(sessions, person, 2, by=organizer)
    assert selectors.attended_lesson_hours(program) == {person.user_id: 5}  # 240 minutes


def test_a_person_holds_their_valid_certificates_as_participant_and_as_mentor():
    joined, mentored = factories.make_program(), factories.make_program()
    person = factories.make_participant(factories.make_team(joined), full_name="Ayu Lestari").user
    factories.make_mentor(mentored, factories.make_team(mentored), user=person)
    other = factories.make_participant(factories.make_team(joined))
    as_participant = factories.issue_certificate(participant=person.participations.get())
    revoked = factories.issue_certificate(mentor=person, program=mentored)
    certificate_revoke(certificate=revoked, reason="Salah templat", revoked_by=factories.make_staff(mentored,
                                                                                                  "organizer"))
    as_mentor = factories.issue_certificate(mentor=person, program=mentored)
    factories.issue_certificate(participant=other)
    held = selectors.held_certificates(person)
    assert sorted(held, key=lambda c: (c.program_id, c.sequence)) == [as_participant, as_mentor]
