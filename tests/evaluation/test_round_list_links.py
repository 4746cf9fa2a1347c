"""The Evaluation page leads each role on: the team to its scores once final, an assessor to the teams they
score and their queue, evaluators and organizers to each round's results."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import RoundTeam
from tests import factories
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


def links(client, user, program):
    client.force_login(user)
    response = client.get(reverse("evaluation_round_list", args=[program.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_role_is_led_to_its_next_page(client):
    program = factories.make_program()
    team = factories.make_team(program)
    make_plan(team)
    member = factories.make_participant(team).user
    assessor = factories.make_staff(program, "evaluator")
    reader = factories.make_staff(program, "evaluator")
    organizer = factories.make_staff(program, "organizer")
    evaluation_round = make_round(program, teams=[team], assessors=[assessor])
    round_team = RoundTeam.objects.get(round=evaluation_round)
    scores = reverse("evaluation_scores", args=[program.pk, round_team.pk])
    results = reverse("evaluation_results", args=[program.pk, evaluation_round.pk])

    assert scores not in links(client, member, program)  # not final yet
    assessor_page = links(client, assessor, program)
    assert reverse("evaluation_assessment", args=[program.pk, round_team.pk]) in assessor_page
    assert reverse("evaluation_assessor_queue", args=[program.pk]) in assessor_page
    assert results in links(client, reader, program)
    organizer_page = links(client, organizer, program)
    assert results in organizer_page and reverse("evaluation_finalise", args=[program.pk, evaluation_round.pk]) \
        in organizer_page

    RoundTeam.objects.filter(pk=round_team.pk).update(status=RoundTeam.Status.FINALISED, index=Decimal("71.25"))
    member_page = links(client, member, program)
    assert scores in member_page and ("71,25" in member_page or "71.25" in member_page)
    assert client.get(scores).status_code == 200
