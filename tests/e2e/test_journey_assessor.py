"""Journey of an assessor, through the interface only: the queue of assigned teams, one submitted team scored
aspect by aspect with notes and submitted; the organizer finalises the round; the team, on a phone, sees its
index. axe checks every page."""

import pytest
from django.urls import reverse

from evaluation.models import RoundTeam
from tests import factories
from tests.e2e.conftest import PHONE, another_person, assert_every_page_checked, check_page, log_in, watch_pages
from tests.evaluation.assessing import submit_self_assessment
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.browser

PASSWORD = "sandi-uji-2026"


@pytest.fixture
def submitted_round(transactional_db):
    program = factories.make_program(name="Gerakan Menuju Smart City 2025")
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur",
                                                                    province="Kalimantan Tengah"))
    make_plan(team, programs=4, quick_wins=1)
    assessor = factories.make_user(email="hendrik@penilai.example", full_name="Drs. Hendrik Tuanakotta, M.Si.",
                                   password=PASSWORD)
    factories.make_staff(program, "evaluator", user=assessor)
    organizer = factories.make_user(email="rahma@panitia.example", full_name="Rahmawati Kusuma", password=PASSWORD)
    factories.make_staff(program, "organizer", user=organizer)
    leader = factories.make_participant(team, full_name="Drs. Made Manuputty, S.Kom.", team_role="leader")
    leader.user.set_password(PASSWORD)
    leader.user.save(update_fields=["password"])
    evaluation_round = make_round(program, teams=[team], assessors=[assessor], title="Evaluasi capaian 2026")
    round_team = RoundTeam.objects.get(round=evaluation_round)
    submit_self_assessment(round_team, done=2)
    return {"program": program, "round_team": round_team, "assessor": assessor, "organizer": organizer,
            "leader": leader.user}


def test_an_assessor_scores_a_team_the_organizer_finalises_and_the_team_sees_its_index(
        desktop, browser, live_server, submitted_round):
    program, round_team = submitted_round["program"], submitted_round["round_team"]
    page = watch_pages(desktop)
    log_in(page, submitted_round["assessor"].email, PASSWORD, check=check_page)
    check_page(page)
    page.goto(reverse("program_dashboard", args=[program.pk]))
    check_page(page)
    page.locator("main a[href$='/evaluation/assess/']").click()
    check_page(page)
    assert "Kotawaringin Timur" in page.locator("main").inner_text()
    page.locator("main table a", has_text="Kotawaringin Timur").click()
    check_page(page)
    assert "Program 1" in page.locator("main").inner_text()

    aspects = list(round_team.round.scheme.aspects.order_by("order"))
    for number, aspect in enumerate(aspects):
        page.locator(f"input[name=score_{aspect.pk}][value='{3 if number % 2 else 4}']").check()
        page.locator(f"#id_note_{aspect.pk}").fill(f"Catatan penilai untuk {aspect.name}.")
    page.locator("main form button[name=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert page.locator("main input[type=radio]:not([disabled])").count() == 0  # read-only once submitted
    assert_every_page_checked(page)

    finalise_url = reverse("evaluation_finalise", args=[program.pk, round_team.round.pk])
    with another_person(browser, live_server, submitted_round["organizer"].email, PASSWORD) as organizer:
        organizer.goto(reverse("evaluation_assessor_queue", args=[program.pk]))
        check_page(organizer)
        organizer.locator(f"main a[href='{finalise_url}']").click()
        check_page(organizer)
        organizer.locator("main .actions button[type=submit]").click()
        organizer.wait_for_load_state()
        check_page(organizer)
    round_team.refresh_from_db()
    assert round_team.status == RoundTeam.Status.FINALISED
    # 4, 3, 4, 3, 4 of 4 on weights 10, 20, 30, 30, 10: 10 + 15 + 30 + 22.5 + 10.
    assert str(round_team.index) == "87.50"

    with another_person(browser, live_server, submitted_round["leader"].email, PASSWORD, viewport=PHONE) as team:
        team.goto(reverse("evaluation_scores", args=[program.pk, round_team.pk]))
        check_page(team)
        assert team.locator("#index").inner_text() in {"87,50", "87.50"}
        assert "Catatan penilai untuk" in team.locator("main").inner_text()
