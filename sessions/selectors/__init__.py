"""Reads about sessions and attendance, split by concept; import them from here."""

from sessions.selectors.letters import (
    invitation_letters,
    letter_settings,
    letterhead,
    numbered_letters,
    stage_teams,
)
from sessions.selectors.rates import (
    PRESENT_STATUSES,
    attendance_rate,
    person_attendance_rates,
    team_stage_attendance,
    with_attendance_rates,
)
from sessions.selectors.recap import attendance_recap, own_attendance, own_attendances, person_sessions
from sessions.selectors.schedule import (
    attendance_policies,
    attendance_policy,
    calendar_feed_user,
    calendar_sessions,
    is_on_roster,
    own_mark,
    present_count,
    program_sessions,
    program_teams,
    report_rows,
    report_rows_summary,
    roster,
    roster_user_ids,
    roster_users,
    schedule_conflicts,
    schedule_rows,
    session_expected_teams,
    session_mentors,
    session_signed_sheets,
    sessions_between,
    sessions_open_for_checkin,
    sessions_outside_stage,
    status_counts,
    team_quorum,
    visible_sessions,
)

__all__ = [
    "PRESENT_STATUSES", "attendance_policies", "attendance_policy", "attendance_rate", "attendance_recap",
    "calendar_feed_user", "calendar_sessions", "invitation_letters", "is_on_roster", "letter_settings", "letterhead",
    "numbered_letters",
    "own_attendance", "own_attendances", "own_mark", "person_attendance_rates", "person_sessions", "present_count",
    "program_sessions", "program_teams", "report_rows", "report_rows_summary", "roster", "roster_user_ids",
    "roster_users", "schedule_conflicts", "schedule_rows", "session_expected_teams", "session_mentors",
    "session_signed_sheets", "sessions_between", "sessions_open_for_checkin", "sessions_outside_stage", "stage_teams",
    "status_counts", "team_quorum", "team_stage_attendance", "visible_sessions", "with_attendance_rates",
]
