import datetime
import io

import openpyxl
import pytest
import rules
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bimtek.overview.services import stage_update
from bimtek.program_cache import program_figures_reset
from bimtek.services import stage_add, user_preferences_update
from participants.services import mentor_assign, staff_add
from sessions import checkin, selectors
from sessions.models import Attendance, AttendancePolicy, MeetingReportRow, SignedSheet, TrainingSession
from sessions.services import session_cancel, session_update
from sessions.views import schedule as schedule_views
from tests import factories
from tests.workers import prepared

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_world")]
WIB = datetime.timezone(datetime.timedelta(hours=7))


def login(client, user):
    client.force_login(user)
    return client


def at(stage, hour, day=0):
    return datetime.datetime.combine(stage.start_date + datetime.timedelta(days=day), datetime.time(hour), tzinfo=WIB)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def kept_until_a_mark(client, url, world, session, status, capture_on_commit):
    """The page counted afresh, then read again from what it kept (fewer queries); then the participant marked
    ``status`` at ``session``, committed."""
    program_figures_reset(world.program)
    counting, cached = count_queries(client, url), count_queries(client, url)
    assert cached < counting  # the kept figures are read, not counted again
    with capture_on_commit(execute=True):
        factories.mark(session, world.participant, status)


@pytest.fixture
def now_clinic(world, live_stage):
    return factories.make_session(live_stage, title="Klinik Sekarang", starts_at=timezone.now().replace(microsecond=0),
                                  teams=[world.team_a], mentors=[world.users["mentor"]])


def test_participant_schedule_shows_all_team_and_own_team_sessions_only(client, world, stages):
    factories.make_session(stages[1], title="Pleno Pembukaan")
    factories.make_session(stages[1], title="Klinik Tim A", teams=[world.team_a], starts_at=at(stages[1], 13))
    factories.make_session(stages[1], title="Klinik Tim B", teams=[world.team_b], starts_at=at(stages[1], 13))
    stage_one = reverse("session_list", args=[world.program.pk]) + "?stage=1"
    page = login(client, world.participant.user).get(stage_one).content.decode()
    assert "Pleno Pembukaan" in page and "Klinik Tim A" in page and "Klinik Tim B" not in page
    organizer_page = login(client, world.users["organizer"]).get(stage_one).content.decode()
    assert "Klinik Tim B" in organizer_page


def test_participant_schedule_follows_sessions_right_after_the_service_commits(client, world, stages,
                                                                               django_capture_on_commit_callbacks):
    """A participant's sessions of a stage are kept by id (visible_stage_sessions) until the program changes."""
    stage_one = reverse("session_list", args=[world.program.pk]) + "?stage=1"
    with django_capture_on_commit_callbacks(execute=True):
        other = factories.make_session(stages[1], title="Klinik Tim B", teams=[world.team_b])
    login(client, world.participant.user)
    assert "Klinik Tim B" not in client.get(stage_one).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=other, expected_teams=[world.team_a, world.team_b], notify=False)
    assert "Klinik Tim B" in client.get(stage_one).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_session(stages[1], title="Klinik Tim A", teams=[world.team_a], starts_at=at(stages[1], 13))
    assert "Klinik Tim A" in client.get(stage_one).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=other, expected_teams=[world.team_b], notify=False)
    page = client.get(stage_one).content.decode()
    assert "Klinik Tim B" not in page and "Klinik Tim A" in page


def test_a_mentors_schedule_shows_their_teams_and_own_sessions_the_whole_program_or_one_team_and_follows_changes(
        client, world, stages, django_capture_on_commit_callbacks):
    """A mentor's kept list of a stage's sessions: their team's and those they mentor; ``?scope=all`` every one;
    ``?team=`` one team's; a team assigned to them shows its sessions once the service commits."""
    url = reverse("session_list", args=[world.program.pk]) + "?stage=1"
    mentor = world.users["mentor"]
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_session(stages[1], title="Klinik Tim A", teams=[world.team_a], starts_at=at(stages[1], 9))
        factories.make_session(stages[1], title="Klinik Tim B", teams=[world.team_b], starts_at=at(stages[1], 11))
        factories.make_session(stages[1], title="Klinik Narasumber", teams=[world.team_b], mentors=[mentor],
                               starts_at=at(stages[1], 13))
    login(client, mentor)

    def shown(query=""):
        page = client.get(url + query).content.decode()
        return [title for title in ("Klinik Tim A", "Klinik Tim B", "Klinik Narasumber") if title in page]

    assert shown() == ["Klinik Tim A", "Klinik Narasumber"]
    assert shown("&scope=all") == ["Klinik Tim A", "Klinik Tim B", "Klinik Narasumber"]
    assert shown(f"&scope=all&team={world.team_b.pk}") == ["Klinik Tim B", "Klinik Narasumber"]
    with django_capture_on_commit_callbacks(execute=True):
        mentor_assign(team=world.team_b, mentor=mentor)
    assert shown() == ["Klinik Tim A", "Klinik Tim B", "Klinik Narasumber"]


def test_schedule_shows_the_current_stage_first_and_links_the_others(client, world, stages, live_stage, english):
    factories.make_session(stages[1], title="Pleno Lalu")
    factories.make_session(live_stage, title="Pleno Kini")
    url = reverse("session_list", args=[world.program.pk])
    page = login(client, world.users["organizer"]).get(url).content.decode()
    assert "Pleno Kini" in page and "Pleno Lalu" not in page
    assert 'href="?stage=1"' in page and 'href="?stage=3"' in page
    assert 'href="?stage=2" aria-current="page"' in page
    earlier = client.get(url, {"stage": 1}).content.decode()
    assert "Pleno Lalu" in earlier and "Pleno Kini" not in earlier
    assert "Pleno Kini" in client.get(url, {"stage": "x"}).content.decode()


def test_schedule_follows_a_stage_change_right_after_the_service_commits(client, world, stages,
                                                                         django_capture_on_commit_callbacks):
    """The schedule takes the program's stages from the cache (ordered_stages): an edited or added stage shows at
    once."""
    url = reverse("session_list", args=[world.program.pk])
    login(client, world.users["organizer"])
    assert "Tahap Baru" not in client.get(url, {"stage": 1}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        stage_update(stage=stages[1], title="Tahap Baru")
    assert "Tahap Baru" in client.get(url, {"stage": 1}).content.decode()
    last = stages[max(stages)]
    with django_capture_on_commit_callbacks(execute=True):
        stage_add(program=world.program, title="Tahap Tambahan", start_date=last.end_date, end_date=last.end_date)
    page = client.get(url, {"stage": len(stages) + 1}).content.decode()
    assert f'href="?stage={len(stages) + 1}" aria-current="page"' in page and "Tahap Tambahan" in page


def test_schedule_names_three_teams_of_a_session_and_counts_the_rest(client, world, stages, english):
    teams = [factories.make_team(world.program, region=factories.make_region(name=f"Tim {letter}"))
             for letter in "EDCBA"]
    for team in teams:
        factories.make_participant(team)
    factories.make_session(stages[1], title="Klinik Lima", teams=teams)
    page = login(client, world.users["organizer"]).get(
        reverse("session_list", args=[world.program.pk]), {"stage": 1}).content.decode()
    assert "Kabupaten Tim A, Kabupaten Tim B, Kabupaten Tim C and 2 more" in page
    assert "/ 5<" in page


def test_a_schedule_row_of_a_cancelled_online_session_held_in_another_zone(client, world, stages, english):
    session = factories.make_session(stages[1], title="Klinik <Daring>", meeting_url="https://meet.example/x?a=1&b=2",
                                     time_zone="Asia/Jayapura", teams=[world.team_a])
    factories.mark(session, world.participant, "terlambat")
    session_cancel(session=session, reason="Libur", cancelled_by=world.users["organizer"])
    page = login(client, world.participant.user).get(
        reverse("session_list", args=[world.program.pk]), {"stage": 1}).content.decode()
    assert '<tr class="cancelled">' in page
    assert 'Klinik &lt;Daring&gt;</a><br><span class="small muted">Class</span> <span class="badge bad">Cancelled' \
        in page
    assert '"><a href="https://meet.example/x?a=1&amp;b=2" rel="noopener">meeting link</a></td>' in page
    assert '<br><span class="small muted">local: 11.00–13.00 WIT</span></td>' in page
    assert '<span class="badge warn">Late</span></td>' in page


def test_schedule_of_a_program_of_many_teams_finds_a_team_by_region(client, world, stages, monkeypatch, english):
    monkeypatch.setattr(schedule_views, "TEAM_CHOICES_MAX", 1)
    jayapura = factories.make_team(world.program, region=factories.make_region(name="Jayapura"))
    factories.make_session(stages[1], title="Klinik Jayapura", teams=[jayapura])
    factories.make_session(stages[1], title="Klinik Tim A", teams=[world.team_a])
    url = reverse("session_list", args=[world.program.pk])
    page = login(client, world.users["organizer"]).get(url, {"stage": 1}).content.decode()
    assert 'name="region"' in page and 'id="team-filter"' not in page
    assert "For one region's own letter, search for its team above." in page
    found = client.get(url, {"stage": 1, "region": "yapur"}).content.decode()
    assert "Klinik Jayapura" in found and "Klinik Tim A" not in found
    assert reverse("invitation_letter", args=[world.program.pk, 1, jayapura.pk]) in found
    assert f'href="?stage=2&amp;team={jayapura.pk}"' in found
    assert "No team matches the search." in client.get(url, {"stage": 1, "region": "Atlantis"}).content.decode()


def test_schedule_and_recap_queries_do_not_grow_with_the_program(client, world, stages):
    login(client, world.users["organizer"])
    urls = [reverse(name, args=[world.program.pk]) for name in ("session_list", "attendance_recap")]
    urls.append(reverse("session_calendar", args=[world.program.pk]) + f"?date={stages[1].start_date}")

    def grow(n):
        for index in range(n):
            team = factories.make_team(world.program)
            member = factories.make_participant(team)
            session = factories.make_session(stages[1], teams=[team], mentors=[world.users["mentor"]],
                                             starts_at=at(stages[1], 8 + index % 6))
            factories.mark(session, member, "hadir")

    def counted(url):
        program_figures_reset(world.program)  # each count includes counting the cached figures
        return count_queries(client, url)

    grow(1)
    small = [counted(url) for url in urls]
    grow(3)
    assert [counted(url) for url in urls] == small


def test_calendar_places_sessions_on_the_viewers_local_day(client, world, stages):
    late = datetime.datetime.combine(stages[1].start_date, datetime.time(23, 30), tzinfo=WIB)
    factories.make_session(stages[1], title="Pleno Malam", starts_at=late, hours=1)
    user = world.participant.user
    user.time_zone = "Asia/Jayapura"
    user.save()
    url = reverse("session_calendar", args=[world.program.pk]) + f"?view=week&date={stages[1].start_date}"
    page = login(client, user).get(url).content.decode()
    # 23.30 WIB is 01.30 WIT the next day.
    assert "01.30–02.30 WIT" in page
    day_after = page.split("Pleno Malam")[0].rsplit("<h3", 1)[1]
    next_day = stages[1].start_date + datetime.timedelta(days=1)
    assert str(next_day.day) in day_after


def session_form(stage, **fields):
    data = {"stage": stage.pk, "title": "Klinik Banyuwangi", "kind": "clinic", "time_zone": "Asia/Makassar",
            "starts_at": f"{stage.start_date}T10:00", "ends_at": f"{stage.start_date}T12:00", "venue": "Aula",
            "meeting_url": "", "all_teams": "on"}
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_scheduling_reads_typed_times_in_the_sessions_zone_and_warns_about_overlaps(client, world, stages):
    mentor = world.users["mentor"]
    login(client, mentor)
    url = reverse("session_create", args=[world.program.pk])
    response = client.post(url, session_form(stages[1], mentors=[mentor.pk]))
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert session.starts_at == datetime.datetime.combine(stages[1].start_date, datetime.time(2),
                                                          tzinfo=datetime.UTC)
    assert session.created_by == mentor and list(session.mentors.all()) == [mentor]

    clash = session_form(stages[1], title="Kelas", mentors=[mentor.pk], starts_at=f"{stages[1].start_date}T11:00",
                         ends_at=f"{stages[1].start_date}T13:00")
    response = client.post(url, clash)
    page = response.content.decode()
    assert response.status_code == 200 and "Klinik Banyuwangi" in page and 'name="confirm_conflicts"' in page
    assert 'type="checkbox" name="confirm_conflicts"' in page
    assert TrainingSession.objects.count() == 1
    response = client.post(url, {**clash, "confirm_conflicts": "on"})
    assert response.status_code == 302 and TrainingSession.objects.count() == 2


def test_a_new_session_is_mentored_by_whom_the_rule_says(client, world, replace_perm):
    url = reverse("session_create", args=[world.program.pk])
    login(client, world.users["mentor"])
    assert client.get(url).context["form"].initial["mentors"] == [world.users["mentor"]]
    login(client, world.users["organizer"])
    assert "mentors" not in client.get(url).context["form"].initial
    replace_perm("training.mentor_sessions", rules.always_true)
    assert client.get(url).context["form"].initial["mentors"] == [world.users["organizer"]]


def test_scheduling_outside_the_stage_says_so_next_to_the_field(client, world, stages):
    login(client, world.users["organizer"])
    day = stages[1].start_date + datetime.timedelta(days=10)
    response = client.post(reverse("session_create", args=[world.program.pk]),
                           session_form(stages[1], starts_at=f"{day}T10:00", ends_at=f"{day}T12:00"))
    assert response.status_code == 200
    assert "inside its stage" in str(response.context["form"].errors["starts_at"])


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_time_at_the_end_of_the_calendar_is_refused_as_invalid(client, world, stages, when):
    login(client, world.users["organizer"])
    response = client.post(reverse("session_create", args=[world.program.pk]),
                           session_form(stages[1], starts_at=when, ends_at=when))
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == ["Enter a valid date/time."]
    assert TrainingSession.objects.count() == 0


def test_an_id_too_large_for_the_database_is_an_invalid_choice(client, world, stages):
    login(client, world.users["organizer"])
    huge = "99999999999999999999"
    response = client.post(reverse("session_create", args=[world.program.pk]),
                           session_form(stages[1], all_teams=None, expected_teams=[huge], mentors=[huge]))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"expected_teams", "mentors"}
    assert TrainingSession.objects.count() == 0


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_calendar_at_the_end_of_time_shows_this_month(client, world, day):
    login(client, world.participant.user)
    response = client.get(reverse("session_calendar", args=[world.program.pk]), {"date": day})
    assert response.status_code == 200


def test_changing_a_session_emails_its_roster(client, world, stages, mailoutbox, django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1], title="Klinik A", teams=[world.team_a],
                                     mentors=[world.users["mentor"]])
    login(client, world.users["mentor"])
    data = session_form(stages[1], title="Klinik A", time_zone="Asia/Jakarta", all_teams=None,
                        expected_teams=[world.team_a.pk], mentors=[world.users["mentor"].pk],
                        starts_at=f"{stages[1].start_date}T13:00", ends_at=f"{stages[1].start_date}T15:00")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_update", args=[world.program.pk, session.pk]), data)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.participant.user.email,
                                                          world.users["mentor"].email])


def test_cancelling_from_the_page(client, world, stages):
    session = factories.make_session(stages[1], teams=[world.team_a])
    login(client, world.users["organizer"])
    client.post(reverse("session_cancel", args=[world.program.pk, session.pk]), {"reason": "Libur nasional"})
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "Libur nasional"
    page = client.get(reverse("session_list", args=[world.program.pk]) + "?stage=1").content.decode()
    assert "Cancelled" in page or "Dibatalkan" in page


def test_marking_the_roster_in_one_form(client, world, now_clinic):
    second = factories.make_participant(world.team_a)
    url = reverse("attendance_mark", args=[world.program.pk, now_clinic.pk])
    login(client, world.users["mentor"])
    page = client.get(url).content.decode()
    assert world.participant.full_name in page and second.full_name in page and "Status of" in page
    client.post(url, {f"status-{world.participant.user.pk}": "hadir",
                      f"note-{world.participant.user.pk}": "",
                      f"status-{second.user.pk}": "izin", f"note-{second.user.pk}": "Dinas luar",
                      f"status-{world.users['mentor'].pk}": "", "fill": "tidak_hadir"})
    marks = {a.person_id: (a.status, a.note, a.marked_by_id) for a in Attendance.objects.all()}
    mentor = world.users["mentor"]
    assert marks == {world.participant.user.pk: ("hadir", "", mentor.pk),
                     second.user.pk: ("izin", "Dinas luar", mentor.pk), mentor.pk: ("tidak_hadir", "", mentor.pk)}


def test_marking_page_queries_do_not_grow_with_the_roster(client, world, now_clinic):
    login(client, world.users["organizer"])
    url = reverse("attendance_mark", args=[world.program.pk, now_clinic.pk])
    factories.mark(now_clinic, world.participant, "hadir")
    program_figures_reset(world.program)  # both counts include counting the roster's size
    small = count_queries(client, url)
    for _ in range(4):
        factories.mark(now_clinic, factories.make_participant(world.team_a), "terlambat", by=world.users["mentor"])
    program_figures_reset(world.program)
    assert count_queries(client, url) == small


def test_phone_check_in_from_the_qr_code(client, world, now_clinic):
    policy = selectors.attendance_policy(world.program)
    code = checkin.current_code(now_clinic, policy)
    url = reverse("checkin", args=[world.program.pk, now_clinic.pk])
    login(client, world.participant.user)
    page = client.get(f"{url}?code={code}&via=qr").content.decode()
    assert 'name="viewport"' in page and 'inputmode="numeric"' in page and f'value="{code}"' in page
    response = client.post(url, {"code": code, "via": "qr"})
    assert "You are checked in" in response.content.decode()
    attendance = Attendance.objects.get()
    assert (attendance.person, attendance.status, attendance.method) == (world.participant.user, "hadir", "qr")


def test_check_in_refuses_people_not_on_the_roster_and_wrong_codes_with_a_message(client, world, now_clinic):
    url = reverse("checkin", args=[world.program.pk, now_clinic.pk])
    page = login(client, world.other_participant.user).get(url).content.decode()
    assert "not on the list of people expected" in page and "<form" not in page.split("<main")[1]
    response = login(client, world.participant.user).post(url, {"code": "000000"})
    assert "wrong or has expired" in response.content.decode()
    assert not Attendance.objects.exists()


def test_typed_code_page(client, world, now_clinic):
    code = checkin.current_code(now_clinic, selectors.attendance_policy(world.program))
    login(client, world.participant.user)
    page = client.get(reverse("checkin_code")).content.decode()
    assert "Klinik Sekarang" in page
    response = client.post(reverse("checkin_code"), {"code": f"{code[:3]} {code[3:]}"})
    assert "You are checked in to Klinik Sekarang" in response.content.decode()


def test_room_screen_shows_the_current_code_and_an_inline_qr_svg(client, world, now_clinic):
    login(client, world.users["mentor"])
    page = client.get(reverse("checkin_display", args=[world.program.pk, now_clinic.pk])).content.decode()
    code = checkin.current_code(now_clinic, selectors.attendance_policy(world.program))
    assert f"{code[:3]} {code[3:]}" in page or checkin.checkin_code(now_clinic.pk, checkin.time_step(
        selectors.attendance_policy(world.program)) - 1) in page.replace(" ", "")
    assert '<svg viewBox' in page and "<title>" in page and 'data-refresh="' in page


def test_sheet_pdf_and_recap_export_download(client, world, stages, django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1], title="Klinik Sleman", teams=[world.team_a])
    factories.mark(session, world.participant, "hadir")
    login(client, world.users["organizer"])
    response = client.get(reverse("attendance_sheet", args=[world.program.pk, session.pk]) + "?variant=recap")
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "REKAPITULASI KEHADIRAN" in text and world.participant.full_name in text and "Hadir" in text
    response = prepared(client, django_capture_on_commit_callbacks,
                        reverse("attendance_recap_export", args=[world.program.pk]), {"stage": 1})
    assert response["Content-Disposition"].endswith('tahap-I.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.body))
    names = [row[1] for row in book["Rekap Peserta"].iter_rows(min_row=2, values_only=True)]
    assert world.participant.full_name in names


def test_signed_sheet_scan_upload_download_and_refusal(client, world, stages):
    session = factories.make_session(stages[1], teams=[world.team_a], mentors=[world.users["mentor"]])
    login(client, world.users["mentor"])
    upload = reverse("signed_sheet_upload", args=[world.program.pk, session.pk])
    client.post(upload, {"file": SimpleUploadedFile("scan.pdf", factories.pdf_bytes("ttd")), "note": "Hal. 1"})
    client.post(upload, {"file": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf")})
    sheet = SignedSheet.objects.get()
    assert (sheet.original_name, sheet.kind, sheet.note) == ("scan.pdf", "pdf", "Hal. 1")
    response = login(client, world.users["evaluator"]).get(
        reverse("signed_sheet_download", args=[world.program.pk, session.pk, sheet.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_meeting_report_page_imports_and_lists_rows_to_match(client, world, now_clinic):
    login(client, world.users["organizer"])
    url = reverse("meeting_report", args=[world.program.pk, now_clinic.pk])
    start = timezone.localtime(now_clinic.starts_at, datetime.timezone(datetime.timedelta(hours=7)))
    # The meeting covers the whole session, whatever the hour the test runs (a session at 23.00 ends tomorrow).
    end = start + datetime.timedelta(hours=3)
    csv = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
           f"Pak Budi,budi.lain@x.example,{start:%m/%d/%Y %I:%M:%S %p},{end:%m/%d/%Y %I:%M:%S %p},120\n")
    response = client.post(url, {"file": SimpleUploadedFile("zoom.csv", csv.encode()), "time_zone": "Asia/Jakarta"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Pak Budi" in page and "budi.lain@x.example" in page
    row = now_clinic.report_rows.get()
    client.post(reverse("meeting_report_match", args=[world.program.pk, now_clinic.pk, row.pk]),
                {f"row{row.pk}-person": world.participant.user.pk, "action": "match"})
    assert Attendance.objects.get().person == world.participant.user


def test_meeting_report_page_runs_the_same_queries_however_many_rows_wait(client, world, now_clinic):
    login(client, world.users["organizer"])
    url = reverse("meeting_report", args=[world.program.pk, now_clinic.pk])

    def add_rows(n):
        MeetingReportRow.objects.bulk_create(MeetingReportRow(session=now_clinic, name=f"Tamu {i}", minutes=30)
                                             for i in range(n))

    add_rows(2)
    client.get(url)  # the program's settings, kept in the cache from then on
    few = count_queries(client, url)
    add_rows(6)
    assert count_queries(client, url) == few
    # The one roster person whose name the row carries is still proposed.
    MeetingReportRow.objects.create(session=now_clinic, name=world.participant.full_name, minutes=30)
    page = client.get(url).content.decode()
    assert f'<option value="{world.participant.user.pk}" selected>' in page


def test_recap_for_a_mentor_covers_only_the_teams_they_guide(client, world, stages):
    factories.make_session(stages[1])
    page = login(client, world.users["mentor"]).get(
        reverse("attendance_recap", args=[world.program.pk])).content.decode()
    assert world.participant.full_name in page and world.other_participant.full_name not in page


def test_recap_stage_totals_are_kept_until_attendance_changes(client, world, stages,
                                                             django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("attendance_recap", args=[world.program.pk])
    login(client, world.users["organizer"])

    def stage_one():
        return next((r.attended, r.expected) for r in client.get(url).context["recap"].stages if r.stage.ordinal == 1)

    before = stage_one()
    kept_until_a_mark(client, url, world, session, "hadir", django_capture_on_commit_callbacks)
    assert stage_one() == (before[0] + 1, before[1])


def test_the_kept_recap_pages_show_a_new_mark(client, world, stages, django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("attendance_recap", args=[world.program.pk])
    login(client, world.users["organizer"])
    team = world.participant.team

    def shown():
        recap = client.get(url).context["recap"]
        person = next(p for p in recap.people if p.user_id == world.participant.user_id)
        return person.attended, next(row.attended for row in recap.teams if row.team.pk == team.pk)

    before = shown()
    kept_until_a_mark(client, url, world, session, "hadir", django_capture_on_commit_callbacks)
    assert shown() == (before[0] + 1, before[1] + 1)


def test_the_kept_team_steps_of_the_marking_form_follow_a_new_team(client, world, stages,
                                                                   django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    login(client, world.users["organizer"])
    last = selectors.TeamOrder(session).last()
    url = reverse("attendance_mark", args=[world.program.pk, session.pk]) + f"?team={last.pk}"
    before = client.get(url).context
    assert before["next_group"] in ("", "mentors") and before["group_number"] == before["group_count"] - \
        before["has_mentors"]
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = factories.make_team(world.program, region=factories.make_region(name="Zzz Terakhir"))
        factories.make_participant(newcomer)
    after = client.get(url).context
    assert after["next_group"] == str(newcomer.pk) and after["group_number"] == before["group_number"]
    assert client.get(reverse("attendance_mark", args=[world.program.pk, session.pk]) + f"?team={newcomer.pk}"
                      ).context["previous_group"] == str(last.pk)


def test_the_kept_pages_show_a_mentor_by_the_name_the_program_now_lists(client, world, stages, english):
    mentor = world.users["mentor"]
    session = factories.make_session(stages[1], teams=[world.team_a], mentors=[mentor])
    login(client, world.users["organizer"])
    urls = [reverse("session_list", args=[world.program.pk]) + "?stage=1",
            reverse("attendance_recap", args=[world.program.pk]),
            reverse("session_detail", args=[world.program.pk, session.pk])]
    for url in urls:
        assert mentor.get_full_name() in client.get(url).content.decode()
    # The account's own name is not the program's to show; the name the organizer lists them by is.
    user_preferences_update(user=mentor, full_name="Nama Akun Sendiri", language=mentor.language,
                            time_zone=mentor.time_zone)
    staff_add(program=world.program, email=mentor.email, full_name="Nama Baru Narasumber", role="mentor")
    for url in urls:
        page = client.get(url).content.decode()
        assert "Nama Baru Narasumber" in page and "Nama Akun Sendiri" not in page, url


def test_session_status_counts_are_kept_until_attendance_changes(client, world, stages,
                                                                  django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("session_detail", args=[world.program.pk, session.pk])
    login(client, world.users["organizer"])
    assert client.get(url).context["counts"]["hadir"] == 0
    kept_until_a_mark(client, url, world, session, "hadir", django_capture_on_commit_callbacks)
    counts = client.get(url).context["counts"]
    assert counts["hadir"] == 1 and counts["unrecorded"] == counts["size"] - 1


def test_the_kept_page_of_the_roster_and_quorum_shows_a_new_mark(client, world, stages,
                                                                 django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("session_detail", args=[world.program.pk, session.pk])
    login(client, world.users["organizer"])
    team = world.participant.team

    def shown(context):
        status = next(e.status for e in context["roster_page"] if e.name == world.participant.full_name)
        return status, next(row["present"] for row in context["quorum_rows"] if row["team_id"] == team.pk)

    assert shown(client.get(url).context) == ("", 0)
    kept_until_a_mark(client, url, world, session, "terlambat", django_capture_on_commit_callbacks)
    assert shown(client.get(url).context) == ("terlambat", 1)


def test_the_roster_shown_follows_a_new_participant_and_mentor_once_committed(client, world, stages,
                                                                             django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    login(client, world.users["organizer"])
    detail = reverse("session_detail", args=[world.program.pk, session.pk])
    marking = reverse("attendance_mark", args=[world.program.pk, session.pk])
    team = world.participant.team

    def quorum(context):
        return next((row["members"], row["present"]) for row in context["quorum_rows"] if row["team_id"] == team.pk)

    before = client.get(detail).context
    assert not client.get(marking).context["has_mentors"]
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = factories.make_participant(team, full_name="Aaron Baru")
        factories.mark(session, world.participant, "hadir")
    context = client.get(detail).context
    assert context["roster_size"] == before["roster_size"] + 1
    assert quorum(context) == (quorum(before)[0] + 1, quorum(before)[1] + 1)
    assert "Aaron Baru" in [entry.name for entry in context["roster_page"]]
    assert [e.name for e in context["roster_page"]] == [e.name for e in selectors.roster(session)]
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, mentors=[world.users["mentor"]], confirm_conflicts=True)
    marked = client.get(marking).context
    assert marked["has_mentors"] and newcomer.full_name in [entry.name for entry in marked["entries"]]
    assert client.get(detail).context["roster_size"] == before["roster_size"] + 2


def test_the_schedule_counts_follow_a_mark_and_a_new_member_once_committed(client, world, stages,
                                                                          django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1], teams=[world.participant.team])
    login(client, world.users["organizer"])
    url = reverse("session_list", args=[world.program.pk]) + f"?stage={stages[1].ordinal}"

    def shown():
        row = next(row for _stage, rows in client.get(url).context["stages"] for row in rows if row.pk == session.pk)
        return row.present_count, row.roster_size

    before = shown()
    with django_capture_on_commit_callbacks(execute=True):
        factories.mark(session, world.participant, "hadir")
        factories.make_participant(world.participant.team)
    assert shown() == (before[0] + 1, before[1] + 1)


def test_the_recap_pages_follow_a_new_member_and_a_mark_once_committed(client, world, stages,
                                                                      django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("attendance_recap", args=[world.program.pk])
    login(client, world.users["organizer"])

    def shown():
        recap = client.get(url).context["recap"]
        team = next(row for row in recap.teams if row.team == world.participant.team)
        return recap.people.paginator.count, team.members, team.attended, [person.name for person in recap.people]

    before = shown()
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_participant(world.participant.team, full_name="Aaron Baru")
        factories.mark(session, world.participant, "hadir")
    after = shown()
    assert after[:3] == (before[0] + 1, before[1] + 1, before[2] + 1) and "Aaron Baru" in after[3]


def test_own_attendance_page_and_home_panel(client, world, stages, now_clinic):
    past = factories.make_session(stages[1], title="Pleno Lalu")
    factories.mark(past, world.participant, "hadir")
    login(client, world.participant.user)
    page = client.get(reverse("attendance_mine", args=[world.program.pk])).content.decode()
    # The clinic going on now counts as expected: one of two.
    assert "Pleno Lalu" in page and "50%" in page and "1 / 2" in page
    home = client.get(reverse("home")).content.decode()
    assert "50%" in home
    assert reverse("checkin", args=[world.program.pk, now_clinic.pk]) in home


POLICY_DATA = {"checkin_opens_minutes": 20, "checkin_closes_minutes": 90, "late_after_minutes": 10,
               "code_rotation_seconds": 30, "online_min_share": 80, "team_quorum": 4,
               "official_name": "Drs. Andi", "official_position": "Kepala Pusat", "official_nip": ""}


def test_attendance_settings_are_saved(client, world):
    login(client, world.users["organizer"])
    data = dict(POLICY_DATA)
    response = client.post(reverse("attendance_settings", args=[world.program.pk]), data)
    assert response.status_code == 302
    policy = AttendancePolicy.objects.get(program=world.program)
    assert (policy.code_rotation_seconds, policy.team_quorum, policy.official_name) == (30, 4, "Drs. Andi")


def test_the_attendance_settings_shown_are_fresh_right_after_they_are_saved(client, world,
                                                                           django_capture_on_commit_callbacks):
    """The settings are kept in the cache (most pages read them); saving them moves them once it commits."""
    login(client, world.users["organizer"])
    url = reverse("attendance_settings", args=[world.program.pk])
    assert client.get(url).context["form"].instance.team_quorum != 4
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, dict(POLICY_DATA)).status_code == 302
    assert client.get(url).context["form"].instance.team_quorum == 4


def test_the_officials_nip_is_accepted_as_it_is_usually_written(client, world):
    login(client, world.users["organizer"])
    data = dict(POLICY_DATA, official_nip="19750312 200003 1 001")
    response = client.post(reverse("attendance_settings", args=[world.program.pk]), data)
    assert response.status_code == 302
    assert AttendancePolicy.objects.get(program=world.program).official_nip == "197503122000031001"


def test_calendar_feed_by_token_and_reset(client, world, stages):
    factories.make_session(stages[1], title="Pleno")
    user = world.participant.user
    old_url = reverse("calendar_feed", args=[user.calendar_token])
    response = client.get(old_url)
    assert response["Content-Type"].startswith("text/calendar") and b"SUMMARY:Pleno" in response.content
    assert client.get(reverse("calendar_feed", args=["x" * 32])).status_code == 404
    login(client, user).post(reverse("calendar_settings"))
    client.logout()
    user.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("calendar_feed", args=[user.calendar_token])).status_code == 200


def test_a_session_not_held_yet_shows_no_missed_quorum_and_a_past_one_does(client, world, stages, live_stage):
    soon = factories.make_session(live_stage, title="Klinik Besok", teams=[world.team_a],
                                  starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(hours=20))
    held = factories.make_session(stages[1], title="Klinik Lalu", teams=[world.team_a])
    login(client, world.users["organizer"])
    page = client.get(reverse("session_detail", args=[world.program.pk, soon.pk])).content.decode()
    assert "not held yet" in page and "not reached" not in page
    page = client.get(reverse("session_detail", args=[world.program.pk, held.pk])).content.decode()
    assert "not reached" in page and "not held yet" not in page


def test_a_mark_recounts_the_statuses_and_keeps_the_roster_sizes(client, world, stages,
                                                                 django_capture_on_commit_callbacks):
    session = factories.make_session(stages[1])
    url = reverse("session_detail", args=[world.program.pk, session.pk])
    login(client, world.users["organizer"])
    size = client.get(url).context["counts"]["size"]
    with django_capture_on_commit_callbacks(execute=True):
        factories.mark(session, world.participant, "hadir")
    after_mark = count_queries(client, url)
    assert client.get(url).context["counts"]["hadir"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_participant(world.team_a)
    after_join = count_queries(client, url)
    counts = client.get(url).context["counts"]
    assert counts["size"] == size + 1 and counts["hadir"] == 1
    assert after_mark < after_join  # a check-in or mark leaves the roster's sizes kept; a new member counts them
