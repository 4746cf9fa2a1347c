"""The demo programs' sessions and attendance, made through the sessions services.

Called by bimtek.overview.demo.build with each stage's plan (bimtek.overview.demo.calendar):
an online plenary for all teams on the stage's first day, then a clinic per
region, 09.00–12.00 in the region's own time, one region a day per mentor.
Past sessions get attendance the way it happens for real: mentors mark the
clinics of stages I and II by hand, the third plenary comes from a Zoom
participant report (two guests left to match by hand), the third round of
clinics has people checking in with the code, and a scan of a signed sheet
is attached. Each team's leader and two colleagues are always there, so the
quorum is met, except where a reason is written down: ``absences`` names a
clinic (team index, stage) the team missed, with the note the mentor wrote.
The last stage lies ahead: its plenary was moved half an hour earlier and
one class cancelled, without e-mails (nobody is e-mailed by the demo).
"""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participants.models import Participant
from sessions import checkin, selectors, services
from sessions.models import TrainingSession
from sessions.pdf import BLANK, attendance_sheet_pdf, sheet_for_session

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
PLENARY_HOURS = (8, 9.5)  # WIB: 10.00 in Jayapura, still morning everywhere
CLINIC_HOURS = (9, 12)  # in the region's own time
ANCHORS = 3  # members of each team who never miss a session


def at(day: datetime.date, hour: float, zone=WIB) -> datetime.datetime:
    if isinstance(zone, str):
        zone = zoneinfo.ZoneInfo(zone)
    return datetime.datetime.combine(day, datetime.time(int(hour), int(hour % 1 * 60)), tzinfo=zone)


def demo_sessions(*, rng, stages: dict, plans: dict, teams: list, staff: dict, absences: dict | None = None,
                  online_report_stage: int = 3) -> None:
    organizer, mentors = staff["organizer"][0], staff["mentor"]
    absences = absences or {}
    now = timezone.now()
    anchors = _anchors(teams)
    for ordinal, stage in stages.items():
        plan = plans[ordinal]
        plenary = services.session_create(
            stage=stage, title=f"Pleno Pembukaan Tahap {stage.roman}", kind=TrainingSession.Kind.PLENARY,
            starts_at=at(plan.plenary, PLENARY_HOURS[0]), ends_at=at(plan.plenary, PLENARY_HOURS[1]),
            time_zone="Asia/Jakarta", venue="Daring (Zoom)", meeting_url=stage.meeting_url, mentors=mentors,
            all_teams=True, created_by=organizer, notify=False)
        clinics = []
        visits = {}
        for index, team in enumerate(teams):
            mentor = mentors[index % len(mentors)]
            day = plan.clinic_days[visits.setdefault(mentor.pk, 0)]
            visits[mentor.pk] += 1
            zone = team.region.time_zone
            clinic = services.session_create(
                stage=stage, title=f"Klinik {team.region.name}", kind=TrainingSession.Kind.CLINIC,
                starts_at=at(day, CLINIC_HOURS[0], zone), ends_at=at(day, CLINIC_HOURS[1], zone), time_zone=zone,
                venue=f"Ruang rapat Bappeda {team.region}", mentors=[mentor], all_teams=False,
                expected_teams=[team], created_by=mentor, notify=False)
            clinic.absence = absences.get((index, ordinal))
            clinics.append(clinic)
        if plenary.ends_at > now:
            _future_changes(stage=stage, plenary=plenary, teams=teams, mentors=mentors, organizer=organizer)
            continue
        if ordinal == online_report_stage:
            _from_zoom_report(rng, plenary, organizer, anchors)
        else:
            _marked_by_hand(rng, plenary, organizer, anchors)
        for clinic in clinics:
            if clinic.ends_at > now:
                continue
            if ordinal == online_report_stage:
                _checked_in(rng, clinic, clinic.mentors.first(), anchors)
            else:
                _marked_by_hand(rng, clinic, clinic.mentors.first(), anchors, absence=clinic.absence)
        if ordinal == 1:
            _signed_scan(clinics[0], organizer)


def _anchors(teams) -> set:
    """The leader and the next two members of every team (by when they joined)."""
    anchors, per_team = set(), {}
    for team_id, user_id in (Participant.objects.filter(team__in=teams).order_by("team_id", "pk")
                             .values_list("team_id", "user_id")):
        if per_team.setdefault(team_id, 0) < ANCHORS:
            anchors.add(user_id)
        per_team[team_id] += 1
    return anchors


def _marked_by_hand(rng, session, by, anchors, *, absence=None):
    notes = {"izin": "Tugas dinas luar", "terlambat": "Datang setelah pembukaan"}
    marks = {}
    mentors = set(session.mentors.values_list("pk", flat=True))
    for user_id in selectors.roster_user_ids(session):
        if absence and user_id not in mentors:
            marks[user_id] = ("izin", absence) if rng.random() < 0.8 else ("tidak_hadir", "")
            continue
        if user_id in anchors or user_id in mentors:
            marks[user_id] = ("hadir", "")
            continue
        status = rng.choices(["hadir", "terlambat", "izin", "tidak_hadir"], [80, 8, 7, 5])[0]
        marks[user_id] = (status, notes.get(status, "") if rng.random() < 0.5 else "")
    services.attendance_roster_mark(session=session, marks=marks, marked_by=by)


def _checked_in(rng, session, mentor, anchors):
    """Most of the roster scans the code on arrival; the mentor marks the rest afterwards."""
    policy = selectors.attendance_policy(session.stage.program)
    people = {p.user_id: p.user for p in session.expected_participants().select_related("user")}
    for user in people.values():
        if user.pk in anchors or rng.random() < 0.8:
            moment = session.starts_at + datetime.timedelta(minutes=rng.randint(-25, 12 if user.pk in anchors else 40))
            services.attendance_check_in(session=session, person=user, method=rng.choice(["qr", "code"]),
                                         code=checkin.current_code(session, policy, moment), now=moment)
    done = set(session.attendances.values_list("person_id", flat=True))
    rest = {user_id: (rng.choice(["izin", "tidak_hadir"]), "") for user_id in selectors.roster_user_ids(session)
            if user_id not in done}
    rest[mentor.pk] = ("hadir", "")
    services.attendance_roster_mark(session=session, marks=rest, marked_by=mentor)


def _from_zoom_report(rng, session, organizer, anchors):
    """A Zoom participant report as the platform exports it (meeting summary first, times in WIB)."""
    def stamp(moment):
        return timezone.localtime(moment, WIB).strftime("%m/%d/%Y %I:%M:%S %p")

    length = (session.ends_at - session.starts_at).total_seconds() / 60
    lines = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
             f"812 3456 7890,{session.title},{stamp(session.starts_at)},{stamp(session.ends_at)},"
             f"panitia@bimtek.example,{round(length)},0", "",
             "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    users = session.stage.program.teams.values_list("participants__full_name", "participants__user__email",
                                                    "participants__user_id")
    for name, email, user_id in users:
        if name is None or (user_id not in anchors and rng.random() < 0.12):
            continue
        joined = session.starts_at + datetime.timedelta(minutes=rng.choice([-10, -5, -2, 0, 3, 8, 20]))
        left = session.ends_at - datetime.timedelta(minutes=rng.choice([0, 0, 0, 0, 5, 50]))
        if user_id in anchors:
            joined, left = session.starts_at - datetime.timedelta(minutes=5), session.ends_at
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
    start = at(stage.end_date, 15.5)
    extra = services.session_create(
        stage=stage, title="Kelas Tematik Smart Economy", kind=TrainingSession.Kind.CLASS, starts_at=start,
        ends_at=start + datetime.timedelta(hours=1.5), venue="Daring (Zoom)", meeting_url=stage.meeting_url,
        mentors=mentors[:1], all_teams=False, expected_teams=teams[:3], created_by=organizer, notify=False)
    services.session_cancel(session=extra, reason="Digabung dengan klinik daerah masing-masing.",
                            cancelled_by=organizer, notify=False)
