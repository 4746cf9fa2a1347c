"""A plenary's roster and the attendance recap on a phone: short pages, the save button always in reach."""

import pytest
from django.utils import timezone

from bimtek.models import Program
from bimtek.overview.demo.build import DOMAIN, PROGRAM_NAME
from sessions.models import TrainingSession
from tests.e2e.conftest import check_page, log_in
from tests.e2e.test_dashboard import LABELS_OVERFLOWING

pytestmark = pytest.mark.browser


def test_an_organizer_marks_a_plenary_team_by_team_on_a_phone(phone, demo):
    plenary = TrainingSession.objects.filter(stage__program__name=PROGRAM_NAME, all_teams=True,
                                             starts_at__lte=timezone.now()).order_by("-starts_at").first()
    log_in(phone, f"panitia@{DOMAIN}", demo)
    phone.goto(f"/programs/{plenary.stage.program_id}/sessions/{plenary.pk}/attendance/")
    check_page(phone)
    assert phone.evaluate("document.documentElement.scrollHeight") < 8000  # one team, not the whole plenary
    assert phone.evaluate(LABELS_OVERFLOWING)["bad"] == []
    first_team = phone.locator("#group option:checked").inner_text()

    # Halfway down the list the save buttons are still on the screen.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    save_next = phone.get_by_role("button", name="Simpan, lalu tim berikutnya")
    box = save_next.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844
    save_next.click()
    phone.wait_for_url(lambda url: "?team=" in url)
    check_page(phone)
    assert phone.locator("#group option:checked").inner_text() != first_team
    assert "Daftar 2 dari" in phone.locator("main").inner_text()


def test_the_attendance_recap_pages_its_people_on_a_phone(phone, demo):
    log_in(phone, f"panitia@{DOMAIN}", demo)
    phone.goto(f"/programs/{Program.objects.get(name=PROGRAM_NAME).pk}/")
    phone.get_by_role("button", name="Menu").click()
    phone.locator(".subnav").get_by_role("link", name="Kehadiran", exact=True).click()
    check_page(phone)
    assert phone.evaluate("document.documentElement.scrollHeight") < 15000
    assert phone.evaluate(LABELS_OVERFLOWING)["bad"] == []
    pages = phone.get_by_role("navigation", name="Halaman peserta, di atas daftar")
    pages.get_by_role("link", name="Berikutnya ›").click()
    check_page(phone)
    assert "Halaman 2 dari" in phone.locator("main").inner_text()
