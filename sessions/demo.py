"""The demo program's sessions and attendance, made through the sessions services.

Called by bimtek.demo.build. Every stage has an online plenary for all teams
and a clinic per region, spread so that no mentor or team is in two places at
once. Past sessions get attendance the way it happens for real: mentors mark
the early clinics, the third plenary comes from a Zoom participant report
(two guests left to match by hand), the third round of clinics has people
checking in with the code, and a scan of a signed sheet is attached. The last
stage lies ahead: its plenary was moved half an hour earlier and one class cancelled, without
e-mails (nobody is e-mailed by the demo).
"""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sessions import checkin, selectors, services
from sessions.models import TrainingSession
from sessions.pdf import BLANK, attendance_sheet_pdf, sheet_for_session

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# A mentor's k-th team gets the k-th slot (day of the stage, start hour in WIB), clear of the plenary.
CLINIC_SLOTS = [(0, 10), (0, 13), (1, 9), (1, 13)]
CLINIC_HOURS = 2.5


def _wib(day: datetime.date, hour: float) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(int(hour), int(hour % 1 * 60)), tzinfo=WIB)


def demo_sessions(*, rng, stages: dict, teams: list, staff: dict) -> None:
    organizer, mentors = staff["organizer"][0], staff["mentor"]
    now = timezone.now()
    for ordinal, stage in stages.items():
        plenary = services.session_create(
            stage=stage, title=f"Pleno Pembukaan Tahap {stage.roman}", kind=TrainingSession.Kind.PLENARY,
            starts_at=_wib(stage.start_date, 8), ends_at=_wib(stage.start_date, 9.5), time_zone="Asia/Jakarta",
            venue="Daring (Zoom)", meeting_url=stage.meeting_url, mentors=mentors, all_teams=True,
            created_by=organizer)
        clinics = []
        taken = {}
        for index, team in enumerate(teams):
            mentor = mentors[index % len(mentors)]
            day, hour = CLINIC_SLOTS[taken.setdefault(mentor.pk, 0) % len(CLINIC_SLOTS)]
            taken[mentor.pk] += 1
            start = _wib(stage.start_date + datetime.timedelta(days=day), hour)
            clinics.append(services.session_create(
                stage=stage, title=f"Klinik {team.region.name}", kind=TrainingSession.Kind.CLINIC,
                starts_at=start, ends_at=start + datetime.timedelta(hours=CLINIC_HOURS),
                time_zone=team.region.time_zone, venue=f"Ruang rapat Bappeda {team.region}",
                mentors=[mentor], all_teams=False, expected_teams=[team], created_by=mentor))
        if plenary.ends_at > now:
            _future_changes(stage=stage, plenary=plenary, teams=teams, mentors=mentors, organizer=organizer)
            continue
        if ordinal < 3:
            _marked_by_hand(rng, plenary, organizer)
        else:
            _from_zoom_report(rng, plenary, organizer)
        for clinic in clinics:
            if clinic.ends_at > now:
                continue
            if ordinal < 3:
                _marked_by_hand(rng, clinic, clinic.mentors.first())
            else:
                _checked_in(rng, clinic, clinic.mentors.first())
        if ordinal == 1:
            _signed_scan(clinics[0], organizer)


def _roster_statuses(rng, session):
    return {user_id: rng.choices(["hadir", "terlambat", "izin", "tidak_hadir"], [72, 10, 8, 10])[0]
            for user_id in selectors.roster_user_ids(session)}


def _marked_by_hand(rng, session, by):
    notes = {"izin": "Tugas dinas luar", "terlambat": "Datang setelah pembukaan"}
    marks = {user_id: (status, notes.get(status, "") if rng.random() < 0.5 else "")
             for user_id, status in _roster_statuses(rng, session).items()}
    services.attendance_roster_mark(session=session, marks=marks, marked_by=by)


def _checked_in(rng, session, mentor):
    """Most of the roster scans the code on arrival; the mentor marks the rest afterwards."""
    policy = selectors.attendance_policy(session.stage.program)
    people = {p.user_id: p.user for p in session.expected_participants().select_related("user")}
    for user in people.values():
        if rng.random() < 0.8:
            moment = session.starts_at + datetime.timedelta(minutes=rng.randint(-25, 40))
            services.attendance_check_in(session=session, person=user, method=rng.choice(["qr", "code"]),
                                         code=checkin.current_code(session, policy, moment), now=moment)
    done = set(session.attendances.values_list("person_id", flat=True))
    rest = {user_id: (rng.choice(["izin", "tidak_hadir"]), "") for user_id in selectors.roster_user_ids(session)
            if user_id not in done}
    rest[mentor.pk] = ("hadir", "")
    services.attendance_roster_mark(session=session, marks=rest, marked_by=mentor)


def _from_zoom_report(rng, session, organizer):
    """A Zoom participant report as the platform exports it (meeting summary first, times in WIB)."""
    def stamp(moment):
        return timezone.localtime(moment, WIB).strftime("%m/%d/%Y %I:%M:%S %p")

    length = (session.ends_at - session.starts_at).total_seconds() / 60
    lines = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
             f"812 3456 7890,{session.title},{stamp(session.starts_at)},{stamp(session.ends_at)},"
             f"panitia@bimtek.example,{round(length)},0", "",
             "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    users = session.stage.program.teams.values_list("participants__full_name", "participants__user__email")
    for name, email in users:
        if name is None or rng.random() < 0.12:
            continue
        joined = session.starts_at + datetime.timedelta(minutes=rng.choice([-10, -5, -2, 0, 3, 8, 20]))
        left = session.ends_at - datetime.timedelta(minutes=rng.choice([0, 0, 0, 0, 5, 50]))
        if rng.random() < 0.2:  # dropped out and rejoined: two rows
            gap = joined + datetime.timedelta(minutes=20)
            lines.append(f'"{name}",{email},{stamp(joined)},{stamp(gap)},20,No')
            joined = gap + datetime.timedelta(minutes=3)
        lines.append(f'"{name}",{email},{stamp(joined)},{stamp(left)},{round((left - joined).seconds / 60)},No')
    for guest in ("Operator Diskominfo (iPhone)", "Bappeda Kab. Badung"):
        lines.append(f"{guest},,{stamp(session.starts_at)},{stamp(session.ends_at)},{round(length)},Yes")
    report = SimpleUploadedFile("participants_81234567890.csv", "\n".join(lines).encode("utf-8-sig"))
    services.meeting_report_import(session=session, file=report, zone="Asia/Jakarta", imported_by=organizer)
    # The mentors hosted from the studio and are marked by hand.
    services.attendance_roster_mark(session=session, marks={m.pk: ("hadir", "Narasumber di studio")
                                                            for m in session.mentors.all()}, marked_by=organizer)


def _signed_scan(session, organizer):
    """The filled-in recap stands in for the scan of the paper sheet signed on the day."""
    sheet = sheet_for_session(session, selectors.roster(session), selectors.attendance_policy(
        session.stage.program))
    scan = SimpleUploadedFile("daftar-hadir-ditandatangani.pdf", attendance_sheet_pdf(sheet, variant=BLANK))
    services.signed_sheet_add(session=session, file=scan, uploaded_by=organizer, note="Pindaian lembar bertanda tangan")


def _future_changes(*, stage, plenary, teams, mentors, organizer):
    services.session_update(session=plenary, changed_by=organizer, notify=False,
                            starts_at=plenary.starts_at - datetime.timedelta(minutes=30),
                            ends_at=plenary.ends_at - datetime.timedelta(minutes=30))
    start = _wib(stage.end_date, 15.5)
    extra = services.session_create(
        stage=stage, title="Kelas Tematik Smart Economy", kind=TrainingSession.Kind.CLASS, starts_at=start,
        ends_at=start + datetime.timedelta(hours=1.5), venue="Daring (Zoom)", meeting_url=stage.meeting_url,
        mentors=mentors[:1], all_teams=False, expected_teams=teams[:3], created_by=organizer)
    services.session_cancel(session=extra, reason="Digabung dengan klinik daerah masing-masing.",
                            cancelled_by=organizer, notify=False)

