"""The home and team pages do the same work in a program four times larger."""

import pytest
from django.urls import reverse

from participants.models import MentorAssignment, Participant, ProgramRole, Team
from tests.page_work import WIDE_LARGE, WIDE_SMALL, assert_bounded, getter, two_sizes

pytestmark = pytest.mark.django_db


def first_team(program):
    return Team.objects.filter(program=program).order_by("pk").first()


def leader_of(team):
    return Participant.objects.get(team=team, team_role=Participant.TeamRole.LEADER).user


def mentor_of(team):
    return MentorAssignment.objects.filter(team=team).select_related("mentor").get().mentor


@pytest.mark.parametrize("person", [leader_of, mentor_of], ids=["participant", "mentor"])
def test_home_page_does_the_same_work_in_a_larger_program(monkeypatch, person):
    small, large = two_sizes(lambda program: getter(person(first_team(program)), reverse("home")))
    assert_bounded(small, large)


@pytest.mark.parametrize("person", [leader_of, mentor_of], ids=["participant", "mentor"])
def test_team_page_does_the_same_work_in_a_larger_program(monkeypatch, person):
    def team_page(program):
        team = first_team(program)
        return getter(person(team), reverse("team_detail", args=[program.pk, team.pk]))

    small, large = two_sizes(team_page)
    assert_bounded(small, large)


def test_evaluator_home_page_does_the_same_work_in_a_larger_program(monkeypatch):
    def home(program):
        evaluator = ProgramRole.objects.filter(program=program, role="evaluator").select_related("user").first().user
        return getter(evaluator, reverse("home"))

    small, large = two_sizes(home, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)
