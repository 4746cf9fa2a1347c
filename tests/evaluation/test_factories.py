import pytest

from evaluation.models import RoundTeam
from tests import factories
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


def test_a_round_measures_each_team_against_its_approved_register():
    program = factories.make_program()
    team, other = factories.make_team(program), factories.make_team(program)
    plan = make_plan(team, programs=4, quick_wins=2)
    assessor = factories.make_staff(program, "evaluator")
    evaluation_round = make_round(program, teams=[team, other], assessors=[assessor])
    entries = {entry.team_id: entry for entry in RoundTeam.objects.filter(round=evaluation_round)}
    assert entries[team.pk].plan == plan and entries[other.pk].plan is None
    assert plan.programs.filter(quick_win=True).count() == 2
    assert list(entries[team.pk].assessors.all()) == [assessor]
