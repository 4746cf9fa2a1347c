"""The Daftar Hadir as the panitia signs it for the SPJ, read back from the PDF: text, pages and positions."""

import datetime
import re

import pytest
from django.urls import reverse

from participants.models import ProgramRole
from sessions import selectors, services
from sessions.models import Attendance
from sessions.pdf import BLANK, RECAP, SheetHeader, SheetRow, attendance_sheet_pdf, sheet_for_session
from tests import factories
from tests.sessions.pdf_reading import flat, font_covers, pieces, read

NIP = "197503122000031001"
OFFICIAL = "Prof. Dr. Ir. H. Muhammad Zulkifli Abdurrahman Wahid Hasyim Sastrowardoyo, S.T., M.Sc., Ph.D."
POSITION = "Direktur Jenderal Aplikasi Informatika Kementerian Komunikasi dan Digital Republik Indonesia"
WIB = datetime.timezone(datetime.timedelta(hours=7))


def header(count, **fields):
    rows = [SheetRow(name=f"Peserta {n:03d}", nip=NIP, position="Kepala Bidang", agency="Diskominfo",
                     region="Kab. Sleman") for n in range(1, count + 1)]
    values = dict(program="Gerakan Menuju Smart City 2026", institution="Kementerian Komunikasi dan Digital",
                  stage="Tahap I: Analisis Kesiapan", title="Klinik Kotawaringin Timur", date="Kamis, 27 November 2026",
                  time="09.00–12.00 WIB", place="Ruang rapat Bappeda", official_name="Dr. Bambang Santoso, M.T.",
                  official_position="Kepala Pusat", official_nip=NIP, signed_place="Jakarta",
                  signed_at="27 November 2026", rows=rows)
    values.update(fields)
    return SheetHeader(**values)


def test_the_nip_column_prints_every_nip_grouped_and_the_official_signs_under_place_and_date():
    reader, pages = read(attendance_sheet_pdf(header(3)))
    text = flat(pages[0])
    assert "No Nama NIP Jabatan Instansi/OPD Tanda Tangan" in text
    assert text.count("19750312 200003 1 001") == 4  # three rows and the official
    assert "Jakarta, 27 November 2026" in text and "NIP. 19750312 200003 1 001" in text


@pytest.mark.parametrize("variant", [BLANK, RECAP])
def test_the_signature_block_never_stands_alone_on_the_last_page(variant):
    # Every table length from one row to past two pages, so one of them ends right at a page's foot.
    moved = 0
    for count in range(1, 36):
        reader, pages = read(attendance_sheet_pdf(header(count), variant=variant))
        last = pages[-1]
        assert "Mengetahui," in last and "Dr. Bambang Santoso, M.T." in last
        assert f"Peserta {count:03d}" in last, count
        if count > 1:
            assert f"Peserta {count - 1:03d}" in last, count
        moved += "Peserta 001" not in last
        assert pages.index(last) == len(pages) - 1 and all("Mengetahui," not in p for p in pages[:-1])
    assert moved  # the long sheets did run over a page


def test_every_row_is_tall_enough_to_sign_one_line_rows_too():
    sheet = header(12)
    for row in sheet.rows:
        row.region = ""  # one line in every cell
    reader, pages = read(attendance_sheet_pdf(sheet))
    numbers = [p for p in pieces(reader.pages[0]) if p.text.isdigit() and p.x < 25]
    ys = [p.y for p in sorted(numbers, key=lambda p: int(p.text))]
    assert len(ys) >= 6
    gaps = [above - below for above, below in zip(ys, ys[1:], strict=False)]
    assert min(gaps) >= 12


def test_the_officials_long_name_and_title_each_stay_on_one_line_inside_the_page():
    reader, pages = read(attendance_sheet_pdf(header(2, official_name=OFFICIAL, official_position=POSITION)))
    found = {p.text: p for p in pieces(reader.pages[-1])}
    assert OFFICIAL in found and POSITION in found
    width = reader.pages[-1].mediabox.width * 25.4 / 72
    for text in (OFFICIAL, POSITION):
        assert 0 < found[text].x and found[text].x < width


def test_a_national_online_plenary_prints_its_time_in_all_three_zones(world):
    stage = world.program.stages.get(ordinal=1)
    start = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=WIB)
    session = factories.make_session(stage, title="Pleno Nasional", starts_at=start, kind="plenary",
                                     venue="Daring (Zoom)", meeting_url="https://zoom.us/j/123")
    sheet = sheet_for_session(session, selectors.roster(session), selectors.attendance_policy(world.program))
    text = flat(read(attendance_sheet_pdf(sheet))[1][0])
    assert "09.00–11.00 WIB / 10.00–12.00 WITA / 11.00–13.00 WIT" in text
    assert "Daring (Zoom), tautan: https://zoom.us/j/123" in text and "Daring:" not in text


def test_mentor_rows_show_their_institution_and_nip_and_the_place_of_signing_is_the_programs(world):
    stage = world.program.stages.get(ordinal=1)
    mentor = world.users["mentor"]
    ProgramRole.objects.filter(user=mentor, role="mentor").update(agency="Institut Teknologi Bandung",
                                                                  position="Dosen", nip=NIP)
    services.attendance_policy_update(program=world.program, place="Sampit")
    session = factories.make_session(stage, title="Klinik", mentors=[mentor], teams=[world.team_a])
    sheet = sheet_for_session(session, selectors.roster(session), selectors.attendance_policy(world.program))
    text = flat(read(attendance_sheet_pdf(sheet))[1][-1])
    assert f"{mentor.get_full_name()} 19750312 200003 1 001 Narasumber Dosen Institut Teknologi Bandung" in text
    assert f"Sampit, {stage.start_date.day} " in text


def test_a_cancelled_session_has_no_sheet_link_and_its_sheet_says_dibatalkan(client, world):
    stage = world.program.stages.get(ordinal=1)
    session = factories.make_session(stage, title="Klinik Batal")
    services.session_cancel(session=session, reason="Banjir", notify=False)
    client.force_login(world.users["organizer"])
    page = client.get(reverse("session_detail", args=[world.program.pk, session.pk])).content.decode()
    sheet_url = reverse("attendance_sheet", args=[world.program.pk, session.pk])
    assert sheet_url not in page
    reader, pages = read(client.get(sheet_url + "?variant=blank").getvalue())
    assert all("DIBATALKAN" in text for text in pages)
    assert "Kegiatan dibatalkan — Banjir" in flat(pages[0])


def test_the_recap_names_its_zone_fills_known_times_and_calls_itself_a_recap(client, world):
    stage = world.program.stages.get(ordinal=1)
    wita = datetime.timezone(datetime.timedelta(hours=8))
    # 00.30 WITA on the stage's second day is still the first day in WIB, the server's zone.
    day = stage.start_date + datetime.timedelta(days=1)
    start = datetime.datetime.combine(day, datetime.time(0, 30), tzinfo=wita)
    session = factories.make_session(stage, title="Klinik Malam", starts_at=start, time_zone="Asia/Makassar",
                                     teams=[world.team_a])
    other = factories.make_participant(world.team_a)
    services.attendance_mark(session=session, person=world.participant.user, status="hadir",
                             marked_by=world.participant.user, method=Attendance.Method.QR)
    factories.mark(session, other, "izin")
    client.force_login(world.users["organizer"])
    response = client.get(reverse("attendance_sheet", args=[world.program.pk, session.pk]) + "?variant=recap")
    assert f"-{day.isoformat()}.pdf" in response["Content-Disposition"]
    reader, pages = read(response.getvalue())
    text = flat(pages[0])
    assert "Jam (WITA)" in text and "REKAPITULASI KEHADIRAN" in text
    assert "Rekapitulasi Kehadiran · Klinik Malam" in text and "Daftar Hadir ·" not in text
    assert reader.metadata.title == "Rekapitulasi Kehadiran - Klinik Malam"
    checked_in = Attendance.objects.get(session=session, person=world.participant.user).checked_in_at
    assert f"Hadir {checked_in.astimezone(wita):%H.%M}" in text


def test_the_staff_form_records_institution_position_and_nip(client, world):
    client.force_login(world.users["organizer"])
    response = client.post(reverse("staff_list", args=[world.program.pk]), {
        "email": "evaluator@example.org", "full_name": "Dr. Siti", "role": "evaluator",
        "agency": "Universitas Indonesia", "position": "Lektor Kepala", "nip": "19750312 200003 1 001"})
    assert response.status_code == 302
    grant = ProgramRole.objects.get(user__email="evaluator@example.org")
    assert (grant.agency, grant.position, grant.nip) == ("Universitas Indonesia", "Lektor Kepala", NIP)
    page = client.get(reverse("staff_list", args=[world.program.pk])).content.decode()
    assert "Lektor Kepala, Universitas Indonesia" in page and "NIP 19750312 200003 1 001" in page


NAMES = ["Wanma'ur", "Ḥasan Ṣāliḥ", "Nūr Āisyah", "José Müller-Ñúñez"]


@pytest.mark.xfail(not font_covers("".join(NAMES)), reason="font lands with the certs branch", strict=False)
def test_names_from_arabic_and_with_apostrophes_print_on_the_sheet():
    sheet = header(0, rows=[SheetRow(name=name) for name in NAMES], official_name="Dr. Ṣāliḥ Wanma'ur")
    reader, pages = read(attendance_sheet_pdf(sheet))
    text = flat(pages[0])
    assert all(name in text for name in NAMES) and "Dr. Ṣāliḥ Wanma'ur" in text
    assert font_covers("".join(NAMES))  # a glyph for every letter, not a box


def test_marking_late_by_hand_keeps_the_check_in_time_for_the_recap(world):
    stage = world.program.stages.get(ordinal=1)
    session = factories.make_session(stage, title="Klinik", teams=[world.team_a])
    person = world.participant.user
    services.attendance_mark(session=session, person=person, status="hadir", marked_by=person,
                             method=Attendance.Method.QR)
    checked_in = Attendance.objects.get(session=session, person=person).checked_in_at
    services.attendance_mark(session=session, person=person, status="terlambat", marked_by=world.users["organizer"])
    sheet = sheet_for_session(session, selectors.roster(session), selectors.attendance_policy(world.program))
    text = flat(read(attendance_sheet_pdf(sheet, variant=RECAP))[1][0])
    assert f"Terlambat {checked_in.astimezone(WIB):%H.%M}" in text
    services.attendance_mark(session=session, person=person, status="izin", marked_by=world.users["organizer"])
    assert Attendance.objects.get(session=session, person=person).checked_in_at is None


def test_nip_is_printed_for_the_organizer_and_left_to_fill_in_for_a_mentor_or_evaluator(client, world):
    """NIPs are personal data (participants.rules.sees_personal_data): mentors and evaluators may print the
    sheet for signing, with the NIP column empty for people to write in."""
    stage = world.program.stages.get(ordinal=1)
    session = factories.make_session(stage, title="Klinik NIP", teams=[world.team_a],
                                     mentors=[world.users["mentor"]])
    world.participant.nip = NIP
    world.participant.save(update_fields=["nip"])
    url = reverse("attendance_sheet", args=[world.program.pk, session.pk]) + "?variant=blank"
    grouped = "19750312 200003 1 001"
    texts = {}
    for role in ("organizer", "mentor", "evaluator"):
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        texts[role] = flat(read(response.getvalue())[1][0])
    assert grouped in texts["organizer"] and world.participant.full_name in texts["organizer"]
    for role in ("mentor", "evaluator"):
        assert world.participant.full_name in texts[role] and grouped not in texts[role], role


@pytest.mark.parametrize("count", [12, 400])
def test_a_long_sheet_numbers_every_row_once_in_order_with_the_header_and_page_x_of_y_on_each_page(count):
    reader, pages = read(attendance_sheet_pdf(header(count)))
    total = len(pages)
    per_page = []
    for number, page in enumerate(reader.pages, start=1):
        text = flat(pages[number - 1])
        assert f"Halaman {number} dari {total}" in text
        assert "No Nama NIP Jabatan Instansi/OPD Tanda Tangan" in text
        numbers = [p for p in pieces(page) if p.text.isdigit() and p.x < 25]
        per_page.append([int(p.text) for p in sorted(numbers, key=lambda p: -p.y)])
    assert [n for page in per_page for n in page] == list(range(1, count + 1))
    names = [int(name) for text in pages for name in re.findall(r"Peserta (\d{3})", text)]
    assert names == list(range(1, count + 1))
    if count == 12:
        assert total == 2
    else:
        # Rows of one height: every page between the first and the last holds the same number of them.
        middle = {len(page) for page in per_page[1:-1]}
        assert total > 40 and len(middle) == 1 and len(per_page[0]) < middle.pop()
