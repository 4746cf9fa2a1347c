import datetime
import random

import pytest
from django.urls import reverse

from evaluation.demo import demo_evaluation
from evaluation.models import EvaluationRound, RoundTeam
from evaluation.selectors.assessment import agreement_flags, scheme_aspects, team_assessments
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_round_with_indices_and_one_in_progress_with_a_flag(client):
    program = factories.make_program()
    for _ in range(4):
        factories.make_team(program)
    evaluator = factories.make_staff(program, "evaluator")
    demo_evaluation(rng=random.Random(1), program=program, evaluator=evaluator,
                    today=datetime.date(program.year + 1, 11, 20), second_email="penilai2@x.example")
    finished, current = EvaluationRound.objects.filter(program=program).order_by("period_end")
    assert finished.status == EvaluationRound.Status.FINALISED
    assert all(rt.index is not None and rt.programs_done_share is not None for rt in finished.round_teams.all())
    statuses = [rt.status for rt in current.round_teams.order_by("pk")]
    assert statuses == ["submitted", "submitted", "submitted", "draft"] and current.status == "open"
    flagged = current.round_teams.order_by("pk")[1]
    assert [flag.aspect_name for flag in agreement_flags(team_assessments(flagged), scheme_aspects(current.scheme),
                                                          current.scheme.agreement_gap)] != []
    client.force_login(evaluator)
    page = client.get(reverse("evaluation_assessor_queue", args=[program.pk])).content.decode()
    assert all(str(rt.team.region) in page for rt in RoundTeam.objects.filter(round=current))
