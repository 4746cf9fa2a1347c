"""Which teams a person may see: one answer, the same as the view_team rule."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participants import roles
from participants.services import program_role_grant
from tests.world import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_visible_teams_are_exactly_the_teams_the_rule_lets_the_person_see(world, role):
    user = world.users[role] or AnonymousUser()
    visible = roles.visible_team_ids(user, world.program.pk)
    teams = [world.team_a, world.team_b]
    allowed = [team for team in teams if user.has_perm("participants.view_team", team)]
    assert [team for team in teams if visible is None or team.pk in visible] == allowed


def test_organizers_and_evaluators_see_every_team_and_others_their_own(world):
    seen = {role: roles.visible_team_ids(world.users[role], world.program.pk)
            for role in ("organizer", "evaluator", "mentor", "participant", "outsider")}
    assert seen == {"organizer": None, "evaluator": None, "mentor": {world.team_a.pk},
                    "participant": {world.team_a.pk}, "outsider": set()}


def test_a_persons_roles_in_every_program_are_read_once_a_request(world, django_assert_num_queries):
    user = world.users["participant"]
    with django_assert_num_queries(2):  # the staff roles, the teams
        for _ in range(2):
            roles.program_roles(user, world.program.pk)
            roles.member_team_ids(user, world.program.pk)
            roles.staff_roles(user)
    assert roles.program_roles(user, world.program.pk) == {roles.PARTICIPANT}


def test_a_role_granted_in_the_request_is_seen_after_it(world):
    user = world.users["participant"]
    assert roles.program_roles(user, world.program.pk) == {roles.PARTICIPANT}
    program_role_grant(program=world.program, user=user, role=roles.EVALUATOR)
    assert roles.program_roles(user, world.program.pk) == {roles.PARTICIPANT, roles.EVALUATOR}
    assert [row[:2] for row in roles.staff_roles(user)] == [(world.program.pk, roles.EVALUATOR)]
