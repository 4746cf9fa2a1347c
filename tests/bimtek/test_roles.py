"""Which teams a person may see: one answer, the same as the view_team rule."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participants import roles
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
