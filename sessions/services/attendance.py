"""Attendance: marking the roster, self check-in with the rotating code, and the program's settings."""


from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bimtek.program_cache import ATTENDANCE, program_data_changed
from bimtek.services import ProgramCloning, row_copy
from sessions import checkin, selectors
from sessions.models import Attendance, AttendancePolicy, TrainingSession

MAX_WRONG_CODES = 10
WRONG_CODE_WINDOW = 10 * 60
WRONG_CODE = gettext_lazy("This code is wrong or has expired. Type the code now shown on the screen, "
                          "or scan the QR code again.")


class CheckInRefused(ValidationError):
    pass


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
    program_data_changed(session.program_id, ATTENDANCE)
    _check_markable(session, status)
    if not selectors.is_on_roster(session, person.pk):
        raise ValidationError(_("%(person)s is not expected at this session.") % {"person": person})
    present = status in selectors.PRESENT_STATUSES
    if present and method in (Attendance.Method.QR, Attendance.Method.CODE):
        checked_in_at = timezone.now()
    else:
        # A time is only known when people check themselves in (or a meeting report said when they joined):
        # marking by hand keeps that time for someone still present, and knows none of its own.
        known = Attendance.objects.filter(session=session, person=person).values_list("checked_in_at", flat=True)
        checked_in_at = known.first() if present else None
    attendance, _created = Attendance.objects.update_or_create(
        session=session, person=person,
        defaults={"status": status, "note": note.strip(), "method": method, "marked_by": marked_by,
                  "checked_in_at": checked_in_at})
    return attendance


@transaction.atomic
def attendance_roster_mark(*, session: TrainingSession, marks: dict, marked_by) -> int:
    """Mark many people of the roster at once: ``marks`` maps user id -> (status, note).

    An empty status removes the mark. Only rows that really change are written,
    so "last changed by" stays true for the others. Returns how many changed.
    """
    program_data_changed(session.program_id, ATTENDANCE)
    strangers = set(marks) - selectors.on_roster_among(session, marks)
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
                                     method=Attendance.Method.MARKED, marked_by=marked_by))
        elif current.status != status or current.note != note:
            if current.status != status:
                current.method = Attendance.Method.MARKED
                if status not in selectors.PRESENT_STATUSES:
                    current.checked_in_at = None
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
    if not selectors.is_on_roster(session, person.pk):
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
        _count_wrong_code(person)
        raise CheckInRefused(WRONG_CODE, code="wrong_code")
    status = Attendance.Status.PRESENT if now <= window.late_after else Attendance.Status.LATE
    return _record_check_in(session=session, person=person, status=status, method=method, now=now)


def _record_check_in(*, session, person, status, method, now) -> Attendance:
    # A thousand people may check in within the same minute: insert first and
    # fall back to the existing row, so a double tap never fails or duplicates.
    # The program's cached figures go stale only when a mark is written, not on a repeated tap: in a burst of
    # check-ins every write empties them anyway, repeats need not.
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(session=session, person=person, status=status, method=method,
                                                   checked_in_at=now, marked_by=person)
        program_data_changed(session.program_id, ATTENDANCE)
        return attendance
    except IntegrityError:
        pass
    with transaction.atomic():
        attendance = Attendance.objects.select_for_update().get(session=session, person=person)
        if attendance.counts_as_present:
            return attendance
        program_data_changed(session.program_id, ATTENDANCE)
        attendance.status, attendance.method, attendance.checked_in_at = status, method, now
        attendance.marked_by = person
        attendance.save(update_fields=["status", "method", "checked_in_at", "marked_by", "updated_at"])
        return attendance


@transaction.atomic
def attendance_policy_update(*, program, **fields) -> AttendancePolicy:
    """Change a program's check-in, grace, code, online-share and quorum settings."""
    program_data_changed(program)
    policy = AttendancePolicy.objects.filter(program=program).first() or AttendancePolicy(program=program)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    program._attendance_policy = policy
    return policy


def _count_wrong_code(person):
    key = f"checkin-failures:{person.pk}"
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WRONG_CODE_WINDOW)


@transaction.atomic
def attendance_check_in_by_code(*, person, code: str, now=None, open_sessions=None) -> Attendance:
    """Check in with a typed code alone: the code tells which open session of the person's programs it is.
    ``open_sessions``: ``selectors.sessions_open_for_checkin(person, now)`` when the caller already read it."""
    now = now or timezone.now()
    if cache.get(f"checkin-failures:{person.pk}", 0) >= MAX_WRONG_CODES:
        raise CheckInRefused(_("Too many wrong codes. Wait a few minutes, then try again."))
    if open_sessions is None:
        open_sessions = selectors.sessions_open_for_checkin(person, now)
    for session in open_sessions:
        if checkin.code_is_valid(session, code, selectors.attendance_policy(session.stage.program), now):
            return attendance_check_in(session=session, person=person, code=code, method=Attendance.Method.CODE,
                                       now=now)
    _count_wrong_code(person)
    raise CheckInRefused(WRONG_CODE, code="wrong_code")


@transaction.atomic
def clone_into(*, cloning: ProgramCloning) -> None:
    """A program's clone gets the same attendance policy; sessions and attendance are not copied."""
    policy = AttendancePolicy.objects.filter(program=cloning.source).first()
    if policy is not None:
        row_copy(policy, program=cloning.program).save()
