"""A team's standing on an assignment: its due time (with an extension), overdue, late. Defined once, in
materials.selectors.Standing, and shown on the assignment pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from materials import services
from materials.selectors import standing_statuses, standings, team_standing
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def past_due():
    """An assignment due an hour ago; team A sent nothing, team B has an extension, team C uploaded a draft."""
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    teams = [factories.make_team(program, region=factories.make_region(name=name)) for name in "ABC"]
    for team in teams:
        factories.make_participant(team)
    assignment = factories.make_assignment(program, due_in=-HOUR, created_by=organizer)
    services.extension_grant(assignment=assignment, team=teams[1], due_at=timezone.now() + 2 * HOUR,
                             reason="Banjir", granted_by=organizer)
    factories.make_version(assignment, teams[2])
    return program, organizer, assignment, teams


def test_the_due_time_is_the_extensions_when_one_was_granted(past_due):
    _program, _organizer, assignment, (plain, extended, _sent) = past_due
    assert (team_standing(assignment, plain).due_at, team_standing(assignment, plain).extended) == (
        assignment.due_at, False)
    assert team_standing(assignment, extended).extended
    assert team_standing(assignment, extended).due_at > timezone.now()


def test_overdue_means_nothing_sent_and_the_teams_due_time_passed(past_due):
    _program, _organizer, assignment, (plain, extended, sent) = past_due
    assert [team_standing(assignment, team).overdue for team in (plain, extended, sent)] == [True, False, False]
    # Once the extension runs out too, the extended team is overdue.
    later = timezone.now() + 3 * HOUR
    assert team_standing(assignment, extended, now=later).overdue


def test_an_upload_is_late_after_the_teams_due_time(past_due):
    _program, _organizer, assignment, (plain, extended, sent) = past_due
    now = timezone.now()
    assert team_standing(assignment, plain).is_late(now)
    assert not team_standing(assignment, extended).is_late(now)
    assert factories.make_version(assignment, plain).is_late
    assert not factories.make_version(assignment, extended).is_late
    assert sent.submissions.get().versions.get().is_late


def test_standings_of_a_whole_program_take_two_queries(past_due, django_assert_num_queries):
    program, _organizer, assignment, teams = past_due
    other = factories.make_assignment(program, created_by=_organizer)
    with django_assert_num_queries(2):
        grid = standings([assignment, other], teams)
    assert len(grid) == 6 and [grid[(team.pk, other.pk)].overdue for team in teams] == [False] * 3


def badges(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return (page.count('<span class="badge bad">lewat tenggat</span>'),
            page.count('<span class="badge info">diperpanjang</span>'))


def test_the_assignment_page_marks_the_team_that_is_overdue(client, past_due):
    program, organizer, assignment, _teams = past_due
    url = reverse("assignment_detail", kwargs={"program": program.pk, "assignment": assignment.pk})
    assert badges(client, organizer, url) == (1, 1)


def test_a_participant_sees_their_assignment_overdue_until_an_extension(client, past_due):
    program, organizer, assignment, (plain, extended, _sent) = past_due
    url = reverse("assignment_list", kwargs={"program": program.pk})
    assert badges(client, plain.participants.get().user, url) == (1, 0)
    assert badges(client, extended.participants.get().user, url) == (0, 1)


def test_the_plain_statuses_every_team_summary_reads_say_what_the_standings_say(past_due):
    _program, _organizer, assignment, teams = past_due
    now = timezone.now()
    full = standings([assignment], teams, now=now)
    plain = standing_statuses([assignment], teams, now=now)
    assert plain == {key: (cell.status, cell.overdue) for key, cell in full.items()}
    assert [plain[(team.pk, assignment.pk)][1] for team in teams] == [True, False, False]  # only A is overdue
