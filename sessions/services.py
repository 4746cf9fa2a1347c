"""State changes for sessions and attendance. Views validate, then call one of these."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import Stage
from participants.models import ProgramRole
from sessions import checkin, notifications, selectors
from sessions.models import Attendance, AttendancePolicy, TrainingSession

User = get_user_model()

# Fields whose change people expected at the session must hear about.
NOTIFIED_FIELDS = ("title", "kind", "starts_at", "ends_at", "time_zone", "venue", "meeting_url")
SESSION_FIELDS = NOTIFIED_FIELDS + ("all_teams",)
MAX_WRONG_CODES = 10
WRONG_CODE_WINDOW = 10 * 60


class ScheduleConflict(ValidationError):
    """A mentor or team would be in two sessions at once; the person scheduling may confirm anyway."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__([c["message"] for c in conflicts], code="conflict")


class CheckInRefused(ValidationError):
    pass


def _validate_session(session: TrainingSession, *, mentors, all_teams: bool, teams, confirm_conflicts: bool):
    stage = session.stage
    errors = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("A session ends after it starts.")
    zone = zoneinfo.ZoneInfo(session.time_zone)
    if session.starts_at and session.ends_at and "ends_at" not in errors:
        first = timezone.localtime(session.starts_at, zone).date()
        last = timezone.localtime(session.ends_at, zone).date()
        if first < stage.start_date or last > stage.end_date:
            errors["starts_at"] = _("A session lies inside its stage's dates (%(start)s – %(end)s).") % {
                "start": stage.start_date.strftime("%d-%m-%Y"), "end": stage.end_date.strftime("%d-%m-%Y")}
    program_mentors = set(ProgramRole.objects.filter(program_id=stage.program_id, role=ProgramRole.Role.MENTOR)
                          .values_list("user_id", flat=True))
    strangers = [m for m in mentors if m.pk not in program_mentors]
    if strangers:
        errors["mentors"] = _("Not a mentor of this program: %(people)s.") % {
            "people": ", ".join(str(m) for m in strangers)}
    if any(team.program_id != stage.program_id for team in teams):
        errors["expected_teams"] = _("Choose teams of this program.")
    elif not all_teams and not teams:
        errors["expected_teams"] = _("Choose the teams expected, or expect all teams of the program.")
    if errors:
        raise ValidationError(errors)
    if not confirm_conflicts:
        conflicts = selectors.schedule_conflicts(session=session, mentors=mentors, all_teams=all_teams, teams=teams)
        if conflicts:
            raise ScheduleConflict(conflicts)


@transaction.atomic
def session_create(*, stage: Stage, title: str, starts_at: datetime.datetime, ends_at: datetime.datetime,
                   kind: str = TrainingSession.Kind.CLASS, time_zone: str = "Asia/Jakarta", venue: str = "",
                   meeting_url: str = "", mentors=(), all_teams: bool = True, expected_teams=(),
                   created_by=None, confirm_conflicts: bool = False) -> TrainingSession:
    """Schedule a session inside a stage.

    It lies within the stage's dates (read in the session's own zone), ends
    after it starts, has mentors of the program and expects all teams or
    chosen teams of the program. A mentor or team already in another session
    at the same time raises ScheduleConflict unless ``confirm_conflicts``.
    """
    mentors, teams = list(mentors), [] if all_teams else list(expected_teams)
    session = TrainingSession(stage=stage, title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
                              time_zone=time_zone, venue=venue.strip(), meeting_url=meeting_url,
                              all_teams=all_teams, created_by=created_by)
    session.full_clean(exclude=["created_by"])
    _validate_session(session, mentors=mentors, all_teams=all_teams, teams=teams,
                      confirm_conflicts=confirm_conflicts)
    session.save()
    session.mentors.set(mentors)
    session.expected_teams.set(teams)
    return session


@transaction.atomic
def session_update(*, session: TrainingSession, changed_by=None, confirm_conflicts: bool = False,
                   **fields) -> TrainingSession:
    """Change a session; the same rules as scheduling it apply.

    A change of time, place, link, title or roster raises the calendar
    SEQUENCE and e-mails everyone expected at the session (before or after the
    change) in their own language and zone. A cancelled session stays as it is.
    """
    session = TrainingSession.objects.select_for_update().select_related("stage").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("A cancelled session cannot be changed."))
    before = {name: getattr(session, name) for name in SESSION_FIELDS}
    old_mentors = set(session.mentors.all())
    old_teams = set(session.expected_teams.all())
    old_roster = set(selectors.roster_user_ids(session))
    mentors = list(fields.pop("mentors", old_mentors))
    all_teams = fields.get("all_teams", session.all_teams)
    teams = [] if all_teams else list(fields.pop("expected_teams", old_teams))
    fields.pop("expected_teams", None)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value.strip() if isinstance(value, str) and name != "time_zone" else value)
    session.full_clean(exclude=["created_by"])
    _validate_session(session, mentors=mentors, all_teams=all_teams, teams=teams,
                      confirm_conflicts=confirm_conflicts)
    changes = [name for name in NOTIFIED_FIELDS if getattr(session, name) != before[name]]
    roster_changed = (set(mentors) != old_mentors or set(teams) != old_teams or all_teams != before["all_teams"])
    if not changes and not roster_changed:
        return session
    session.sequence += 1
    session.save()
    session.mentors.set(mentors)
    session.expected_teams.set(teams)
    new_roster = set(selectors.roster_user_ids(session))
    notifications.after_commit(notifications.session_changed, session_id=session.pk, changes=changes,
                               previous={"starts_at": before["starts_at"], "ends_at": before["ends_at"]},
                               recipient_ids=sorted(new_roster), removed_ids=sorted(old_roster - new_roster),
                               changed_by_id=getattr(changed_by, "pk", None))
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, reason: str = "", cancelled_by=None) -> TrainingSession:
    """Cancel a session (it stays in the schedule and calendars, marked cancelled) and e-mail its roster."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
    notifications.after_commit(notifications.session_cancelled, session_id=session.pk,
                               recipient_ids=sorted(selectors.roster_user_ids(session)),
                               changed_by_id=getattr(cancelled_by, "pk", None))
    return session


def _check_markable(session: TrainingSession, status: str, now=None):
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled; attendance is not recorded."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    policy = selectors.attendance_policy(session.stage.program)
    opens = checkin.checkin_window(session, policy).opens_at
    if status != Attendance.Status.EXCUSED and (now or timezone.now()) < opens:
        raise ValidationError(_("The session has not started yet: only an excused absence (izin) can be "
                                "recorded in advance."))


@transaction.atomic
def attendance_mark(*, session: TrainingSession, person, status: str, marked_by, note: str = "",
                    method: str = Attendance.Method.MARKED) -> Attendance:
    """Record one person's attendance; only people on the session's roster can be marked."""
    _check_markable(session, status)
    if person.pk not in selectors.roster_user_ids(session):
        raise ValidationError(_("%(person)s is not expected at this session.") % {"person": person})
    attendance, _created = Attendance.objects.update_or_create(
        session=session, person=person,
        defaults={"status": status, "note": note.strip(), "method": method, "marked_by": marked_by,
                  "checked_in_at": timezone.now() if status in selectors.PRESENT_STATUSES else None})
    return attendance


@transaction.atomic
def attendance_roster_mark(*, session: TrainingSession, marks: dict, marked_by) -> int:
    """Mark many people of the roster at once: ``marks`` maps user id -> (status, note).

    An empty status removes the mark. Only rows that really change are written,
    so "last changed by" stays true for the others. Returns how many changed.
    """
    roster = set(selectors.roster_user_ids(session))
    strangers = set(marks) - roster
    if strangers:
        raise ValidationError(_("Some people are not expected at this session."))
    statuses = {status for status, _note in marks.values() if status}
    for status in statuses:
        _check_markable(session, status)
    existing = {a.person_id: a for a in Attendance.objects.filter(session=session, person_id__in=list(marks))}
    now = timezone.now()
    create, update, remove = [], [], []
    for person_id, (status, note) in marks.items():
        note = (note or "").strip()
        current = existing.get(person_id)
        if not status:
            if current:
                remove.append(current.pk)
            continue
        if current is None:
            create.append(Attendance(session=session, person_id=person_id, status=status, note=note,
                                     method=Attendance.Method.MARKED, marked_by=marked_by,
                                     checked_in_at=now if status in selectors.PRESENT_STATUSES else None))
        elif current.status != status or current.note != note:
            if current.status != status:
                current.method = Attendance.Method.MARKED
                current.checked_in_at = (current.checked_in_at or now) if status in selectors.PRESENT_STATUSES \
                    else None
            current.status, current.note, current.marked_by, current.updated_at = status, note, marked_by, now
            update.append(current)
    Attendance.objects.bulk_create(create)
    Attendance.objects.bulk_update(update, ["status", "note", "method", "checked_in_at", "marked_by", "updated_at"])
    if remove:
        Attendance.objects.filter(pk__in=remove).delete()
    return len(create) + len(update) + len(remove)


@transaction.atomic
def attendance_check_in(*, session: TrainingSession, person, code: str,
                        method: str = Attendance.Method.CODE, now=None) -> Attendance:
    """Self check-in with the session's current code, inside its check-in window.

    Present until the grace time after the start, late after it. Refused for a
    cancelled session, outside the window, for someone not on the roster, with
    a wrong or expired code, and after too many wrong codes in a row. Someone
    already counted present keeps their first check-in.
    """
    now = now or timezone.now()
    policy = selectors.attendance_policy(session.stage.program)
    window = checkin.checkin_window(session, policy)
    if session.is_cancelled:
        raise CheckInRefused(_("This session was cancelled."))
    if person.pk not in selectors.roster_user_ids(session):
        raise CheckInRefused(_("You are not on the list of people expected at this session. "
                               "If you should be, tell the organizer."))
    if now < window.opens_at:
        raise CheckInRefused(_("Check-in opens %(minutes)d minutes before the session starts.")
                             % {"minutes": policy.checkin_opens_minutes})
    if now > window.closes_at:
        raise CheckInRefused(_("Check-in for this session has closed. Ask the organizer or mentor to mark you."))
    failures_key = f"checkin-failures:{person.pk}"
    if cache.get(failures_key, 0) >= MAX_WRONG_CODES:
        raise CheckInRefused(_("Too many wrong codes. Wait a few minutes, then try again."))
    if not checkin.code_is_valid(session, code, policy, now):
        try:
            cache.incr(failures_key)
        except ValueError:
            cache.set(failures_key, 1, WRONG_CODE_WINDOW)
        raise CheckInRefused(_("This code is wrong or has expired. Type the code now shown on the screen, "
                               "or scan the QR code again."))
    status = Attendance.Status.PRESENT if now <= window.late_after else Attendance.Status.LATE
    return _record_check_in(session=session, person=person, status=status, method=method, now=now)


def _record_check_in(*, session, person, status, method, now) -> Attendance:
    # A thousand people may check in within the same minute: insert first and
    # fall back to the existing row, so a double tap never fails or duplicates.
    try:
        with transaction.atomic():
            return Attendance.objects.create(session=session, person=person, status=status, method=method,
                                             checked_in_at=now, marked_by=person)
    except IntegrityError:
        pass
    with transaction.atomic():
        attendance = Attendance.objects.select_for_update().get(session=session, person=person)
        if attendance.counts_as_present:
            return attendance
        attendance.status, attendance.method, attendance.checked_in_at = status, method, now
        attendance.marked_by = person
        attendance.save(update_fields=["status", "method", "checked_in_at", "marked_by", "updated_at"])
        return attendance


@transaction.atomic
def attendance_policy_update(*, program, **fields) -> AttendancePolicy:
    """Change a program's check-in, grace, code, online-share and quorum settings."""
    policy = AttendancePolicy.objects.filter(program=program).first() or AttendancePolicy(program=program)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def calendar_token_reset(*, user) -> str:
    """Give the user a new secret calendar address; the old one stops working at once."""
    from bimtek.models.user import new_calendar_token

    user.calendar_token = new_calendar_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
