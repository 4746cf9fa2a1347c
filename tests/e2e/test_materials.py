"""Drafts and feedback in a real browser: a participant uploads on a phone, a mentor reviews; axe on every page."""

import pytest

from bimtek.overview.demo.build import DOMAIN
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_participant_uploads_a_new_version_on_a_phone(phone, demo, tmp_path):
    # Stage III is under way: the team sent its first version after the clinic.
    log_in(phone, f"kotawaringintimur.1@{DOMAIN}", demo)
    phone.get_by_role("link", name="Roadmap dan Quick Win").first.click()
    assert "v1" in phone.locator("main").inner_text()
    assert fits_the_phone(phone)
    assert_accessible(phone)
    phone.locator("a[href$='/upload/']").click()
    assert_accessible(phone)
    draft = tmp_path / "Roadmap v2.docx"
    draft.write_bytes(factories.docx_bytes("Roadmap 2027-2031.", "Quick Win: satu data daerah."))
    phone.locator("#id_note").fill("Quick Win dipertajam")
    phone.locator("#id_file").set_input_files(str(draft))
    phone.locator("form button[type=submit]").click()
    phone.wait_for_url("**/teams/*/")
    text = phone.locator("main").inner_text()
    assert "Roadmap v2.docx" in text and "Quick Win dipertajam" in text
    assert fits_the_phone(phone)
    assert_accessible(phone)


def test_a_mentor_opens_the_queue_compares_versions_and_approves(desktop, demo):
    log_in(desktop, f"mentor1@{DOMAIN}", demo)
    desktop.locator("main a[href$='/review/']").first.click()
    # Balikpapan's third version of a stage II chapter waits for the mentor.
    assert "Kota Balikpapan" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
    desktop.get_by_role("link", name="Program dan Rencana Aksi Smart Economy").first.click()
    desktop.locator("form[action$='/compare/'] button").click()
    assert desktop.locator(".diff ins").count() > 0
    assert_accessible(desktop)
    desktop.go_back()
    desktop.locator("main .actions a[href$='/feedback/']").click()
    assert_accessible(desktop)
    desktop.locator("input[name=decision][value=approve]").check()
    desktop.locator("#id_comment").fill("Analisis sudah lengkap. Disetujui.")
    desktop.locator("form button[type=submit]").click()
    desktop.wait_for_url("**/teams/*/")
    assert "Analisis sudah lengkap. Disetujui." in desktop.locator("main").inner_text()
    assert_accessible(desktop)


def test_the_organizers_queue_and_the_materials_read_well_on_a_phone(phone, demo):
    log_in(phone, f"panitia@{DOMAIN}", demo)
    program = phone.locator("main h2 a[href^='/programs/']").first.get_attribute("href")
    for path in ("review/", "materials/", "assignments/", "stages/1/materials/"):
        phone.goto(f"{program}{path}")
        assert phone.locator("h1").count() == 1
        assert fits_the_phone(phone), path
        assert_accessible(phone)
