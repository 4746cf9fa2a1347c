"""The register's services: what a program may hold, versions that keep the approved one, the review."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from evaluation.models import MasterPlan, PlanProgram, PlanReview
from evaluation.services import register as services
from tests import factories
from tests.evaluation.factories import make_plan

pytestmark = pytest.mark.django_db
S = MasterPlan.Status


@pytest.fixture
def team(db):
    program = factories.make_program()
    team = factories.make_team(program)
    team.member = factories.make_participant(team).user
    team.mentor = factories.make_mentor(program, team)
    return team


def values(team, **changes):
    return {"dimension": team.program.dimensions.first(), "title": "Layanan perizinan daring",
            "description": "", "responsible_agency": "DPMPTSP", "start_year": 2027, "end_year": 2029,
            "indicator": "Izin daring", "unit": "jenis", "baseline_value": Decimal(5), "target_value": Decimal(40),
            "budget": Decimal(750_000_000), "budget_source": "APBD", "risks": "", "quick_win": False, **changes}


def draft(team, **kwargs):
    return make_plan(team, status=S.DRAFT, programs=0, first_year=2027, **kwargs)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"start_year": 2026}, "start_year", "The year must lie within the plan's five years, 2027 to 2031."),
    ({"end_year": 2032}, "end_year", "The year must lie within the plan's five years, 2027 to 2031."),
    ({"start_year": 2029, "end_year": 2028}, "end_year", "The last year cannot come before the first year."),
    ({"quick_win": True}, "quick_win", "A quick win is done in the plan's first year, 2027."),
    ({"quick_win": True, "start_year": 2028, "end_year": 2028}, "quick_win",
     "A quick win is done in the plan's first year, 2027."),
    ({"title": " "}, "title", "This field is required."),
    ({"budget": Decimal(-1)}, "budget", "The budget cannot be negative."),
])
def test_a_program_that_does_not_fit_the_plan_is_refused_on_its_field(team, english, changes, field, message):
    plan = draft(team)
    problems = refusal(lambda: services.plan_program_save(plan=plan, values=values(team, **changes),
                                                          actor=team.member))
    assert problems == {field: [message]}
    assert not PlanProgram.objects.exists()


def test_a_quick_win_in_the_first_year_and_a_dimension_of_another_program(team, english):
    plan = draft(team)
    item = services.plan_program_save(plan=plan, values=values(team, quick_win=True, end_year=2027),
                                      actor=team.member)
    assert (item.quick_win, item.start_year, item.end_year, item.order) == (True, 2027, 2027, 1)
    other = factories.make_program().dimensions.first()
    assert refusal(lambda: services.plan_program_save(plan=plan, values=values(team, dimension=other),
                                                      actor=team.member)) == {
        "dimension": ["Choose one of the program's dimensions."]}


def test_an_evaluator_or_another_team_cannot_write_the_register(team, english):
    plan = draft(team)
    evaluator = factories.make_staff(team.program, "evaluator")
    stranger = factories.make_participant(factories.make_team(team.program)).user
    for person in (evaluator, stranger, team.mentor):
        assert refusal(lambda person=person: services.plan_program_save(plan=plan, values=values(team),
                                                                        actor=person)) == {
            "__all__": ["Only members of the team and the program's organizers change its register."]}
    assert not PlanProgram.objects.exists()


def test_start_once_then_edit_submit_and_review(team, english, django_capture_on_commit_callbacks):
    plan = services.plan_start(team=team, first_year=2027, actor=team.member)
    assert (plan.number, plan.status, plan.last_year) == (1, S.DRAFT, 2031)
    assert refusal(lambda: services.plan_start(team=team, first_year=2028, actor=team.member)) == {
        "__all__": ["This team has a register already."]}
    assert refusal(lambda: services.plan_submit(plan=plan, actor=team.member)) == {
        "__all__": ["Add at least one program before sending the register for review."]}
    services.plan_program_save(plan=plan, values=values(team), actor=team.member)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(plan=plan, actor=team.member)
    plan.refresh_from_db()
    assert plan.status == S.SUBMITTED and plan.submitted_at is not None
    assert [message.to for message in mail.outbox] == [[team.mentor.email]]
    # Waiting for review: frozen for the team.
    assert refusal(lambda: services.plan_program_save(plan=plan, values=values(team), actor=team.member)) == {
        "__all__": ["This version waits for review and cannot be changed now."]}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_review(plan=plan, reviewer=team.mentor, decision=PlanReview.Decision.CHANGES,
                             text="Tambahkan indikator dampak.")
    plan.refresh_from_db()
    assert plan.status == S.CHANGES_REQUESTED and plan.is_editable
    assert [message.to for message in mail.outbox] == [[team.member.email]]
    assert "Tambahkan indikator dampak." in mail.outbox[0].body
    services.plan_submit(plan=plan, actor=team.member)
    services.plan_review(plan=plan, reviewer=team.mentor, decision=PlanReview.Decision.APPROVED, text="")
    plan.refresh_from_db()
    assert plan.status == S.APPROVED and plan.approved_by == team.mentor and plan.approved_at is not None
    assert refusal(lambda: services.plan_program_delete(item=plan.programs.get(), actor=team.member)) == {
        "__all__": ["This version is approved and cannot be changed. Start a new version to change the register; "
                    "the approved one stays as it is."]}


def test_review_rules(team, english):
    plan = draft(team)
    services.plan_program_save(plan=plan, values=values(team), actor=team.member)
    assert refusal(lambda: services.plan_review(plan=plan, reviewer=team.mentor, decision="approved",
                                                text="")) == {
        "__all__": ["Only a version waiting for review can be approved or sent back."]}
    assert refusal(lambda: services.plan_review(plan=plan, reviewer=team.mentor, decision="comment",
                                                text=" ")) == {"text": ["Write what the team should know."]}
    other_mentor = factories.make_mentor(team.program, factories.make_team(team.program))
    assert refusal(lambda: services.plan_review(plan=plan, reviewer=other_mentor, decision="comment",
                                                text="Bagus")) == {
        "__all__": ["Only the team's mentors and the program's organizers review the register."]}
    services.plan_review(plan=plan, reviewer=team.mentor, decision="comment", text="Bagus")
    plan.refresh_from_db()
    assert plan.status == S.DRAFT and plan.reviews.get().text == "Bagus"


def test_a_new_version_copies_the_approved_one_which_stays_unchanged(team, english):
    approved = make_plan(team, status=S.APPROVED, programs=3, quick_wins=1, first_year=2027)
    before = list(approved.programs.values_list("title", "budget", "quick_win", "start_year", "end_year"))
    new = services.plan_version_new(plan=approved, actor=team.member)
    assert (new.number, new.status, new.first_year) == (2, S.DRAFT, 2027)
    assert list(new.programs.values_list("title", "budget", "quick_win", "start_year", "end_year")) == before
    services.plan_program_save(plan=new, item=new.programs.get(title="Program 1"),
                               values=values(team, title="Program 1 diperluas"), actor=team.member)
    services.plan_program_delete(item=new.programs.get(title="Program 2"), actor=team.member)
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert list(approved.programs.values_list("title", "budget", "quick_win", "start_year", "end_year")) == before
    # The approved version is no longer the newest: it takes no new version, and no change.
    assert refusal(lambda: services.plan_version_new(plan=approved, actor=team.member)) == {
        "__all__": ["A new version starts from the approved newest version."]}
    assert refusal(lambda: services.plan_program_save(plan=approved, values=values(team), actor=team.member)) == {
        "__all__": ["Only the newest version of the register can be changed."]}


def test_a_draft_cannot_start_a_new_version(team, english):
    plan = draft(team)
    assert refusal(lambda: services.plan_version_new(plan=plan, actor=team.member)) == {
        "__all__": ["A new version starts from the approved newest version."]}


def test_settings_keep_programs_within_the_years_and_attach_a_final_draft_of_the_last_stage(team, english):
    plan = draft(team)
    services.plan_program_save(plan=plan, values=values(team, start_year=2027, end_year=2027, quick_win=True),
                               actor=team.member)
    assert refusal(lambda: services.plan_settings_update(plan=plan, first_year=2028, draft_version=None,
                                                         actor=team.member)) == {
        "first_year": ["These programs would fall outside the plan's years: Layanan perizinan daring. "
                       "Change them first."]}
    stages = list(team.program.stages.order_by("ordinal"))
    first_stage = factories.make_version(factories.make_assignment(team.program, stage=stages[0]), team,
                                         by=team.member)
    final = factories.make_version(factories.make_assignment(team.program, stage=stages[-1]), team, by=team.member)
    assert refusal(lambda: services.plan_settings_update(plan=plan, first_year=2027, draft_version=first_stage,
                                                         actor=team.member)) == {
        "draft_version": ["Choose one of the team's drafts of the last stage."]}
    services.plan_settings_update(plan=plan, first_year=2027, draft_version=final, actor=team.member)
    plan.refresh_from_db()
    assert plan.draft_version == final


def test_an_import_with_one_bad_row_writes_nothing(team, english):
    plan = draft(team)
    services.plan_program_save(plan=plan, values=values(team, title="Tetap"), actor=team.member)
    rows = [{"number": 8, "values": values(team)}, {"number": 9, "values": values(team, end_year=2035)}]
    assert refusal(lambda: services.plan_programs_replace(plan=plan, rows=rows, actor=team.member)) == {
        "__all__": ["Nothing was imported: these rows do not fit the register (any more): 9."]}
    assert list(plan.programs.values_list("title", flat=True)) == ["Tetap"]
