"""Each role logs in through the login page and reads its home page; axe checks every page."""

import pytest

from bimtek.models import Program
from bimtek.overview.demo.build import DOMAIN, PROGRAM_NAME
from tests.e2e.conftest import assert_accessible, log_in, screenshot_for_readme

pytestmark = pytest.mark.browser


def test_the_login_page_is_indonesian_and_accessible_on_a_phone(phone, demo):
    phone.goto("/accounts/login/")
    assert phone.locator("h1").inner_text() == "Masuk"
    assert_accessible(phone)


def test_an_organizer_reaches_the_programs_numbers_and_setup_screens(desktop, demo):
    log_in(desktop, f"panitia@{DOMAIN}", demo)
    assert "Gerakan Menuju Smart City 2026" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
    screenshot_for_readme(desktop, "home-organizer")
    desktop.get_by_role("link", name="Gerakan Menuju Smart City 2026").first.click()
    assert_accessible(desktop)
    desktop.locator(".subnav").get_by_role("link", name="Tim", exact=True).click()
    assert "Kotawaringin Timur" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
    desktop.get_by_role("link", name="Kabupaten Kotawaringin Timur").click()
    assert_accessible(desktop)


def test_a_mentor_sees_the_teams_they_guide(desktop, demo):
    log_in(desktop, f"mentor1@{DOMAIN}", demo)
    assert "Kotawaringin Timur" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
    screenshot_for_readme(desktop, "home-mentor")


def test_a_participant_reads_their_team_on_a_phone(phone, demo):
    log_in(phone, f"kotawaringintimur.1@{DOMAIN}", demo)
    text = phone.locator("main").inner_text()
    assert "Kotawaringin Timur" in text
    # Nothing is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
    screenshot_for_readme(phone, "home-participant")


def test_an_evaluator_finds_any_team_from_their_home_page(desktop, demo):
    """The home page counts the program's teams (a national program has hundreds) and searches them."""
    log_in(desktop, f"evaluator@{DOMAIN}", demo)
    program = Program.objects.get(name=PROGRAM_NAME)
    assert f"{program.teams.count()} tim" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
    search = desktop.locator(f"#team-search-{program.pk}")
    search.fill("Jayapura")
    search.press("Enter")
    desktop.wait_for_url("**/teams/**")
    assert "Kota Jayapura" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
