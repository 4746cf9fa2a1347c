"""Journey 3, a participant on a 390×844 phone, through the interface only: the next session, check-in with
the code shown in the room, a draft uploaded, the mentor's feedback read and marked addressed in version 2,
the certificate downloaded and, logged out, its verification page found valid. axe checks every page.

The fixture is a program in stage II with a clinic for the team that began five minutes ago. The mentor
(showing the code, giving feedback) and the organizer (issuing certificates) act in their own browsers.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bimtek.overview.services import stage_update
from sessions.models import TrainingSession
from tests import factories
from tests.e2e.conftest import (
    another_person,
    assert_every_page_checked,
    check_page,
    download,
    log_in,
    pdf_text,
    send_feedback,
    tab_to,
    watch_pages,
)

pytestmark = pytest.mark.browser

PASSWORD = "sandi-uji-2026"
NAME = "Drs. Made Manuputty, S.Kom."
ASSIGNMENT = "Program dan Rencana Aksi Smart Economy"
COMMENT = "Selaraskan program dengan prioritas RPJMD dan sebutkan OPD penanggung jawab."


@pytest.fixture
def program_in_stage_two(transactional_db):
    today = timezone.localdate()
    # Stage II runs from yesterday to tomorrow (so the clinic fits in it at any hour), stage III a month later.
    program = factories.make_program(name="Gerakan Menuju Smart City 2026", start=today - datetime.timedelta(days=31))
    stage_update(stage=program.stages.get(ordinal=2), start_date=today - datetime.timedelta(days=1),
                 end_date=today + datetime.timedelta(days=1))
    region = factories.make_region(name="Kotawaringin Timur", province="Kalimantan Tengah")
    team = factories.make_team(program, region=region)
    mentor = factories.make_user(email="dina@narasumber.example", full_name="Dr. Dina Ayu Lestari, S.T., M.T.",
                                 password=PASSWORD)
    factories.make_mentor(program, team, user=mentor)
    organizer = factories.make_staff(program, "organizer", user=factories.make_user(
        email="panitia@kominfo.example", full_name="Rahmawati Kusuma, S.Kom., M.T.I.", password=PASSWORD))
    leader = factories.make_participant(team, full_name=NAME, team_role="leader", position="Perencana Ahli Muda")
    leader.user.set_password(PASSWORD)
    leader.user.save(update_fields=["password"])
    factories.make_participant(team, full_name="Siti Rahayu, S.T.")
    stage_two, stage_three = program.stages.get(ordinal=2), program.stages.get(ordinal=3)
    now = timezone.now().replace(second=0, microsecond=0)
    factories.make_session(stage_two, title="Klinik Kotawaringin Timur Tahap II", teams=[team], mentors=[mentor],
                           starts_at=now - datetime.timedelta(minutes=5), kind=TrainingSession.Kind.CLINIC,
                           venue="Ruang rapat Bappeda")
    factories.make_session(stage_three, title="Pleno Pembukaan Tahap III", mentors=[mentor],
                           kind=TrainingSession.Kind.PLENARY, venue="Daring (Zoom)")
    factories.make_assignment(program, stage=stage_two, title=ASSIGNMENT, created_by=mentor,
                              due_in=datetime.timedelta(days=14))
    factories.make_certificate_template(program)
    return {"program": program, "leader": leader.user, "mentor": mentor, "organizer": organizer}


def test_a_participant_checks_in_revises_a_draft_and_verifies_the_certificate_on_a_phone(
        phone, browser, live_server, program_in_stage_two, tmp_path):
    fixture = program_in_stage_two
    page = watch_pages(phone)
    log_in(page, fixture["leader"].email, PASSWORD, check=check_page)
    check_page(page)

    # The home page shows the clinic that is starting and, after it, the plenary of stage III.
    upcoming = page.locator("main a[href*='/sessions/']").all_inner_texts()
    assert "Pleno Pembukaan Tahap III" in upcoming

    # Check in: the phone opens the session's check-in page and the code from the screen in the room is typed,
    # then sent with Enter.
    code = code_on_the_room_screen(browser, live_server, fixture["mentor"].email)
    page.locator("main a[href$='/check-in/']").first.click()
    check_page(page)
    tab_to(page, page.locator("#id_code"))
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page)
    assert page.locator("main [role=status] .badge.ok").count() == 1

    # The first version of the stage II assignment.
    page.locator("header a[href='/']").first.click()
    check_page(page)
    page.locator("main a", has_text=ASSIGNMENT).first.click()
    check_page(page)
    submission_url = page.url

    # The program menu is folded behind one button on the phone; the keyboard opens it, enters it, and Escape
    # folds it back onto the button.
    toggle = page.locator(".subnav .menu-toggle")
    assert toggle.get_attribute("aria-expanded") == "false" and not page.locator("#program-menu").is_visible()
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#program-menu").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#program-menu') !== null")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("el => el === document.activeElement")

    page.locator("main a[href$='/upload/']").click()
    check_page(page)
    # A file that only pretends to be a PDF is refused, and the phone says why right under the file field.
    fake = tmp_path / "Rencana Aksi.pdf"
    fake.write_text("Ini bukan PDF.")
    page.locator("#id_file").set_input_files(str(fake))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert page.locator("#id_file ~ [role=alert] #id_file_error").inner_text().strip()
    assert "id_file_error" in page.locator("#id_file").get_attribute("aria-describedby")
    first = tmp_path / "Rencana Aksi v1.pdf"
    first.write_bytes(factories.pdf_bytes("Program jangka pendek: satu data daerah.", "Program jangka menengah."))
    page.locator("#id_file").set_input_files(str(first))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(submission_url)
    check_page(page)
    assert "Rencana Aksi v1.pdf" in page.locator("main table").inner_text()

    give_feedback(browser, live_server, fixture["mentor"].email, submission_url)

    # The feedback, read on the phone; version 2 marks it addressed.
    page.reload()
    check_page(page)
    assert COMMENT in page.locator("main .thread").inner_text()
    assert page.locator("main .thread .badge.warn").count() == 1
    page.locator("main a[href$='/upload/']").click()
    check_page(page)
    page.locator("input[name=addressed]").check()
    second = tmp_path / "Rencana Aksi v2.pdf"
    second.write_bytes(factories.pdf_bytes("Program jangka pendek: satu data daerah (Diskominfo).",
                                           "Program jangka menengah selaras RPJMD (Bappeda)."))
    page.locator("#id_note").fill("Sudah diselaraskan dengan RPJMD; OPD penanggung jawab disebutkan.")
    page.locator("#id_file").set_input_files(str(second))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(submission_url)
    check_page(page)
    assert "Rencana Aksi v2.pdf" in page.locator("main table").inner_text()
    assert page.locator("main .thread .badge.ok").count() == 1  # addressed in v2

    # At the end of the program the organizer issues certificates; the participant downloads theirs.
    issue_certificates(browser, live_server, fixture["organizer"].email)
    page.locator("header a[href='/']").first.click()
    check_page(page)
    name, certificate = download(page, page.locator("main a[href$='/pdf/']"))
    assert name.endswith(".pdf")
    pages, text = pdf_text(certificate)
    assert pages == 1 and NAME in text
    verification = page.locator("main a[href^='/v/']").get_attribute("href")

    # Logged out, the verification link (the QR code's address) says the certificate is valid.
    page.locator("header a[href$='/logout/']").click()
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    page.goto(verification)
    check_page(page)
    assert page.locator("#status-heading .badge.ok").count() == 1
    assert NAME in page.locator("main").inner_text()
    assert page.locator("header a[href$='/logout/']").count() == 0
    assert_every_page_checked(page)


def code_on_the_room_screen(browser, live_server, mentor):
    """The mentor opens the check-in screen of the clinic; the code is read off it as a participant would."""
    with another_person(browser, live_server, mentor, PASSWORD) as page:
        page.locator("main h2 a[href^='/programs/']").first.click()
        check_page(page)
        page.locator(".subnav a[href$='/schedule/']").click()
        check_page(page)
        page.locator("main a", has_text="Klinik Kotawaringin Timur Tahap II").first.click()
        check_page(page)
        page.locator("main a[href$='/check-in/screen/']").click()
        # The screen reloads itself when the code changes; paused (a button, for WCAG 2.2.1) it holds still.
        page.locator("#pause-refresh").click()
        expect(page.locator("#pause-refresh")).to_have_attribute("aria-pressed", "true")
        check_page(page)
        code = re.sub(r"\D", "", page.locator(".typed-code").inner_text())
    assert len(code) == 6
    return code


def give_feedback(browser, live_server, mentor, submission_url):
    with another_person(browser, live_server, mentor, PASSWORD) as page:
        page.locator("main a[href$='/versions/1/feedback/']").click()
        check_page(page)
        send_feedback(page, decision="revision", comment=COMMENT)
        assert page.url == submission_url


def issue_certificates(browser, live_server, organizer):
    with another_person(browser, live_server, organizer, PASSWORD) as page:
        page.locator("main h2 a[href^='/programs/']").first.click()
        check_page(page)
        page.locator(".subnav a[href$='/certificates/']").click()
        check_page(page)
        # The program runs on: issuing now asks why (the certificates still carry the last stage's end).
        page.locator("#id_early_reason_participant").fill("Penutupan kegiatan dimajukan")
        page.locator("main form[action$='/issue/participant/'] button[type=submit]").click()
        page.wait_for_load_state()
        check_page(page)
        assert re.search(r"\d{3}/", page.locator("main [role=status]").inner_text())
