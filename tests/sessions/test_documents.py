"""The Daftar Hadir PDF, the recap spreadsheet and the calendar feed, read back as a user's program would."""

import datetime
import io

import openpyxl
import pytest
from icalendar import Calendar
from pypdf import PdfReader

from sessions import selectors, services
from sessions.ical import calendar_feed_ics
from sessions.pdf import BLANK, RECAP, SheetHeader, SheetRow, attendance_sheet_pdf, sheet_for_session
from sessions.xlsx import attendance_recap_xlsx
from tests import factories

LONG_NAME = "Prof. Dr. Ir. H. Muhammad Zulkifli Abdurrahman Wahid Hasyim Sastrowardoyo, S.T., M.Sc., M.Kom., Ph.D."


def header(rows, **fields):
    values = dict(program="Gerakan Menuju Smart City 2026", institution="Kementerian Komunikasi dan Digital",
                  stage="Tahap I: Analisis Kesiapan", title="Klinik Kotawaringin Timur", date="Kamis, 27 November 2026",
                  time="09.00–12.00 WIB", place="Ruang rapat Bappeda", rows=rows)
    values.update(fields)
    return SheetHeader(**values)


def read(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def test_blank_sheet_has_the_header_table_pages_and_signature_block():
    rows = [SheetRow(name=f"Peserta {n:03d}", position="Kepala Bidang", agency="Diskominfo", region="Kab. Sleman")
            for n in range(1, 61)]
    reader, pages = read(attendance_sheet_pdf(header(rows, official_name="Dr. Ir. Bambang Santoso, M.T.",
                                                     official_nip="197001011995031001")))
    assert len(pages) >= 3
    first = pages[0]
    for text in ("DAFTAR HADIR", "Klinik Kotawaringin Timur", "Kamis, 27 November 2026", "09.00–12.00 WIB",
                 "Ruang rapat Bappeda", "Tahap I: Analisis Kesiapan"):
        assert text in first
    for number, page in enumerate(pages, start=1):
        # The table header is repeated on every page, and every page says which one it is.
        assert "No" in page and "Nama" in page and "NIP" in page and "Jabatan" in page and "Instansi/OPD" in page
        assert "Tanda Tangan" in page
        assert f"Halaman {number} dari {len(pages)}" in page
    everything = "\n".join(pages)
    assert "Peserta 001" in everything and "Peserta 060" in everything
    assert "Mengetahui," in pages[-1] and "Dr. Ir. Bambang Santoso, M.T." in pages[-1]
    assert "NIP. 19700101 199503 1 001" in pages[-1]


def test_names_with_accents_apostrophes_and_long_titles_print_in_an_embedded_font():
    rows = [SheetRow(name="José Müller-Ñúñez"), SheetRow(name="Ma'ruf Amin Daeng Matta"), SheetRow(name=LONG_NAME)]
    reader, pages = read(attendance_sheet_pdf(header(rows)))
    text = " ".join(pages[0].split())
    assert "José Müller-Ñúñez" in text and "Ma'ruf Amin Daeng Matta" in text
    assert "Sastrowardoyo" in text and "Ph.D." in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object()  # the TrueType program is embedded
    assert {name.split("+")[-1] for name in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_signature_cells_alternate_left_and_right():
    rows = [SheetRow(name=f"Peserta {n}") for n in range(1, 5)]
    reader, _pages = read(attendance_sheet_pdf(header(rows)))
    positions = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in {"1.", "2.", "3.", "4."}:
            positions[text.strip()] = tm[4]

    reader.pages[0].extract_text(visitor_text=visit)
    assert positions["1."] == positions["3."] < positions["2."] == positions["4."]


def test_recap_sheet_fills_in_statuses_and_counts():
    rows = [SheetRow(name="A", status="hadir", time="08.55"), SheetRow(name="B", status="terlambat", time="09.20"),
            SheetRow(name="C", status="izin", note="Sakit"), SheetRow(name="D", status="tidak_hadir"),
            SheetRow(name="E")]
    _reader, pages = read(attendance_sheet_pdf(header(rows), variant=RECAP))
    text = pages[0]
    assert "REKAPITULASI KEHADIRAN" in text and "Kehadiran" in text
    for word in ("Hadir", "Terlambat", "Izin", "Sakit", "Tidak hadir", "Belum dicatat", "08.55"):
        assert word in text
    assert "Jumlah: 5 orang" in text


@pytest.mark.django_db
def test_sheet_of_a_session_is_sorted_by_region_then_name_with_mentors_last(world, stages):
    zeta = factories.make_team(world.program, region=factories.make_region(name="Zeta"))
    alpha = factories.make_team(world.program, region=factories.make_region(name="Alpha"))
    factories.make_participant(zeta, full_name="Ani")
    factories.make_participant(alpha, full_name="Yudi", position="Sekretaris Dinas", agency="Diskominfo")
    factories.make_participant(alpha, full_name="Budi")
    session = factories.make_session(stages[1], teams=[zeta, alpha], mentors=[world.users["mentor"]],
                                     time_zone="Asia/Makassar")
    sheet = sheet_for_session(session, selectors.roster(session), selectors.attendance_policy(world.program))
    assert [row.name for row in sheet.rows] == ["Budi", "Yudi", "Ani", str(world.users["mentor"])]
    assert sheet.rows[1].region == "Kab. Alpha" and sheet.rows[-1].position == "Narasumber"
    assert sheet.time.endswith("WITA") and sheet.date.split(", ")[0] in (
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
    _reader, pages = read(attendance_sheet_pdf(sheet, variant=BLANK))
    assert "Kab. Alpha" in pages[0]


@pytest.mark.django_db
def test_recap_spreadsheet_reopens_with_indonesian_headers_rates_and_neutralised_cells(world, stages):
    first = factories.make_session(stages[1], title="Pleno")
    second = factories.make_session(stages[1], title="Klinik A",
                                    starts_at=datetime.datetime.combine(stages[1].start_date, datetime.time(13),
                                                                        tzinfo=datetime.UTC),
                                    teams=[world.team_a])
    second.time_zone = "Asia/Makassar"
    second.save(update_fields=["time_zone"])
    world.participant.full_name, world.participant.agency = "+62 Budi", "=HYPERLINK(\"http://x\")"
    world.participant.nip = "198503122010011001"
    world.participant.save()
    factories.mark(first, world.participant, "hadir")
    factories.mark(second, world.participant, "izin")
    factories.mark(first, world.other_participant, "terlambat")

    book = openpyxl.load_workbook(io.BytesIO(attendance_recap_xlsx(selectors.attendance_recap(world.program))))
    assert book.sheetnames == ["Rekap Peserta", "Rekap Tim", "Rekap Tahap", "Sesi"]
    people = book["Rekap Peserta"]
    header_row = [cell.value for cell in people[1]]
    assert header_row[:7] == ["No", "Nama", "NIP", "Jabatan", "Instansi", "Daerah", "Provinsi"]
    assert header_row[-3:] == ["Hadir", "Diharapkan", "Persentase (%)"]
    # Each session's time in its own zone, named.
    assert header_row[7].endswith("WIB Pleno")
    assert header_row[8] == f"{stages[1].start_date:%d-%m-%Y} 21.00 WITA Klinik A"
    rows = {row[1].value: row for row in people.iter_rows(min_row=2)}
    budi = rows["+62 Budi"]  # as written, a text cell that never runs
    assert budi[1].data_type == "s" and budi[1].quotePrefix
    assert budi[2].value == "198503122010011001" and budi[2].number_format == "@"
    assert people.column_dimensions["C"].number_format == "@"
    assert people.column_dimensions["H"].width <= 14 and people["H1"].alignment.wrap_text  # narrow, wrapped
    assert budi[4].value == "=HYPERLINK(\"http://x\")" and budi[4].data_type == "s"
    assert [cell.value for cell in budi[7:]] == ["Hadir", "Izin", 1, 2, 50.0]
    other = rows[world.other_participant.full_name]
    assert [cell.value for cell in other[7:]] == ["Terlambat", None, 1, 1, 100.0]
    teams = {row[0]: row for row in book["Rekap Tim"].iter_rows(min_row=2, values_only=True)}
    assert teams[str(world.team_a.region).replace("Kabupaten ", "Kab. ")][3:6] == (1, 2, 50.0)
    sessions = book["Sesi"]
    assert [cell.value for cell in sessions[1]][2:5] == ["Mulai (WIB)", "Selesai (WIB)", "Waktu setempat"]
    klinik = [row for row in sessions.iter_rows(min_row=2) if row[5].value == "Klinik A"][0]
    assert klinik[2].is_date and klinik[2].value == datetime.datetime.combine(stages[1].start_date, datetime.time(20))
    assert klinik[4].value.endswith("WITA")
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"


@pytest.mark.django_db
def test_calendar_feed_has_time_zones_stable_uids_sequence_and_cancellations(world, stages):
    user = world.participant.user
    user.time_zone = "Asia/Makassar"
    user.save()
    session = factories.make_session(stages[1], title="Klinik A", teams=[world.team_a], venue="Aula Bappeda")
    factories.make_session(stages[2], title="Klinik B", teams=[world.team_b])  # another team's: not in the feed
    base = "https://bimtek.example.go.id"
    first = Calendar.from_ical(calendar_feed_ics(user=user, sessions=selectors.calendar_sessions(user),
                                                 mentors={}, base_url=base))
    events = first.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Klinik A"]
    event = events[0]
    assert str(event["UID"]) == f"bimtek-session-{session.pk}@bimtek.example.go.id"
    assert event["DTSTART"].dt.tzinfo.key == "Asia/Makassar" and event.get("SEQUENCE") == 0
    assert str(event["LOCATION"]) == "Aula Bappeda"
    assert [str(tz["TZID"]) for tz in first.walk("VTIMEZONE")] == ["Asia/Makassar"]

    services.session_update(session=session, starts_at=session.starts_at + datetime.timedelta(hours=1),
                            ends_at=session.ends_at + datetime.timedelta(hours=1))
    services.session_cancel(session=session, reason="Hujan")
    moved = Calendar.from_ical(calendar_feed_ics(user=user, sessions=selectors.calendar_sessions(user),
                                                 mentors={}, base_url=base)).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(event["UID"])
    assert moved.get("SEQUENCE") == 2 and str(moved["STATUS"]) == "CANCELLED"
    assert moved["DTSTART"].dt == event["DTSTART"].dt + datetime.timedelta(hours=1)
