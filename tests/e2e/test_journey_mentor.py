"""Journey 2, the mentor, through the interface only: a session of stage II, a material and an assignment
published, the review queue, a draft downloaded and sent back for revision, the second version compared with
the first and approved. The team's leader uploads that second version from a phone in between.

The fixture is a program half-way through stage I: the mentor guides one team, whose leader has sent the first
version of a stage I assignment. Everything after it happens in the browser; axe checks every page.
"""

import datetime
import io
import re

import docx
import pytest
from django.utils import timezone

from tests import factories
from tests.e2e.conftest import assert_every_page_checked, check_page, download, log_in, send_feedback, watch_pages

pytestmark = pytest.mark.browser

PASSWORD = "sandi-uji-2026"
ASSIGNMENT = "Analisis Kesiapan dan SWOT Daerah"
V1 = ["Analisis Kesiapan Kabupaten Kotawaringin Timur",
      "Kekuatan: komitmen kepala daerah.",
      "Kelemahan: data antar-OPD belum terpadu."]
V2 = ["Analisis Kesiapan Kabupaten Kotawaringin Timur",
      "Kekuatan: komitmen kepala daerah dan jaringan internet di pusat pemerintahan.",
      "Kelemahan: data antar-OPD belum terpadu.",
      "Sumber: BPS Kotawaringin Timur 2025."]
REVISION = "Lengkapi analisis SWOT dengan data pendukung (BPS, RPJMD) dan sebutkan sumbernya."


@pytest.fixture
def program_in_stage_one(transactional_db):
    # Stage I began three weeks ago; stage II starts in a week.
    program = factories.make_program(name="Gerakan Menuju Smart City 2026",
                                     start=timezone.localdate() - datetime.timedelta(days=23))
    region = factories.make_region(name="Kotawaringin Timur", province="Kalimantan Tengah")
    team = factories.make_team(program, region=region)
    mentor = factories.make_user(email="dina@narasumber.example", full_name="Dr. Dina Ayu Lestari, S.T., M.T.",
                                 password=PASSWORD)
    factories.make_mentor(program, team, user=mentor)
    leader = factories.make_participant(team, full_name="Drs. Made Manuputty, S.Kom.", team_role="leader")
    leader.user.set_password(PASSWORD)
    leader.user.save(update_fields=["password"])
    factories.make_participant(team, full_name="Siti Rahayu, S.T.")
    first_stage = program.stages.get(ordinal=1)
    assignment = factories.make_assignment(program, stage=first_stage, title=ASSIGNMENT,
                                           due_in=datetime.timedelta(days=10))
    factories.make_version(assignment, team, by=leader.user, content=factories.docx_bytes(*V1),
                           name="Analisis SWOT v1.docx")
    return {"program": program, "mentor": mentor, "leader": leader.user}


def test_a_mentor_schedules_publishes_and_reviews_a_draft_twice(desktop, phone, program_in_stage_one, tmp_path):
    program = program_in_stage_one["program"]
    page = watch_pages(desktop)
    log_in(page, program_in_stage_one["mentor"].email, PASSWORD, check=check_page)
    check_page(page)
    page.locator(f"main a[href='/programs/{program.pk}/']").first.click()
    check_page(page)

    # A clinic for the team in stage II.
    page.locator(".subnav a[href$='/schedule/']").click()
    check_page(page)
    page.locator("main a[href$='/schedule/new/']").click()
    check_page(page)
    stage_two = program.stages.get(ordinal=2)
    page.locator("#id_stage").select_option(str(stage_two.pk))
    page.locator("#id_title").fill("Klinik Kotawaringin Timur Tahap II")
    page.locator("#id_kind").select_option("clinic")
    page.locator("#id_time_zone").select_option("Asia/Jakarta")
    page.locator("#id_starts_at").fill(f"{stage_two.start_date}T09:00")
    page.locator("#id_ends_at").fill(f"{stage_two.start_date}T11:30")
    page.locator("#id_venue").fill("Ruang rapat Bappeda Kabupaten Kotawaringin Timur")
    assert page.locator("input[name=mentors]:checked").count() == 1  # the mentor schedules themself
    page.locator("#id_all_teams").uncheck()
    page.locator("input[name=expected_teams]").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    check_page(page)
    assert "Klinik Kotawaringin Timur Tahap II" in page.locator("h1").inner_text()

    # The slides of stage II and its assignment.
    page.locator(".subnav a[href$='/materials/']").click()
    check_page(page)
    page.locator("main a[href$='/materials/new/']").click()
    check_page(page)
    slides = tmp_path / "Bahan Paparan Tahap II.pdf"
    slides.write_bytes(factories.pdf_bytes("Program dan Rencana Aksi", "Jangka pendek, menengah, panjang"))
    page.locator("#id_stage").select_option(str(stage_two.pk))
    page.locator("#id_title").fill("Bahan Paparan Tahap II")
    page.locator("#id_file").set_input_files(str(slides))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert "Bahan Paparan Tahap II" in page.locator("main").inner_text()

    page.locator(".subnav a[href$='/assignments/']").click()
    check_page(page)
    page.locator("main a[href$='/assignments/new/']").click()
    check_page(page)
    page.locator("#id_stage").select_option(str(stage_two.pk))
    page.locator("#id_title").fill("Program dan Rencana Aksi Smart Economy")
    page.locator("#id_instructions").fill("Program jangka pendek, menengah dan panjang untuk dimensi Smart Economy.")
    page.locator("#id_dimension").select_option(label="Smart Economy")
    page.locator("#id_due_at").fill(f"{stage_two.end_date + datetime.timedelta(days=14)}T23:00")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/assignments/\d+/$"))
    check_page(page)

    # The review queue: the team's first version, downloaded, read, sent back with a comment.
    page.locator(".subnav a[href$='/review/']").click()
    check_page(page)
    page.locator("main table a", has_text=ASSIGNMENT).click()
    check_page(page)
    name, content = download(page, page.locator("main a[href$='/versions/1/download/']"))
    assert name == "Analisis SWOT v1.docx"
    assert docx_text(content) == V1
    page.locator("main .actions a[href$='/versions/1/feedback/']").click()
    check_page(page)
    send_feedback(page, decision="revision", comment=REVISION)
    submission_url = page.url
    assert REVISION in page.locator("main").inner_text()

    # Meanwhile the team's leader sends the second version from a phone, marking the comment addressed.
    upload_second_version(phone, program_in_stage_one["leader"].email, submission_url, tmp_path)

    # Later: the queue has the second version; what changed, then approval.
    page.locator(".subnav a[href$='/review/']").click()
    check_page(page)
    page.locator("main table a", has_text=ASSIGNMENT).click()
    check_page(page)
    assert page.locator("main a[href$='/versions/2/download/']").count() == 1
    page.locator("main form[action$='/compare/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/compare/"))
    check_page(page)
    assert "Sumber: BPS Kotawaringin Timur 2025." in page.locator(".diff").inner_text()
    assert page.locator(".diff ins").count() >= 1
    page.goto(submission_url)
    check_page(page)
    page.locator("main .actions a[href$='/versions/2/feedback/']").click()
    check_page(page)
    send_feedback(page, decision="approve", comment="Analisis sudah lengkap dengan sumber data. Disetujui.")
    assert page.url == submission_url
    assert page.locator("main .badge.ok").count() >= 1
    assert "Analisis sudah lengkap dengan sumber data. Disetujui." in page.locator("main").inner_text()
    assert assert_every_page_checked(page) >= 15


def upload_second_version(phone, email, submission_url, tmp_path):
    page = watch_pages(phone)
    log_in(page, email, PASSWORD, check=check_page)
    check_page(page)
    page.goto(submission_url)
    check_page(page)
    assert REVISION in page.locator("main").inner_text()
    page.locator("main a[href$='/upload/']").click()
    check_page(page)
    draft = tmp_path / "Analisis SWOT v2.docx"
    draft.write_bytes(factories.docx_bytes(*V2))
    page.locator("input[name=addressed]").first.check()
    page.locator("#id_note").fill("Data BPS ditambahkan.")
    page.locator("#id_file").set_input_files(str(draft))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(submission_url)
    check_page(page)
    assert "Analisis SWOT v2.docx" in page.locator("main").inner_text()
    assert_every_page_checked(page)


def docx_text(content):
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs if paragraph.text]
