"""A team member on a 390×844 phone fills the team's self-assessment through the interface only: opens the
round from the program's Evaluation page, answers every question with an own score, uploads a PDF as evidence,
reports the progress of the master plan's programs, saves a draft, submits, and then finds it read-only. axe
checks every page."""

import datetime

import pytest
from django.utils import timezone

from evaluation.models import Question, RoundTeam
from tests import factories
from tests.e2e.conftest import assert_every_page_checked, check_page, log_in, watch_pages
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.browser

PASSWORD = "sandi-uji-2026"
ROUND = "Evaluasi Smart City 2027"


@pytest.fixture
def open_round(transactional_db):
    program = factories.make_program(name="Gerakan Menuju Smart City 2026")
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur",
                                                                      province="Kalimantan Tengah"))
    member = factories.make_participant(team, full_name="Drs. Made Manuputty, S.Kom.", team_role="leader").user
    member.set_password(PASSWORD)
    member.save(update_fields=["password"])
    plan = make_plan(team, programs=2, quick_wins=1)
    evaluator = factories.make_staff(program, "evaluator")
    evaluation_round = make_round(program, teams=[team], assessors=[evaluator], title=ROUND)
    today = timezone.localdate()
    evaluation_round.opens_on, evaluation_round.closes_on = today - datetime.timedelta(days=2), \
        today + datetime.timedelta(days=20)
    evaluation_round.save()
    # One question needs evidence, so the journey uploads one PDF.
    questions = Question.objects.filter(aspect__scheme=evaluation_round.scheme)
    questions.update(evidence_required=False)
    required = questions.get(aspect__order=2, order=1)
    Question.objects.filter(pk=required.pk).update(evidence_required=True)
    return {"program": program, "member": member, "round": evaluation_round, "plan": plan,
            "questions": list(questions.order_by("aspect__order", "order")), "required": required}


def test_a_team_member_fills_and_submits_the_self_assessment_on_a_phone(phone, open_round, tmp_path):
    fixture = open_round
    page = watch_pages(phone)
    log_in(page, fixture["member"].email, PASSWORD, check=check_page)
    check_page(page)
    page.goto(f"/programs/{fixture['program'].pk}/evaluation/rounds/")
    check_page(page)
    page.locator("main a", has_text=ROUND).click()
    page.wait_for_load_state()
    check_page(page)
    self_assessment_url = page.url

    # Every question, grouped by aspect, with what the scores mean.
    assert page.locator("main fieldset.question").count() == len(fixture["questions"]) + 2
    for number, question in enumerate(fixture["questions"]):
        page.locator(f"#id_q{question.pk}_text").fill(f"Capaian nomor {number + 1} sudah terdokumentasi.")
        page.locator(f"input[name=q{question.pk}_score][value='3']").check()
    evidence = tmp_path / "Perda Smart City.pdf"
    evidence.write_bytes(factories.pdf_bytes("Peraturan Daerah tentang Smart City."))
    page.locator(f"#id_q{fixture['required'].pk}_file").set_input_files(str(evidence))
    first, second = fixture["plan"].programs.order_by("order")
    page.locator(f"#id_p{first.pk}_status").select_option("done")
    page.locator(f"#id_p{first.pk}_value").fill("12")
    page.locator(f"#id_p{first.pk}_note").fill("Layanan daring berjalan sejak Maret.")
    page.locator("main button[value=save]").click()
    page.wait_for_url(self_assessment_url)
    check_page(page)
    # Saved: the answers and the evidence are there; the second program's progress is still missing.
    assert page.locator(f"#id_q{fixture['questions'][0].pk}_text").input_value().startswith("Capaian nomor 1")
    assert "Perda Smart City.pdf" in page.locator("main").inner_text()
    assert second.title in page.locator("#missing").inner_text()

    # Submitting now is refused with the list of what is missing.
    page.locator("main button[value=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert page.locator("#missing li").count() == 1
    page.locator(f"#id_p{second.pk}_status").select_option("in_progress")
    page.locator(f"#id_p{second.pk}_value").fill("4")
    with page.expect_navigation():
        page.locator("main button[value=submit]").click()
    check_page(page)

    # Submitted: read-only, no form any more.
    assert page.locator("main .badge.ok").first.inner_text().strip()
    assert page.locator("main textarea").count() == 0 and page.locator("main button[value=submit]").count() == 0
    assert "Capaian nomor 1 sudah terdokumentasi." in page.locator("main").inner_text()
    assert RoundTeam.objects.get(round=fixture["round"]).status == RoundTeam.Status.SUBMITTED
    assert_every_page_checked(page)
