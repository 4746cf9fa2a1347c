"""Journey 1, the organizer, through the interface only: a new program with four stages, its participants
imported from an XLSX, a mentor assigned, a session scheduled and its Daftar Hadir printed, attendance marked,
certificates issued and downloaded. axe checks every page on the way.

Elements are found by ids, names and addresses, never by English words that the translation will change.
"""

import datetime
import io
import re
import zipfile
import zoneinfo

import pytest

from bimtek.overview.demo.build import DOMAIN
from tests import factories
from tests.e2e.conftest import (
    assert_every_page_checked,
    check_page,
    download,
    log_in,
    pdf_text,
    tab_to,
    watch_pages,
)
from tests.workers import work_off

pytestmark = pytest.mark.browser

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
PROGRAM = "Gerakan Menuju Smart City 2027"
MENTOR = f"mentor2@{DOMAIN}"
MENTOR_NAME = "Dr. Dina Ayu Lestari, S.T., M.T."
# A messy list as regions send it: a title row, a blank row, a NIP that lost its digits as a number would.
PEOPLE = [
    ("Dr. Ir. H. Ahmad Fauzi, M.Si.", "197005121995031002", "Kepala Dinas", "Diskominfo", "Kota Tegal", "Jawa Tengah"),
    ("Siti Nurhaliza, S.Kom.", "", "Pranata Komputer", "Diskominfo", "Kota Tegal", "Jawa Tengah"),
    ("Yohanes Wenda, S.T.", "198811202015031004", "Perencana Ahli Muda", "Bappeda", "Kota Jayapura", "Papua"),
]


def participant_list(path):
    rows = [["DAFTAR PESERTA BIMTEK SMART CITY 2027"], [],
            ["No", "Nama Lengkap", "NIP", "Jabatan", "Instansi", "Email", "No. HP", "Kabupaten/Kota", "Provinsi"]]
    for number, (name, nip, position, agency, region, province) in enumerate(PEOPLE, 1):
        rows.append([number, name, nip, position, agency, f"peserta{number}@tegal-jayapura.example",
                     f"0812-5555-{number:04d}", region, province])
    path.write_bytes(factories.xlsx_bytes(*rows))
    return path


def test_an_organizer_sets_up_a_program_and_certifies_its_participants(desktop, demo, tmp_path):
    page = watch_pages(desktop)
    today = datetime.datetime.now(WIB).date()
    log_in(page, f"panitia@{DOMAIN}", demo, check=check_page)
    check_page(page)

    # A new program with four stages. The form is filled from the keyboard and sent with Enter; a mistake is
    # announced next to its field.
    page.locator("main a[href='/programs/new/']").click()
    check_page(page)
    assert page.locator("#id_stage_count").input_value() == "4"
    tab_to(page, page.locator("#id_name"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_year"
    page.keyboard.type("2027")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_institution"
    page.keyboard.type("Kementerian Komunikasi dan Digital")
    page.locator("#id_start_date").fill(str(today - datetime.timedelta(days=1)))
    page.locator("#id_end_date").fill(str(today + datetime.timedelta(days=120)))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The message sits right after the field, in an alert, and the field points to it.
    assert page.locator("#id_name ~ [role=alert] #id_name_error").inner_text().strip()
    assert "id_name_error" in page.locator("#id_name").get_attribute("aria-describedby")
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    check_page(page)
    page.locator("#id_name").fill(PROGRAM)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/programs/\d+/$"))
    check_page(page)
    assert page.locator("h1").inner_text().startswith(PROGRAM)
    assert page.locator("main a[href$='/stages/4/edit/']").count() == 1
    assert page.locator("main a[href$='/stages/5/edit/']").count() == 0

    # A mentor of the program.
    page.locator(".subnav a[href$='/people/']").click()
    check_page(page)
    page.locator("#id_email").fill(MENTOR)
    page.locator("#id_full_name").fill(MENTOR_NAME)
    page.locator("#id_role").select_option("mentor")
    page.locator("#id_send_invitation").uncheck()
    page.locator("main form:not([action]) button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert MENTOR in page.locator("main table").inner_text()

    # The participants, from the XLSX: upload, preview every row, confirm. Both regions become teams.
    page.locator(".subnav a[href$='/teams/']").click()
    check_page(page)
    assert page.locator("main table tbody tr td[colspan]").count() == 1  # no team yet
    page.locator("main a[href$='/participants/import/']").click()
    check_page(page)
    page.locator("#id_file").set_input_files(str(participant_list(tmp_path / "Daftar peserta Tegal Jayapura.xlsx")))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/participants/import/\d+/$"))
    check_page(page)
    preview = page.locator("main").inner_text()
    assert all(name in preview for name, *_ in PEOPLE)
    page.locator("main section form:not([action]) button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("main [role=status] a[href$='/teams/']").click()
    check_page(page)
    assert page.locator("main table tbody tr").count() == 2

    # The team of Kota Tegal gets the mentor.
    page.locator("main table a", has_text="Tegal").click()
    check_page(page)
    page.locator("#id_mentor").select_option(label=MENTOR_NAME)
    page.locator("main form[action$='/mentors/'] button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    assert MENTOR_NAME in page.locator("main ul.list-plain").first.inner_text()

    # A session of stage I that has just been held, its Daftar Hadir printed to be signed.
    page.locator(".subnav a[href$='/schedule/']").click()
    check_page(page)
    page.locator("main a[href$='/schedule/new/']").click()
    check_page(page)
    start = datetime.datetime.now(WIB).replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    assert page.locator("#id_stage option:checked").inner_text() == page.locator("#id_stage option").first.inner_text()
    page.locator("#id_title").fill("Pleno Pembukaan Tahap I")
    page.locator("#id_time_zone").select_option("Asia/Jakarta")
    page.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_venue").fill("Ruang Rapat Diskominfo")
    page.locator("input[name=mentors]").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    check_page(page)

    name, sheet = download(page, page.locator("main a[href*='daftar-hadir.pdf?variant=blank']"))
    assert name.endswith(".pdf")
    pages, text = pdf_text(sheet)
    assert "DAFTAR HADIR" in text.upper() and "Pleno Pembukaan Tahap I" in text
    assert all(person[0] in text for person in PEOPLE)

    # After the meeting, the signed sheet says everyone came.
    page.locator("main a[href$='/attendance/']").first.click()
    check_page(page)
    page.locator("#fill").select_option("hadir")
    page.locator("main form.roster button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    statuses = page.locator("main select[name^='status-']")
    # The three participants and the mentor, every one present now.
    assert [statuses.nth(i).input_value() for i in range(statuses.count())] == ["hadir"] * (len(PEOPLE) + 1)

    # Certificates: a participant template, issued in bulk to everyone eligible, downloaded as one ZIP.
    page.locator(".subnav a[href$='/certificates/']").click()
    check_page(page)
    page.locator("main a[href$='/templates/new/?kind=participant']").click()
    check_page(page)
    page.locator("#id_title").fill("SERTIFIKAT")
    page.locator("#id_preamble").fill("diberikan kepada:")
    page.locator("#id_place").fill("Jakarta")
    page.locator("input[name$='-name']").first.fill("Dr. Ir. Bambang Sutrisno, M.Sc.")
    page.locator("input[name$='-position']").first.fill("Direktur Jenderal Aplikasi Informatika")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/certificates/templates/\d+/$"))
    check_page(page)
    page.locator(".subnav a[href$='/certificates/']").click()
    check_page(page)
    # The program runs on: issuing now asks why (the certificates still carry the last stage's end).
    page.locator("#id_early_reason_participant").fill("Penutupan kegiatan dimajukan")
    page.locator("main form[action$='/issue/participant/'] button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)

    page.locator("main a[href$='/certificates/register/']").click()
    check_page(page)
    # The ZIP is prepared by a worker: the button opens the file's page, which offers it once it is made.
    page.locator("main form[action*='/certificates/all.zip'] button").click()
    page.wait_for_url(re.compile(r"/downloads/[0-9a-f-]+/$"))
    check_page(page)
    work_off()
    page.reload()
    check_page(page)
    name, archive = download(page, page.locator("main a[href$='/file/']"))
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        files = bundle.namelist()
        texts = [pdf_text(bundle.read(file))[1] for file in files]
    assert len(files) == len(PEOPLE) and all(file.endswith(".pdf") for file in files)
    for person in PEOPLE:
        assert sum(person[0] in text for text in texts) == 1, person[0]
    assert all(re.search(r"\d{3}/", text) for text in texts)

    assert assert_every_page_checked(page) >= 15
