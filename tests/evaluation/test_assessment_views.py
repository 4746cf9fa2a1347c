import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, Assessment, Evidence, Question, RoundTeam
from tests import factories
from tests.evaluation.assessing import score_all, submit_self_assessment
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def assessed(world):
    make_plan(world.team_a, programs=4, quick_wins=1)
    evaluator = world.users["evaluator"]
    evaluation_round = make_round(world.program, teams=[world.team_a, world.team_b], assessors=[evaluator])
    round_team = RoundTeam.objects.get(round=evaluation_round, team=world.team_a)
    submit_self_assessment(round_team, done=1)
    return round_team


def test_the_queue_lists_only_the_assessors_teams_with_their_state(client, english_world, assessed):
    world = english_world
    other_round = make_round(world.program, teams=[world.team_b], assessors=[factories.make_staff(world.program,
                                                                                                  "evaluator")])
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("evaluation_assessor_queue", args=[world.program.pk])).content.decode()
    assert str(world.team_a.region) in page and "Submitted" in page and "Not started" in page
    assert other_round.title not in page


def test_an_assessor_scores_every_aspect_and_submits(client, english_world, assessed):
    world = english_world
    client.force_login(world.users["evaluator"])
    url = reverse("evaluation_assessment", args=[world.program.pk, assessed.pk])
    page = client.get(url).content.decode()
    assert "Jawaban" in page and "Program 1" in page and "Nothing in place" in page
    aspects = list(assessed.round.scheme.aspects.all())
    first = {f"score_{aspects[0].pk}": "3", f"note_{aspects[0].pk}": "Baik"}
    response = client.post(url, {**first, "submit": "1"}, follow=True)
    assert "Score every aspect before submitting" in response.content.decode()
    assessment = Assessment.objects.get(round_team=assessed)
    assert assessment.submitted_at is None and assessment.scores.get().note == "Baik"
    data = {}
    for aspect in aspects:
        data.update({f"score_{aspect.pk}": "3", f"note_{aspect.pk}": f"Catatan {aspect.name}"})
    response = client.post(url, {**data, "submit": "1"}, follow=True)
    assert "Your assessment is submitted" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.submitted_at is not None and assessment.scores.count() == 5
    client.post(url, {f"score_{aspects[0].pk}": "0", "save": "1"})
    assert assessment.scores.get(aspect=aspects[0]).score == 3


def test_an_assessor_of_another_team_gets_404_and_an_organizer_reopens(client, english_world, assessed):
    world = english_world
    stranger = factories.make_staff(world.program, "evaluator")
    make_round(world.program, teams=[world.team_b], assessors=[stranger])
    client.force_login(stranger)
    assert client.get(reverse("evaluation_assessment", args=[world.program.pk, assessed.pk])).status_code == 404
    assessment = score_all(Assessment.objects.get(round_team=assessed), 2)
    client.force_login(world.users["organizer"])
    client.post(reverse("evaluation_assessment_reopen", args=[world.program.pk, assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.submitted_at is None


def test_the_evidence_downloads_for_the_assessor(client, world, assessed):
    answer = Answer.objects.filter(round_team=assessed).first()
    evidence = Evidence(answer=answer, original_name="bukti.pdf", kind="pdf")
    evidence.file.save("bukti.pdf", factories.upload(factories.pdf_bytes("Bukti")), save=True)
    client.force_login(world.users["evaluator"])
    url = reverse("evaluation_assessment_evidence", args=[world.program.pk, assessed.pk, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    other = RoundTeam.objects.get(round=assessed.round, team=world.team_b)
    assert client.get(reverse("evaluation_assessment_evidence",
                              args=[world.program.pk, other.pk, evidence.pk])).status_code == 404


def test_scheduling_the_interview_makes_a_session_for_the_team(client, english_world, assessed):
    world = english_world
    stage = world.program.stages.last()
    client.force_login(world.users["evaluator"])
    start = datetime.datetime.combine(world.program.end_date + datetime.timedelta(days=200), datetime.time(9))
    response = client.post(reverse("evaluation_assessment_interview", args=[world.program.pk, assessed.pk]),
                           {"stage": stage.pk, "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                            "ends_at": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                            "venue": "Kantor Bupati"})
    assessment = Assessment.objects.get(round_team=assessed)
    assert response.status_code == 302 and assessment.interview is not None
    assert list(assessment.interview.expected_teams.all()) == [world.team_a]
    bad = client.post(reverse("evaluation_assessment_interview", args=[world.program.pk, assessed.pk]),
                      {"stage": stage.pk, "starts_at": "2001-01-01T09:00", "ends_at": "2001-01-01T10:00"})
    assert bad.status_code == 200 and "on or after its stage" in bad.content.decode()


def test_finalise_page_flags_a_disagreement_and_takes_the_organizers_score(client, english_world, assessed):
    world = english_world
    second = factories.make_staff(world.program, "evaluator")
    Assessment.objects.create(round_team=assessed, assessor=second)
    score_all(Assessment.objects.get(round_team=assessed, assessor=world.users["evaluator"]), 4)
    score_all(Assessment.objects.get(round_team=assessed, assessor=second), 4, overrides={"Output": 1})
    client.force_login(world.users["organizer"])
    url = reverse("evaluation_finalise", args=[world.program.pk, assessed.round.pk])
    page = client.get(url).content.decode()
    assert "Output: scores 1, 4 differ too much" in page and "Needs agreement" in page
    response = client.post(url, {"round_team": assessed.pk}, follow=True)
    assert "the assessors must agree" in response.content.decode()
    output = assessed.round.scheme.aspects.get(name="Output")
    key = f"{assessed.pk}_{output.pk}"
    client.post(url, {"round_team": assessed.pk, f"agreed_{key}": "3", f"note_{key}": "Setelah wawancara"})
    assessed.refresh_from_db()
    assert assessed.status == RoundTeam.Status.FINALISED and assessed.index is not None
    assert assessed.final_scores.get(aspect=output).note == "Setelah wawancara"


def test_queue_and_finalise_pages_run_a_fixed_number_of_queries(client, world):
    evaluator = world.users["evaluator"]
    counts = []
    for teams in (3, 12):
        program = factories.make_program()
        factories.make_staff(program, "evaluator", user=evaluator)
        organizer = factories.make_staff(program, "organizer")
        evaluation_round = make_round(program, teams=[factories.make_team(program) for _ in range(teams)],
                                      assessors=[evaluator, factories.make_staff(program, "evaluator")])
        for round_team in RoundTeam.objects.filter(round=evaluation_round):
            submit_self_assessment(round_team)
            score_all(Assessment.objects.filter(round_team=round_team).first(), 2)
        client.force_login(evaluator)
        queue = queries(client, reverse("evaluation_assessor_queue", args=[program.pk]))
        client.force_login(organizer)
        finalise = queries(client, reverse("evaluation_finalise", args=[program.pk, evaluation_round.pk]))
        counts.append((queue, finalise))
    assert counts[0] == counts[1]


def test_the_assessment_page_runs_a_fixed_number_of_queries_whatever_the_questions(client, world, assessed):
    client.force_login(world.users["evaluator"])
    url = reverse("evaluation_assessment", args=[world.program.pk, assessed.pk])
    counts = []
    for extra in (0, 15):  # the default scheme's 7 questions → 22 (5 vs 20 and more)
        aspect = assessed.round.scheme.aspects.get(name__in=["Output", "Keluaran"])
        questions = Question.objects.bulk_create(Question(aspect=aspect, text=f"Tambahan {extra}-{n}", order=10 + n)
                                                 for n in range(extra))
        for question in questions:
            answer = Answer.objects.create(round_team=assessed, question=question, text="x", self_score=1)
            evidence = Evidence(answer=answer, original_name="b.pdf", kind="pdf", uploaded_at=timezone.now())
            evidence.file.save("b.pdf", factories.upload(factories.pdf_bytes("B")), save=True)
        counts.append(queries(client, url))
    assert counts[0] == counts[1]


def test_bad_input_is_refused_with_a_message_and_nothing_changes(client, english_world, assessed):
    world = english_world
    client.force_login(world.users["evaluator"])
    url = reverse("evaluation_assessment", args=[world.program.pk, assessed.pk])
    aspect = assessed.round.scheme.aspects.first()
    for value in ("abc", "99", "-1", "3" * 40):
        response = client.post(url, {f"score_{aspect.pk}": value, "save": "1"})
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.get(round_team=assessed).scores.exists()

    second = factories.make_staff(world.program, "evaluator")
    Assessment.objects.create(round_team=assessed, assessor=second)
    score_all(Assessment.objects.get(round_team=assessed, assessor=world.users["evaluator"]), 4)
    score_all(Assessment.objects.get(round_team=assessed, assessor=second), 0)
    client.force_login(world.users["organizer"])
    finalise = reverse("evaluation_finalise", args=[world.program.pk, assessed.round.pk])
    key = f"{assessed.pk}_{aspect.pk}"
    for value in ("abc", "9", "1" * 30):
        response = client.post(finalise, {f"agreed_{key}": value, f"note_{key}": "x"}, follow=True)
        assert response.status_code == 200
    response = client.post(finalise, {f"agreed_{key}": "9", f"note_{key}": "x"}, follow=True)
    assert "the agreed score lies between 0 and 4" in response.content.decode()
    assessed.refresh_from_db()
    assert assessed.status == RoundTeam.Status.SUBMITTED and not assessed.final_scores.exists()
