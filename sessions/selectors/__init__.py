"""Reads about sessions and attendance, split by concept; import them from here."""

from sessions.selectors.rates import (
    PRESENT_STATUSES,
    attendance_rate,
    person_attendance_rates,
    team_stage_attendance,
)
from sessions.selectors.recap import attendance_recap, own_attendance, own_attendances, person_sessions
from sessions.selectors.schedule import (
    attendance_policies,
    attendance_policy,
    calendar_sessions,
    is_on_roster,
    own_mark,
    present_count,
    report_rows_summary,
    roster,
    roster_user_ids,
    roster_users,
    schedule_conflicts,
    schedule_rows,
    sessions_open_for_checkin,
    sessions_outside_stage,
    status_counts,
    team_quorum,
    visible_sessions,
)

__all__ = ["PRESENT_STATUSES", "attendance_policy", "attendance_rate", "own_attendance", "own_mark", "present_count", "report_rows_summary", "roster_users", "own_attendances", "attendance_policies", "sessions_open_for_checkin", "attendance_recap", "calendar_sessions", "is_on_roster", "person_attendance_rates", "person_sessions",
           "roster", "roster_user_ids", "schedule_conflicts", "schedule_rows", "sessions_outside_stage", "status_counts",
           "team_quorum", "team_stage_attendance", "visible_sessions"]
