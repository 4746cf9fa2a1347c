import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sessions import services
from sessions.meeting_report import parse_minutes, parse_moment, parse_report, stayed_minutes
from sessions.models import Attendance, MeetingReportRow
from tests import factories

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DAY = datetime.date(2026, 11, 27)

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Pleno Tahap I,11/27/2026 08:55:12 AM,11/27/2026 11:05:40 AM,host@bimtek.example,131,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Budi Santoso (Budi),budi@x.example,11/27/2026 08:58:03 AM,11/27/2026 09:40:11 AM,43,No,Y
Budi Santoso (Budi),budi@x.example,11/27/2026 09:45:00 AM,11/27/2026 11:00:00 AM,75,No,Y
Operator iPhone,,11/27/2026 09:00:00 AM,11/27/2026 11:00:00 AM,120,Yes,
"""


def test_zoom_report_with_its_meeting_summary_is_read():
    lines = parse_report(ZOOM.encode("utf-8-sig"), zone=WIB, near=DAY)
    assert [(line.name, line.email, line.minutes) for line in lines] == [
        ("Budi Santoso", "budi@x.example", 43), ("Budi Santoso", "budi@x.example", 75),
        ("Operator iPhone", "", 120)]
    assert lines[0].joined_at == datetime.datetime(2026, 11, 27, 8, 58, 3, tzinfo=WIB)


def test_other_platforms_headers_separators_and_encodings():
    teams = "Nama\tEmail\tWaktu Bergabung\tWaktu Keluar\tDurasi\nSiti Rahayu\tSITI@x.example\t27/11/2026 09:01\t" \
            "27/11/2026 10:00\t59 menit\n"
    lines = parse_report(teams.encode("utf-16"), zone=WIB, near=DAY)
    assert (lines[0].name, lines[0].email, lines[0].minutes) == ("Siti Rahayu", "siti@x.example", 59)
    meet = "First name;Last name;Email;Duration;Time joined;Time exited\nAndi;Wijaya;andi@x.example;1 hr 5 min;;\n"
    lines = parse_report(meet.encode("cp1252"), zone=WIB, near=DAY)
    assert (lines[0].name, lines[0].minutes) == ("Andi Wijaya", 65)


def test_a_file_without_a_participant_table_is_refused():
    with pytest.raises(ValidationError):
        parse_report(b"just,some,columns\n1,2,3\n", zone=WIB, near=DAY)


def test_broken_utf16_is_refused_like_any_file_without_a_participant_table():
    with pytest.raises(ValidationError):
        parse_report(b"\xff\xfe\x00\x00garbage", zone=WIB, near=DAY)


@pytest.mark.parametrize(("text", "minutes"), [("65", 65), ("64.6", 65), ("1:05:00", 65), ("05:30", 6),
                                                ("1h 5m 3s", 65), ("90 min", 90), ("", None), ("abc", None)])
def test_durations(text, minutes):
    assert parse_minutes(text) == minutes


def test_ambiguous_dates_take_the_reading_nearest_the_session():
    assert parse_moment("03/04/2026 09:00", WIB, datetime.date(2026, 4, 3)).month == 4
    assert parse_moment("03/04/2026 09:00", WIB, datetime.date(2026, 3, 4)).month == 3


def test_overlapping_rows_of_one_person_count_once_and_stay_within_the_session():
    start = datetime.datetime(2026, 11, 27, 9, tzinfo=WIB)

    class Row:
        def __init__(self, a, b):
            self.joined_at, self.left_at, self.minutes = start + datetime.timedelta(minutes=a), \
                start + datetime.timedelta(minutes=b), b - a

    rows = [Row(-20, 30), Row(20, 60), Row(100, 200)]  # two devices overlap; last row beyond the end
    assert stayed_minutes(rows, start, start + datetime.timedelta(minutes=120)) == 80


@pytest.fixture
def plenary(world, live_stage):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3)
    return factories.make_session(live_stage, starts_at=start, hours=2, mentors=[world.users["mentor"]])


def report(session, rows):
    def stamp(minutes):
        return timezone.localtime(session.starts_at + datetime.timedelta(minutes=minutes), WIB).strftime(
            "%m/%d/%Y %I:%M:%S %p")

    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    for name, email, joined, left in rows:
        lines.append(f"{name},{email},{stamp(joined)},{stamp(left)},{left - joined},No")
    return SimpleUploadedFile("participants.csv", "\n".join(lines).encode())


def run_import(session, by, rows, **options):
    return services.meeting_report_import(session=session, file=report(session, rows), zone="Asia/Jakarta",
                                          imported_by=by, **options)


@pytest.mark.django_db
def test_import_marks_by_email_with_the_share_and_grace_time(world, plenary):
    late = factories.make_participant(world.team_a)
    short = factories.make_participant(world.team_b)
    result = run_import(plenary, world.users["organizer"], [
        ("Peserta A", world.participant.user.email.upper(), -5, 100),  # 105 of 120 → present
        ("Peserta B", late.user.email, 20, 120),  # joined after the grace time, stayed 100 → late
        ("Peserta C", short.user.email, 0, 60),  # half the session → absent
        ("Tamu", "tamu@luar.example", 0, 120)])
    marks = {a.person_id: a for a in Attendance.objects.filter(session=plenary)}
    assert marks[world.participant.user.pk].status == "hadir"
    assert marks[world.participant.user.pk].method == "imported"
    assert marks[late.user.pk].status == "terlambat"
    assert (marks[short.user.pk].status, marks[short.user.pk].note) == ("tidak_hadir", "Daring 60 dari 120 menit")
    assert (result.present, result.late, result.too_short, result.unmatched) == (1, 1, 1, 1)
    assert MeetingReportRow.objects.filter(session=plenary, person__isnull=True).count() == 1


@pytest.mark.django_db
def test_importing_the_same_report_twice_marks_nothing_twice(world, plenary):
    rows = [("Peserta A", world.participant.user.email, 0, 120), ("Tamu", "", 0, 120)]
    run_import(plenary, world.users["organizer"], rows)
    again = run_import(plenary, world.users["organizer"], rows)
    assert again.duplicates == 2 and again.unmatched == 0
    assert MeetingReportRow.objects.filter(session=plenary).count() == 2
    assert Attendance.objects.filter(session=plenary).count() == 1


@pytest.mark.django_db
def test_a_second_report_adds_up_with_the_first(world, plenary):
    # Each report covers only part of the session (the meeting was restarted): each is applied once confirmed.
    run_import(plenary, world.users["organizer"], [("A", world.participant.user.email, 0, 50)], accept_partial=True)
    assert Attendance.objects.get(session=plenary).status == "tidak_hadir"
    run_import(plenary, world.users["organizer"], [("A", world.participant.user.email, 45, 120)],
               accept_partial=True)
    assert Attendance.objects.get(session=plenary).status == "hadir"


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_report_of_another_days_meeting_is_refused_naming_both_dates_and_marks_nobody(world, plenary):
    yesterday = -24 * 60
    with pytest.raises(ValidationError) as caught:
        run_import(plenary, world.users["organizer"], [("A", world.participant.user.email, yesterday,
                                                        yesterday + 120)])
    report_day = timezone.localtime(plenary.starts_at - datetime.timedelta(days=1), WIB)
    session_day = timezone.localtime(plenary.starts_at, WIB)
    message = caught.value.messages[0]
    assert f"{report_day:%A}, {report_day.day} {report_day:%B %Y}" in message
    assert f"{session_day:%A}, {session_day.day} {session_day:%B %Y} {session_day:%H.%M}" in message
    assert "Nothing was marked" in message
    assert not Attendance.objects.filter(session=plenary).exists()
    assert not MeetingReportRow.objects.filter(session=plenary).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_report_that_overlaps_the_session_in_part_is_shown_first_and_applied_once_confirmed(world, plenary):
    rows = [("A", world.participant.user.email, 60, 180)]  # the meeting began an hour into the session
    with pytest.raises(services.PartialReport) as caught:
        run_import(plenary, world.users["organizer"], rows)
    start = timezone.localtime(plenary.starts_at + datetime.timedelta(minutes=60), WIB)
    end = timezone.localtime(plenary.ends_at, WIB)
    assert f"only from {start:%H.%M} to {end:%H.%M} WIB" in caught.value.messages[0]
    assert not Attendance.objects.filter(session=plenary).exists()
    run_import(plenary, world.users["organizer"], rows, accept_partial=True)
    assert Attendance.objects.get(session=plenary).note == "Daring 60 dari 120 menit"


@pytest.mark.django_db
def test_the_page_shows_a_partial_report_and_applies_it_when_ticked(client, world, plenary):
    world.users["organizer"].language = "en"
    world.users["organizer"].save()
    client.force_login(world.users["organizer"])
    url = reverse("meeting_report", args=[world.program.pk, plenary.pk])
    rows = [("A", world.participant.user.email, 60, 180)]
    page = client.post(url, {"file": report(plenary, rows), "time_zone": "Asia/Jakarta"}).content.decode()
    assert "overlaps the session only from" in page and 'name="accept_partial"' in page
    assert not Attendance.objects.filter(session=plenary).exists()
    client.post(url, {"file": report(plenary, rows), "time_zone": "Asia/Jakarta", "accept_partial": "on"})
    assert Attendance.objects.filter(session=plenary).count() == 1


@pytest.mark.django_db
def test_hand_and_check_in_marks_are_kept(world, plenary):
    factories.mark(plenary, world.participant, "izin", by=world.users["mentor"], note="Surat tugas")
    result = run_import(plenary, world.users["organizer"], [("A", world.participant.user.email, 0, 120)])
    attendance = Attendance.objects.get(session=plenary)
    assert (attendance.status, attendance.note, result.kept) == ("izin", "Surat tugas", 1)


@pytest.mark.django_db
def test_unmatched_rows_are_matched_by_hand_together_with_the_same_persons_other_rows(world, plenary):
    run_import(plenary, world.users["organizer"], [
        ("Budi HP", "budi.pribadi@gmail.example", 0, 40), ("Budi HP", "budi.pribadi@gmail.example", 45, 120)])
    row = MeetingReportRow.objects.filter(session=plenary).first()
    matched = services.meeting_report_row_match(row=row, person=world.participant.user,
                                                matched_by=world.users["organizer"])
    assert matched == 2
    attendance = Attendance.objects.get(session=plenary)
    assert (attendance.person, attendance.status) == (world.participant.user, "hadir")
    with pytest.raises(ValidationError):
        services.meeting_report_row_match(row=row, person=world.foreign_participant.user,
                                          matched_by=world.users["organizer"])


@pytest.mark.django_db
def test_rows_of_nobody_can_be_set_aside(world, plenary):
    run_import(plenary, world.users["organizer"], [("Perekam Zoom", "", 0, 120)])
    services.meeting_report_row_ignore(row=MeetingReportRow.objects.get(session=plenary))
    assert not MeetingReportRow.objects.filter(session=plenary, ignored=False, person__isnull=True).exists()


@pytest.mark.django_db
def test_a_binary_file_is_not_taken_for_a_report(world, plenary):
    pdf = SimpleUploadedFile("report.csv", factories.pdf_bytes("x"))
    with pytest.raises(ValidationError):
        services.meeting_report_import(session=plenary, file=pdf, zone="Asia/Jakarta",
                                       imported_by=world.users["organizer"])
