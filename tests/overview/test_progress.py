"""A team's progress through the stages follows the program's rule: quorum at the sessions, assignments approved."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bimtek.overview.progress import Status, program_progress, stage_status
from bimtek.overview.team_figures import team_progress
from bimtek.services import program_progress_rule_update
from materials.models import Assignment, Submission
from materials.selectors import Standing
from materials.services import extension_grant, feedback_give
from sessions.models import AttendancePolicy
from sessions.services import attendance_policy_update
from tests import factories
from tests.page_work import SMALL, scale_program

pytestmark = pytest.mark.django_db


def cell(status="not_submitted", overdue=False):
    """A team's standing on an assignment in the given status; overdue means its due time has passed."""
    now = timezone.now()
    due = now - datetime.timedelta(hours=1) if overdue else now + datetime.timedelta(hours=1)
    return Standing(assignment=Assignment(due_at=due), team=None, submission=Submission(status=status),
                    extension=None, now=now)


@pytest.mark.parametrize(("counts", "share", "cells", "expected"), [
    ([3, 4], 100, [cell("approved")], Status.COMPLETED),
    ([3, 4], 100, [], Status.COMPLETED),  # a stage without assignments asks for attendance only
    ([3, 2], 100, [cell("approved")], Status.BEHIND),  # one session below the quorum of 3
    ([3, 2], 50, [cell("approved")], Status.COMPLETED),  # half the sessions are enough here
    ([3, 4], 100, [cell("approved"), cell("revision_requested")], Status.IN_PROGRESS),
    ([3], 100, [cell("not_submitted", overdue=True)], Status.BEHIND),
    ([], 100, [cell("approved")], Status.IN_PROGRESS),  # approved, but no session held yet
    ([], 100, [cell("submitted")], Status.IN_PROGRESS),
    ([], 100, [cell()], Status.NOT_STARTED),
    ([], 100, [], Status.NOT_STARTED),
])
def test_the_rule_for_one_stage(counts, share, cells, expected):
    assert stage_status(counts=counts, policy=AttendancePolicy(team_quorum=3), share=share, cells=cells)[0] == expected


@pytest.fixture
def stage_one():
    """Stage I held (one past session for all teams), one assignment in stage I; two teams of four members."""
    program = factories.make_program(start=timezone.localdate() - datetime.timedelta(days=40))
    organizer = factories.make_staff(program, "organizer")
    stage = program.stages.get(ordinal=1)
    teams = [factories.make_team(program) for _ in range(2)]
    members = {team.pk: [factories.make_participant(team) for _ in range(4)] for team in teams}
    mentor = factories.make_mentor(program, *teams)
    session = factories.make_session(stage)
    assignment = factories.make_assignment(program, stage=stage, due_in=datetime.timedelta(days=3),
                                           created_by=organizer)
    return {"program": program, "organizer": organizer, "stage": stage, "teams": teams, "members": members,
            "mentor": mentor, "session": session, "assignment": assignment}


def approve(assignment, team, mentor):
    version = factories.make_version(assignment, team)
    feedback_give(version=version, mentor=mentor, comment="Sudah baik.", decision="approve", notify=False)


def progress_of(program, team):
    _stages, _assignments, rows = program_progress(program, [team])
    return rows[0]


def test_a_team_completes_a_stage_with_its_quorum_present_and_the_assignment_approved(stage_one):
    team = stage_one["teams"][0]
    for member in stage_one["members"][team.pk][:3]:
        late = member == stage_one["members"][team.pk][2]
        factories.mark(stage_one["session"], member, "terlambat" if late else "hadir", by=stage_one["organizer"])
    factories.mark(stage_one["session"], stage_one["members"][team.pk][3], "izin", by=stage_one["organizer"])
    assert progress_of(stage_one["program"], team).stages[0].status == Status.IN_PROGRESS
    approve(stage_one["assignment"], team, stage_one["mentor"])
    progress = progress_of(stage_one["program"], team)
    assert [stage.status for stage in progress.stages] == [Status.COMPLETED] + [Status.NOT_STARTED] * 3
    assert progress.completed == 1 and progress.status == Status.IN_PROGRESS
    assert (progress.attended, progress.expected) == (3, 4)  # present and late count, excused does not


def test_two_members_present_is_below_a_quorum_of_three_even_with_the_work_approved(stage_one):
    team = stage_one["teams"][1]
    for member in stage_one["members"][team.pk][:2]:
        factories.mark(stage_one["session"], member, by=stage_one["organizer"])
    approve(stage_one["assignment"], team, stage_one["mentor"])
    stage = progress_of(stage_one["program"], team).stages[0]
    assert (stage.status, stage.sessions_with_quorum, stage.sessions_held) == (Status.BEHIND, 0, 1)


def test_a_lower_quorum_in_the_attendance_settings_changes_the_outcome(stage_one, django_capture_on_commit_callbacks):
    team = stage_one["teams"][1]
    for member in stage_one["members"][team.pk][:2]:
        factories.mark(stage_one["session"], member, by=stage_one["organizer"])
    approve(stage_one["assignment"], team, stage_one["mentor"])
    with django_capture_on_commit_callbacks(execute=True):  # the settings kept in the cache move at the commit
        attendance_policy_update(program=stage_one["program"], team_quorum=2)
    stage_one["program"]._attendance_policy = None
    assert progress_of(stage_one["program"], team).stages[0].status == Status.COMPLETED


def test_the_share_of_sessions_is_the_programs_choice(stage_one):
    team = stage_one["teams"][0]
    second = factories.make_session(stage_one["stage"],
                                    starts_at=stage_one["session"].starts_at + datetime.timedelta(hours=3))
    for member in stage_one["members"][team.pk][:3]:
        factories.mark(stage_one["session"], member, by=stage_one["organizer"])
        factories.mark(second, member, "tidak_hadir", by=stage_one["organizer"])
    approve(stage_one["assignment"], team, stage_one["mentor"])
    assert progress_of(stage_one["program"], team).stages[0].status == Status.BEHIND
    program_progress_rule_update(program=stage_one["program"], stage_session_share=50)
    assert progress_of(stage_one["program"], team).stages[0].status == Status.COMPLETED


def test_an_unsubmitted_assignment_past_its_due_time_is_overdue_unless_the_team_has_an_extension(stage_one):
    late = timezone.now() + datetime.timedelta(days=10)
    first, second = stage_one["teams"]
    progress = {row.team.pk: row for row in program_progress(stage_one["program"], stage_one["teams"],
                                                             now=late)[2]}
    assert [len(progress[team.pk].overdue) for team in stage_one["teams"]] == [1, 1]
    extension_grant(assignment=stage_one["assignment"], team=second, due_at=late + datetime.timedelta(days=2),
                    reason="Banjir di daerah.", granted_by=stage_one["organizer"])
    progress = {row.team.pk: row for row in program_progress(stage_one["program"], stage_one["teams"], now=late)[2]}
    assert (len(progress[first.pk].overdue), len(progress[second.pk].overdue)) == (1, 0)
    assert progress[first.pk].stages[0].status == Status.BEHIND


def test_a_member_sees_the_teams_progress_on_the_team_page(client, stage_one):
    team = stage_one["teams"][0]
    member = stage_one["members"][team.pk][0]
    member.user.language = "en"
    member.user.save()
    client.force_login(member.user)
    page = client.get(reverse("team_detail", args=[stage_one["program"].pk, team.pk])).content.decode()
    assert "0 of 4 stages completed" in page
    assert '<span class="badge bad">Behind</span>' in page and "0 of 1 held" in page


def test_the_team_page_keeps_its_figures_until_a_mark_a_review_or_the_due_time(
        client, stage_one, monkeypatch, django_capture_on_commit_callbacks):
    """The team page's attendance and work are kept in the cache: read again with fewer queries, counted afresh
    once a mark or a review commits, and the assignment turns overdue when its due time passes, with no change."""
    team = stage_one["teams"][0]
    members = stage_one["members"][team.pk]
    client.force_login(members[0].user)
    url = reverse("team_detail", args=[stage_one["program"].pk, team.pk])

    def stage_i():
        stage = client.get(url).context["progress"].stages[0]
        return stage.status, stage.sessions_with_quorum, stage.approved, stage.overdue

    with CaptureQueriesContext(connection) as counted:
        assert stage_i() == (Status.BEHIND, 0, 0, 0)
    with CaptureQueriesContext(connection) as kept:
        assert stage_i() == (Status.BEHIND, 0, 0, 0)
    assert len(kept) < len(counted)
    read_again = " ".join(query["sql"] for query in kept.captured_queries)
    for table in ("training_attendance", "materials_submission", "materials_extension"):
        assert table in " ".join(query["sql"] for query in counted.captured_queries)
        assert table not in read_again, table  # the team's attendance and work come from the cache
    with django_capture_on_commit_callbacks(execute=True):
        for member in members[:3]:
            factories.mark(stage_one["session"], member, by=stage_one["organizer"])
    assert stage_i() == (Status.IN_PROGRESS, 1, 0, 0)
    due_at = stage_one["assignment"].due_at
    monkeypatch.setattr(timezone, "now", lambda: due_at + datetime.timedelta(minutes=1))
    assert stage_i() == (Status.BEHIND, 1, 0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        approve(stage_one["assignment"], team, stage_one["mentor"])
    assert stage_i() == (Status.COMPLETED, 1, 1, 0)


def test_one_teams_progress_read_alone_is_the_same_as_read_with_the_whole_program():
    program = scale_program(SMALL, "Sendiri")
    teams = list(program.teams.select_related("region").order_by("pk"))
    _stages, _assignments, together = program_progress(program, teams)
    for team, expected in zip(teams, together, strict=True):
        alone = team_progress(program, team)
        assert (alone.members, alone.attended, alone.expected, alone.status) == (
            expected.members, expected.attended, expected.expected, expected.status)
        assert [(s.status, s.sessions_held, s.sessions_with_quorum, s.present) for s in alone.stages] == [
            (s.status, s.sessions_held, s.sessions_with_quorum, s.present) for s in expected.stages]
