"""State changes for sessions and attendance, split by concept. Views validate, then call one of these."""

from sessions.services.attendance import (
    CheckInRefused,
    attendance_check_in,
    attendance_check_in_by_code,
    attendance_mark,
    attendance_policy_update,
    attendance_roster_mark,
    clone_into,
)
from sessions.services.evidence import (
    PartialReport,
    ReportImport,
    meeting_report_import,
    meeting_report_row_ignore,
    meeting_report_row_match,
    signed_sheet_add,
    signed_sheet_remove,
)
from sessions.services.letters import invitation_letters_number, letter_settings_update
from sessions.services.scheduling import (
    ScheduleConflict,
    calendar_token_reset,
    session_cancel,
    session_create,
    session_update,
)

__all__ = [
    "CheckInRefused", "PartialReport", "ReportImport", "ScheduleConflict", "attendance_check_in",
    "attendance_check_in_by_code", "attendance_mark", "attendance_policy_update", "attendance_roster_mark",
    "calendar_token_reset", "clone_into", "invitation_letters_number", "letter_settings_update",
    "meeting_report_import", "meeting_report_row_ignore", "meeting_report_row_match", "session_cancel",
    "session_create", "session_update", "signed_sheet_add", "signed_sheet_remove",
]
