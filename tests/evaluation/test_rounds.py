"""Rounds: an organizer prepares one (teams, period, scheme, assessors), opens it, which e-mails the teams, and
changes the assessors until it is finalised; teams and assessors find their rounds."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Assessment, EvaluationRound, MasterPlan, RoundTeam
from evaluation.services.rounds import round_create, round_team_set_assessors
from evaluation.services.scheme import scheme_create_default
from tests import factories
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_setup():
    program = factories.make_program()
    teams = [factories.make_team(program) for _ in range(3)]
    evaluators = [factories.make_staff(program, "evaluator") for _ in range(2)]
    organizer = factories.in_english(factories.make_staff(program, "organizer"))
    return {"program": program, "teams": teams, "evaluators": evaluators, "organizer": organizer,
            "scheme": scheme_create_default(program=program)}


def create(setup, **overrides):
    today = timezone.localdate()
    fields = {"program": setup["program"], "scheme": setup["scheme"], "title": "Evaluasi 2027",
              "period_start": datetime.date(2027, 1, 1), "period_end": datetime.date(2027, 12, 31),
              "opens_on": today, "closes_on": today + datetime.timedelta(days=30), "teams": setup["teams"],
              "assessors_by_team": {setup["teams"][0].pk: setup["evaluators"]}, "actor": setup["organizer"],
              **overrides}
    return round_create(**fields)


def test_each_team_is_measured_against_its_newest_approved_register(program_setup):
    first, second, third = program_setup["teams"]
    make_plan(first, number=1)
    newest = make_plan(first, number=2)
    make_plan(first, number=3, status=MasterPlan.Status.DRAFT)
    make_plan(second, status=MasterPlan.Status.SUBMITTED)
    evaluation_round = create(program_setup)
    plans = {rt.team_id: rt.plan_id for rt in evaluation_round.round_teams.all()}
    assert plans == {first.pk: newest.pk, second.pk: None, third.pk: None}
    assert evaluation_round.status == EvaluationRound.Status.DRAFT
    assert set(Assessment.objects.filter(round_team__team=first).values_list("assessor", flat=True)) == {
        e.pk for e in program_setup["evaluators"]}


def test_a_round_refuses_an_unready_scheme_a_foreign_team_and_a_non_evaluator_assessor(program_setup):
    program_setup["scheme"].aspects.filter(order=1).update(weight=5)
    with pytest.raises(ValidationError) as refused:
        create(program_setup)
    assert "scheme" in refused.value.message_dict
    program_setup["scheme"] = scheme_create_default(program=program_setup["program"], name="Skema lain")
    foreign = factories.make_team(factories.make_program())
    with pytest.raises(ValidationError):
        create(program_setup, teams=[foreign])
    mentor = factories.make_staff(program_setup["program"], "mentor")
    with pytest.raises(ValidationError):
        create(program_setup, assessors_by_team={program_setup["teams"][0].pk: [mentor]})
    with pytest.raises(ValidationError):
        create(program_setup, closes_on=timezone.localdate() - datetime.timedelta(days=1))
    assert not EvaluationRound.objects.exists()


def test_the_organizer_prepares_a_round_with_every_team_chosen_at_first(program_setup, client):
    client.force_login(program_setup["organizer"])
    url = reverse("evaluation_round_create", kwargs={"program": program_setup["program"].pk})
    page = client.get(url).content.decode()
    assert page.count('name="teams"') == 3 and page.count("checked") >= 3
    evaluator = program_setup["evaluators"][0]
    response = client.post(url, {
        "title": "Evaluasi 2027", "period_start": "2027-01-01", "period_end": "2027-12-31",
        "opens_on": "2028-01-05", "closes_on": "2028-02-05", "scheme": program_setup["scheme"].pk,
        "teams": [t.pk for t in program_setup["teams"]], f"teams_for_{evaluator.pk}": [program_setup["teams"][1].pk]})
    evaluation_round = EvaluationRound.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/rounds/{evaluation_round.pk}/")
    assert list(Assessment.objects.values_list("round_team__team", "assessor")) == [
        (program_setup["teams"][1].pk, evaluator.pk)]


def test_opening_a_round_e_mails_every_member_of_its_teams_once(program_setup, client,
                                                                django_capture_on_commit_callbacks):
    first, second, third = program_setup["teams"]
    members = [factories.make_participant(team).user for team in (first, first, second)]
    factories.make_participant(third)
    evaluation_round = create(program_setup, teams=[first, second])
    client.force_login(program_setup["organizer"])
    url = reverse("evaluation_round_open", kwargs={"program": program_setup["program"].pk,
                                                   "round": evaluation_round.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert EvaluationRound.objects.get().status == EvaluationRound.Status.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == sorted(user.email for user in members)
    assert "Evaluasi 2027" in mail.outbox[0].subject and "/rounds/" in mail.outbox[0].body
    response = client.post(url, follow=True)
    assert "already open" in response.content.decode()
    assert len(mail.outbox) == 3


def test_assessors_change_until_finalised_and_one_who_submitted_stays(program_setup, client):
    evaluation_round = create(program_setup)
    round_team = evaluation_round.round_teams.get(team=program_setup["teams"][0])
    first, second = program_setup["evaluators"]
    Assessment.objects.filter(round_team=round_team, assessor=first).update(submitted_at=timezone.now())
    with pytest.raises(ValidationError):
        round_team_set_assessors(round_team=round_team, assessors=[second])
    client.force_login(program_setup["organizer"])
    url = reverse("evaluation_round_assessors", kwargs={"program": program_setup["program"].pk,
                                                        "round": evaluation_round.pk})
    other = evaluation_round.round_teams.get(team=program_setup["teams"][2])
    client.post(url, {f"teams_for_{first.pk}": [round_team.pk], f"teams_for_{second.pk}": [other.pk]})
    assert set(Assessment.objects.values_list("round_team", "assessor")) == {(round_team.pk, first.pk),
                                                                           (other.pk, second.pk)}
    EvaluationRound.objects.filter(pk=evaluation_round.pk).update(status=EvaluationRound.Status.FINALISED)
    with pytest.raises(ValidationError, match="finalised"):
        round_team_set_assessors(round_team=other, assessors=[])


def test_a_team_sees_its_open_rounds_with_their_status_not_those_being_prepared(program_setup, client):
    team = program_setup["teams"][0]
    member = factories.make_participant(team).user
    open_round = make_round(program_setup["program"], teams=[team], title="Evaluasi terbuka")
    make_round(program_setup["program"], teams=[team], title="Evaluasi disiapkan",
               status=EvaluationRound.Status.DRAFT)
    client.force_login(member)
    page = client.get(reverse("evaluation_round_list", kwargs={"program": program_setup["program"].pk})
                      ).content.decode()
    assert "Evaluasi terbuka" in page and "Evaluasi disiapkan" not in page
    assert reverse("evaluation_self_assessment", kwargs={"program": program_setup["program"].pk,
                                                         "round": open_round.pk, "team": team.pk}) in page


@pytest.mark.parametrize("team_count", [3, 12])
def test_the_round_page_runs_the_same_queries_for_3_or_12_teams(client, django_assert_num_queries, team_count):
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    evaluators = [factories.make_staff(program, "evaluator") for _ in range(2)]
    teams = [factories.make_team(program) for _ in range(team_count)]
    for team in teams:
        make_plan(team, programs=1)
    evaluation_round = make_round(program, teams=teams, assessors=evaluators)
    RoundTeam.objects.filter(pk=evaluation_round.round_teams.first().pk).update(status=RoundTeam.Status.SUBMITTED)
    client.force_login(organizer)
    urls = [reverse(name, kwargs={"program": program.pk, "round": evaluation_round.pk})
            for name in ("evaluation_round_detail", "evaluation_round_assessors")]
    urls.append(reverse("evaluation_round_list", kwargs={"program": program.pk}))
    for url, queries in zip(urls, QUERIES, strict=True):
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


QUERIES = (10, 9, 7)  # the round page, the assessors' form, the list of rounds


def test_the_team_members_home_page_links_its_rounds_with_their_status(program_setup, client, english):
    team = program_setup["teams"][0]
    member = factories.in_english(factories.make_participant(team).user)
    evaluation_round = make_round(program_setup["program"], teams=[team], title="Evaluasi 2027")
    RoundTeam.objects.filter(round=evaluation_round).update(status=RoundTeam.Status.FINALISED, index=71.5)
    client.force_login(member)
    page = client.get("/").content.decode()
    assert "Evaluasi 2027" in page and "Achievement index 71.50" in page
    assert reverse("evaluation_self_assessment", kwargs={"program": program_setup["program"].pk,
                                                         "round": evaluation_round.pk, "team": team.pk}) in page


def test_a_scheme_that_is_not_ready_is_refused_on_the_form_with_its_problems(program_setup, client):
    program_setup["scheme"].aspects.filter(order=1).update(weight=5)
    client.force_login(program_setup["organizer"])
    url = reverse("evaluation_round_create", kwargs={"program": program_setup["program"].pk})
    response = client.post(url, {
        "title": "Evaluasi 2027", "period_start": "2027-01-01", "period_end": "2027-12-31",
        "opens_on": "2028-01-05", "closes_on": "2028-02-05", "scheme": program_setup["scheme"].pk,
        "teams": [t.pk for t in program_setup["teams"]]})
    assert response.status_code == 200 and "add up to 95 %" in response.content.decode()
    assert not EvaluationRound.objects.exists()


def test_the_organizer_follows_each_round_by_its_teams_statuses_page_by_page(program_setup, client):
    teams = program_setup["teams"] + [factories.make_team(program_setup["program"]) for _ in range(24)]
    evaluation_round = make_round(program_setup["program"], teams=teams, title="Evaluasi 2027")
    RoundTeam.objects.filter(pk__in=list(evaluation_round.round_teams.values_list("pk", flat=True)[:2])).update(
        status=RoundTeam.Status.SUBMITTED)
    client.force_login(program_setup["organizer"])
    listing = client.get(reverse("evaluation_round_list", kwargs={"program": program_setup["program"].pk}))
    assert "2 submitted · 0 sent back · 0 finalised" in listing.content.decode()
    url = reverse("evaluation_round_detail", kwargs={"program": program_setup["program"].pk,
                                                     "round": evaluation_round.pk})
    first, second = client.get(url), client.get(url + "?page=2")
    assert len(first.context["round_teams"]) == 25 and len(second.context["round_teams"]) == 2
    assert ("submitted", RoundTeam.Status.SUBMITTED.label, 2) in first.context["counts"]
