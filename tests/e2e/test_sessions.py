"""Check-in in a real browser: the room screen on a laptop, a participant's phone at 390 px; axe on every page."""

import datetime

import pytest
from django.utils import timezone

from bimtek.models import Program, User
from bimtek.overview.demo.build import DOMAIN, PROGRAM_NAME
from bimtek.services import stage_add
from participants.models import Team
from sessions.models import Attendance, TrainingSession
from sessions.services import session_create
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture
def live_clinic(demo):
    """A clinic of Kotawaringin Timur going on right now, in an extra stage around today."""
    program = Program.objects.get(name=PROGRAM_NAME)
    today = timezone.localdate()
    stage = stage_add(program=program, title="Kelas Tambahan", start_date=today - datetime.timedelta(days=1),
                      end_date=today + datetime.timedelta(days=1))
    now = timezone.now().replace(microsecond=0)
    return session_create(
        stage=stage, title="Klinik Lanjutan Kotawaringin Timur", kind="clinic", starts_at=now - datetime.timedelta(
            minutes=5), ends_at=now + datetime.timedelta(hours=2), venue="Aula Bappeda Sampit",
        mentors=[User.objects.get(email=f"mentor1@{DOMAIN}")], all_teams=False,
        expected_teams=[Team.objects.get(program=program, region__name="Kotawaringin Timur")], confirm_conflicts=True)


def test_a_participant_checks_in_on_a_phone_from_the_code_on_the_room_screen(desktop, phone, demo, live_clinic):
    program = live_clinic.stage.program_id
    log_in(desktop, f"mentor1@{DOMAIN}", demo)
    desktop.goto(f"/programs/{program}/sessions/{live_clinic.pk}/check-in/screen/")
    assert desktop.locator("svg.qr").count() == 1
    code = desktop.locator(".typed-code").inner_text().replace(" ", "")
    assert len(code) == 6 and code.isdigit()
    pause = desktop.locator("#pause-refresh")  # shown by the script that follows the code
    assert pause.is_visible()
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true"
    assert_accessible(desktop)

    log_in(phone, f"kotawaringintimur.1@{DOMAIN}", demo)
    assert_accessible(phone)
    phone.goto(f"/programs/{program}/sessions/{live_clinic.pk}/check-in/?code={code}&via=qr")
    assert phone.locator("#id_code").input_value() == code
    assert fits_the_phone(phone)
    assert_accessible(phone)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    assert phone.locator("main .badge.ok").count() == 1
    assert fits_the_phone(phone)
    assert_accessible(phone)
    attendance = Attendance.objects.get(session=live_clinic, person__email=f"kotawaringintimur.1@{DOMAIN}")
    assert (attendance.status, attendance.method) == ("hadir", "qr")


def test_someone_of_another_team_is_refused_on_the_phone(phone, demo, live_clinic):
    log_in(phone, f"makassar.1@{DOMAIN}", demo)
    phone.goto(f"/programs/{live_clinic.stage.program_id}/sessions/{live_clinic.pk}/check-in/")
    assert phone.locator("main [role=alert]").count() == 1 and phone.locator("main form").count() == 0
    assert fits_the_phone(phone)
    assert not Attendance.objects.filter(session=live_clinic, person__email=f"makassar.1@{DOMAIN}").exists()


def test_schedule_calendar_recap_and_roster_read_well_on_a_phone(phone, demo):
    log_in(phone, f"panitia@{DOMAIN}", demo)
    plenary = TrainingSession.objects.filter(kind="plenary", stage__ordinal=3,
                                             stage__program__name="Gerakan Menuju Smart City 2026").get()
    program = plenary.stage.program_id
    for path in (f"/programs/{program}/schedule/", f"/programs/{program}/schedule/calendar/",
                 f"/programs/{program}/schedule/calendar/?view=week", f"/programs/{program}/attendance/",
                 f"/programs/{program}/sessions/{plenary.pk}/",
                 f"/programs/{program}/sessions/{plenary.pk}/attendance/",
                 f"/programs/{program}/sessions/{plenary.pk}/meeting-report/", "/calendar/"):
        phone.goto(path)
        assert fits_the_phone(phone), path
        assert_accessible(phone)
