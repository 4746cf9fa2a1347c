"""Evidence of attendance: scans of the signed paper sheet and online meeting reports."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bimtek.filestore import delete_after_commit, store_upload
from bimtek.formats import zone_label
from bimtek.program_cache import ATTENDANCE, program_data_changed
from bimtek.uploads import check_upload
from sessions import checkin, meeting_report, selectors
from sessions.models import Attendance, MeetingReportRow, SignedSheet, TrainingSession

User = get_user_model()

SIGNED_SHEET_KINDS = ("pdf", "jpeg", "png")
SIGNED_SHEET_MAX_BYTES = 20 * 1024 * 1024
MEETING_REPORT_MAX_BYTES = 5 * 1024 * 1024
# A report that misses more of the session than this (a meeting closed early, or another meeting's
# report) is shown to the organizer before it is applied.
REPORT_SHORTFALL = datetime.timedelta(minutes=15)


@transaction.atomic
def signed_sheet_add(*, session: TrainingSession, file, uploaded_by, note: str = "") -> SignedSheet:
    """Attach a scan of the signed paper sheet to the session (PDF, JPEG or PNG, checked by content)."""
    sheet = SignedSheet(session=session, note=note.strip(), uploaded_by=uploaded_by)
    store_upload(sheet, file, kinds=SIGNED_SHEET_KINDS, max_bytes=SIGNED_SHEET_MAX_BYTES)
    sheet.save()
    return sheet


@transaction.atomic
def signed_sheet_remove(*, sheet: SignedSheet) -> None:
    """Remove a wrongly uploaded scan; the file goes once the transaction has committed."""
    sheet.delete()
    delete_after_commit(sheet.file)


@dataclass
class ReportImport:
    rows: int = 0
    duplicates: int = 0
    unmatched: int = 0
    present: int = 0
    late: int = 0
    too_short: int = 0
    kept: int = 0


def _roster_by_email(session) -> dict:
    ids = selectors.roster_user_ids(session)
    return {email.lower(): pk for pk, email in User.objects.filter(pk__in=ids).values_list("pk", "email")}


class PartialReport(ValidationError):
    """The report's meeting covers only part of the session; the organizer confirms before it is applied."""


def _moment(value, zone) -> str:
    local = timezone.localtime(value, zone)
    return f"{formats.date_format(local, 'l, j F Y')} {local:%H.%M}"


def _check_report_times(session, lines, zone, *, accept_partial):
    """Refuse a report of another meeting; stop at one that overlaps the session only in part."""
    span = meeting_report.report_span(lines)
    if span is None:  # durations only: nothing to compare
        return
    label = zone_label(zone)
    start, end = max(span[0], session.starts_at), min(span[1], session.ends_at)
    if end <= start:
        raise ValidationError(_(
            "This report is of a meeting from %(report_start)s to %(report_end)s %(zone)s, but the session was "
            "held from %(session_start)s to %(session_end)s %(zone)s. Nothing was marked: choose the report of "
            "this session.") % {
            "report_start": _moment(span[0], zone), "report_end": _moment(span[1], zone), "zone": label,
            "session_start": _moment(session.starts_at, zone), "session_end": _moment(session.ends_at, zone)},
            code="report_other_meeting")
    if not accept_partial and end - start < session.ends_at - session.starts_at - REPORT_SHORTFALL:
        raise PartialReport(_(
            "This report's meeting (%(report_start)s to %(report_end)s %(zone)s) overlaps the session only from "
            "%(start)s to %(end)s %(zone)s; time outside that does not count. Nothing was marked yet: tick the box "
            "and import the report again to apply it.") % {
            "report_start": _moment(span[0], zone), "report_end": _moment(span[1], zone), "zone": label,
            "start": f"{timezone.localtime(start, zone):%H.%M}", "end": f"{timezone.localtime(end, zone):%H.%M}"},
            code="report_partial")


@transaction.atomic
def meeting_report_import(*, session: TrainingSession, file, zone: str, imported_by,
                          accept_partial: bool = False) -> ReportImport:
    """Read an online meeting's participant report and mark the roster from it.

    Rows are matched to people of the roster by e-mail; the rest wait for the
    organizer to match them by hand. A row already imported (same e-mail, name
    and times) is skipped, so importing a report twice changes nothing. A
    person counts present when their time in the meeting (overlaps merged)
    reaches the program's share of the session, late if they first joined after
    the grace time. Marks made by hand or by check-in are never overwritten.
    A report whose times miss the session entirely is refused (another day's
    meeting); one that overlaps it only in part raises PartialReport, naming
    the overlap, unless ``accept_partial``.
    """
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled; attendance is not recorded."))
    if timezone.now() < session.starts_at:
        raise ValidationError(_("The session has not started yet."))
    check_upload(file, kinds=("csv",), max_bytes=MEETING_REPORT_MAX_BYTES)
    file.seek(0)
    tz = zoneinfo.ZoneInfo(zone)
    lines = meeting_report.parse_report(file.read(), zone=tz,
                                        near=timezone.localtime(session.starts_at, tz).date())
    if not lines:
        raise ValidationError(_("The report lists no participants."))
    _check_report_times(session, lines, tz, accept_partial=accept_partial)
    existing = {(r.email, r.name, r.joined_at, r.left_at, r.minutes)
                for r in MeetingReportRow.objects.filter(session=session)}
    emails = _roster_by_email(session)
    result, new_rows, touched = ReportImport(rows=len(lines)), [], set()
    for line in lines:
        key = (line.email, line.name, line.joined_at, line.left_at, line.minutes)
        if key in existing:
            result.duplicates += 1
            continue
        existing.add(key)
        person_id = emails.get(line.email) if line.email else None
        if person_id:
            touched.add(person_id)
        else:
            result.unmatched += 1
        new_rows.append(MeetingReportRow(session=session, name=line.name, email=line.email,
                                         joined_at=line.joined_at, left_at=line.left_at, minutes=line.minutes,
                                         person_id=person_id, imported_by=imported_by))
    MeetingReportRow.objects.bulk_create(new_rows)
    _mark_from_report(session=session, person_ids=touched, marked_by=imported_by, result=result)
    return result


def _mark_from_report(*, session, person_ids, marked_by, result=None) -> ReportImport:
    result = result or ReportImport()
    if not person_ids:
        return result
    policy = selectors.attendance_policy(session.stage.program)
    window = checkin.checkin_window(session, policy)
    length = max(round((session.ends_at - session.starts_at).total_seconds() / 60), 1)
    rows_by_person = {}
    for row in MeetingReportRow.objects.filter(session=session, person_id__in=person_ids, ignored=False):
        rows_by_person.setdefault(row.person_id, []).append(row)
    existing = {a.person_id: a for a in Attendance.objects.filter(session=session, person_id__in=person_ids)}
    create, update = [], []
    for person_id, rows in rows_by_person.items():
        stayed = meeting_report.stayed_minutes(rows, session.starts_at, session.ends_at)
        joined = meeting_report.first_join(rows)
        if stayed * 100 >= policy.online_min_share * length:
            status = Attendance.Status.LATE if joined and joined > window.late_after else Attendance.Status.PRESENT
            result.late += status == Attendance.Status.LATE
            result.present += status == Attendance.Status.PRESENT
        else:
            status = Attendance.Status.ABSENT
            result.too_short += 1
        # Stored, and printed on the recap sheet, so written in Indonesian like the sheet.
        note = f"Daring {stayed} dari {length} menit"
        current = existing.get(person_id)
        checked_in_at = joined if status != Attendance.Status.ABSENT else None
        if current is None:
            create.append(Attendance(session=session, person_id=person_id, status=status, note=note,
                                     method=Attendance.Method.IMPORTED, marked_by=marked_by,
                                     checked_in_at=checked_in_at))
        elif current.method == Attendance.Method.IMPORTED:
            current.status, current.note, current.checked_in_at = status, note, checked_in_at
            current.marked_by, current.updated_at = marked_by, timezone.now()
            update.append(current)
        else:
            result.kept += 1
    Attendance.objects.bulk_create(create)
    Attendance.objects.bulk_update(update, ["status", "note", "checked_in_at", "marked_by", "updated_at"])
    if create or update:
        program_data_changed(session.program_id, ATTENDANCE)
    return result


@transaction.atomic
def meeting_report_row_match(*, row: MeetingReportRow, person, matched_by) -> int:
    """Match an unmatched report row by hand to a person of the roster, then mark them from their rows.

    The other unmatched rows with the same e-mail (or, without one, the same
    name) are the same person rejoining and are matched with it. Returns how
    many rows were matched.
    """
    session = row.session
    if not selectors.is_on_roster(session, person.pk):
        raise ValidationError(_("%(person)s is not expected at this session.") % {"person": person})
    same = MeetingReportRow.objects.filter(session=session, person__isnull=True, ignored=False)
    same = same.filter(email=row.email) if row.email else same.filter(email="", name=row.name)
    matched = same.update(person=person)
    _mark_from_report(session=session, person_ids={person.pk}, marked_by=matched_by)
    return matched


@transaction.atomic
def meeting_report_row_ignore(*, row: MeetingReportRow) -> None:
    """Set aside a report row that is nobody of the roster (a guest, the recorder, a phone dial-in)."""
    same = MeetingReportRow.objects.filter(session=row.session, person__isnull=True)
    same = same.filter(email=row.email) if row.email else same.filter(email="", name=row.name)
    same.update(ignored=True)
