"""The register pages through HTTP: what each person sees and may do, the forms, the review, versions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import MasterPlan, PlanProgram
from tests import factories
from tests.evaluation.factories import make_plan
from tests.html_validity import html_errors

pytestmark = pytest.mark.django_db
S = MasterPlan.Status


@pytest.fixture
def team(db):
    program = factories.make_program()
    team = factories.make_team(program)
    team.member = factories.make_participant(team).user
    team.mentor = factories.make_mentor(program, team)
    for user in (team.member, team.mentor):
        user.language = "en"
        user.save()
    return team


def url(name, team, **kwargs):
    return reverse(name, kwargs={"program": team.program_id, "team": team.pk, **kwargs})


def program_data(team, **changes):
    return {"dimension": team.program.dimensions.first().pk, "title": "Ruang kendali kota", "description": "",
            "responsible_agency": "Diskominfo", "start_year": "2027", "end_year": "2029", "indicator": "Layanan",
            "unit": "layanan", "baseline_value": "0", "target_value": "12", "budget": "2500000000",
            "budget_source": "APBD", "risks": "SDM", **changes}


def test_the_register_page_groups_programs_by_dimension_with_totals(client, team):
    plan = make_plan(team, status=S.DRAFT, programs=3, quick_wins=1, first_year=2027)
    client.force_login(team.member)
    page = client.get(url("register_detail", team)).content.decode()
    dimensions = list(team.program.dimensions.all())
    assert f'id="dimension-{dimensions[0].pk}"' in page and f'id="dimension-{dimensions[2].pk}"' in page
    assert "<dd>3</dd>" in page and "<dd>1</dd>" in page  # programs, quick wins
    assert "Program 1" in page and "quick win" in page and "2027–2029" in page
    assert url("register_program_update", team, item=plan.programs.first().pk) in page
    assert "Send for review" in page and "Import from a spreadsheet" in page
    assert html_errors(page) == []


def test_the_page_runs_the_same_queries_for_3_and_12_programs(client, team):
    client.force_login(team.member)
    small = make_plan(team, status=S.DRAFT, programs=3, first_year=2027)
    client.get(url("register_detail", team))
    with CaptureQueriesContext(connection) as three:
        assert client.get(url("register_detail", team)).status_code == 200
    small.delete()
    make_plan(team, status=S.DRAFT, programs=12, first_year=2027, number=1)
    with CaptureQueriesContext(connection) as twelve:
        page = client.get(url("register_detail", team)).content.decode()
    assert "Program 12" in page
    assert len(twelve) == len(three), [query["sql"] for query in twelve]


def test_start_the_register_then_add_edit_and_delete_a_program(client, team):
    client.force_login(team.member)
    page = client.get(url("register_detail", team)).content.decode()
    assert "Start the register" in page
    client.post(url("register_start", team), {"first_year": "2027"})
    plan = MasterPlan.objects.get(team=team)
    assert (plan.number, plan.first_year) == (1, 2027)
    response = client.post(url("register_program_create", team), program_data(team))
    assert response.url == url("register_detail", team)
    item = plan.programs.get()
    assert (item.title, item.start_year, item.end_year, item.budget) == ("Ruang kendali kota", 2027, 2029,
                                                                          2_500_000_000)
    client.post(url("register_program_update", team, item=item.pk), program_data(team, title="Ruang kendali"))
    item.refresh_from_db()
    assert item.title == "Ruang kendali"
    client.post(url("register_program_delete", team, item=item.pk))
    assert not plan.programs.exists()


def test_a_quick_win_after_the_first_year_is_shown_on_the_form_and_nothing_is_saved(client, team):
    make_plan(team, status=S.DRAFT, programs=0, first_year=2027)
    client.force_login(team.member)
    response = client.post(url("register_program_create", team), program_data(team, quick_win="on"))
    assert response.status_code == 200
    assert "A quick win is done in the plan&#x27;s first year, 2027." in response.content.decode()
    response = client.post(url("register_program_create", team), program_data(team, end_year="2035"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not PlanProgram.objects.exists()


def test_another_teams_program_answers_404_under_this_team(client, team):
    make_plan(team, status=S.DRAFT, programs=1, first_year=2027)
    other = make_plan(factories.make_team(team.program), status=S.DRAFT, programs=1, first_year=2027)
    client.force_login(team.member)
    item = other.programs.get()
    assert client.get(url("register_program_update", team, item=item.pk)).status_code == 404
    assert client.post(url("register_program_delete", team, item=item.pk)).status_code == 404
    assert PlanProgram.objects.filter(pk=item.pk).exists()
    assert client.get(url("register_detail", other.team)).status_code == 404


def test_submit_review_approve_and_start_a_new_version(client, team):
    plan = make_plan(team, status=S.DRAFT, programs=2, first_year=2027)
    client.force_login(team.member)
    client.post(url("register_submit", team))
    page = client.get(url("register_detail", team)).content.decode()
    assert "Sent for review" in page and "Add a program" not in page
    assert client.get(url("register_program_create", team)).url == url("register_detail", team)
    client.force_login(team.mentor)
    page = client.get(url("register_detail", team)).content.decode()
    assert "Save the review" in page and "Send for review" not in page
    assert html_errors(page) == []
    client.post(url("register_review", team, number=1), {"decision": "changes", "text": "Lengkapi risiko."})
    plan.refresh_from_db()
    assert plan.status == S.CHANGES_REQUESTED
    client.force_login(team.member)
    assert "Lengkapi risiko." in client.get(url("register_detail", team)).content.decode()
    client.post(url("register_submit", team))
    client.force_login(team.mentor)
    client.post(url("register_review", team, number=1), {"decision": "approved", "text": ""})
    client.force_login(team.member)
    page = client.get(url("register_detail", team)).content.decode()
    assert "the baseline the evaluation measures against" in page and "Start a new version" in page
    client.post(url("register_new_version", team))
    page = client.get(url("register_detail", team)).content.decode()
    assert "version 2, 2027–2031" in page and url("register_version", team, number=1) in page
    page = client.get(url("register_version", team, number=1)).content.decode()
    assert "This is an earlier version. The newest is version 2." in page and "Add a program" not in page
    assert client.get(url("register_version", team, number=3)).status_code == 404


def test_a_mentor_cannot_approve_a_draft_and_sees_why(client, team):
    plan = make_plan(team, status=S.DRAFT, programs=1, first_year=2027)
    client.force_login(team.mentor)
    response = client.post(url("register_review", team, number=1), {"decision": "approved"}, follow=True)
    assert "Only a version waiting for review can be approved or sent back." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == S.DRAFT


def test_an_evaluator_reads_the_register_without_buttons(client, team):
    # In English, like the team: the buttons' absence must not come from the page being in Indonesian.
    evaluator = factories.in_english(factories.make_staff(team.program, "evaluator"))
    plan = make_plan(team, status=S.DRAFT, programs=2, first_year=2027)
    client.force_login(team.member)
    assert "Add a program" in client.get(url("register_detail", team)).content.decode()
    client.force_login(evaluator)
    assert "Add a program" not in client.get(url("register_detail", team)).content.decode()
    plan.status = S.APPROVED
    plan.save(update_fields=["status"])
    client.force_login(team.member)
    assert "Start a new version" in client.get(url("register_detail", team)).content.decode()
    client.force_login(evaluator)
    page = client.get(url("register_detail", team)).content.decode()
    assert "Program 2" in page
    assert "Start a new version" not in page and "Save the review" not in page and "Add a program" not in page


def test_the_team_page_links_to_the_register(client, team):
    client.force_login(team.member)
    page = client.get(reverse("team_detail", args=[team.program_id, team.pk])).content.decode()
    assert url("register_detail", team) in page


def test_the_settings_attach_a_final_draft_of_the_last_stage(client, team):
    plan = make_plan(team, status=S.DRAFT, programs=0, first_year=2027)
    last = team.program.stages.order_by("-ordinal").first()
    version = factories.make_version(factories.make_assignment(team.program, stage=last, title="Dokumen Masterplan"),
                                     team, by=team.member)
    client.force_login(team.member)
    page = client.get(url("register_settings", team)).content.decode()
    assert "Dokumen Masterplan, version 1" in page
    client.post(url("register_settings", team), {"first_year": "2027", "draft_version": str(version.pk)})
    plan.refresh_from_db()
    assert plan.draft_version == version
    assert "Belongs to the final draft “Dokumen Masterplan”, version 1." in client.get(
        url("register_detail", team)).content.decode()
