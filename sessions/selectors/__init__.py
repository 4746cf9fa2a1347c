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
    attendance_reads,
    person_attendance_rates,
    team_stage_attendance,
    with_attendance_rates,
)
from sessions.selectors.recap import attendance_recap, own_attendance, own_attendances, person_sessions
from sessions.selectors.recap_pages import RecapPage, recap_page
from sessions.selectors.roster import PAGE_SIZE as ROSTER_PAGE_SIZE
from sessions.selectors.roster import (
    QuorumPages,
    QuorumTeams,
    RosterPages,
    RosterRowPages,
    TeamOrder,
    cached_roster_counts,
    extra_mentors,
    mentor_entries,
    quorum_rows,
    quorum_teams,
    roster_counts,
    roster_parts,
    roster_size,
    team_entries,
)
from sessions.selectors.schedule import (
    attendance_policies,
    attendance_policy,
    calendar_feed_user,
    calendar_sessions,
    is_on_roster,
    on_roster_among,
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
    viewer_on_roster,
    visible_sessions,
)

__all__ = [
    "attendance_policies", "attendance_policy", "attendance_rate", "attendance_reads", "attendance_recap",
    "calendar_feed_user",
    "cached_roster_counts", "calendar_sessions", "extra_mentors", "invitation_letters", "is_on_roster",
    "letter_settings", "letterhead",
    "mentor_entries", "numbered_letters", "on_roster_among", "own_attendance", "own_attendances", "own_mark",
    "person_attendance_rates", "person_sessions", "present_count", "PRESENT_STATUSES", "program_sessions",
    "program_teams", "QuorumPages", "QuorumTeams", "quorum_rows", "quorum_teams", "recap_page", "RecapPage",
    "report_rows",
    "report_rows_summary", "roster", "roster_counts", "roster_parts", "ROSTER_PAGE_SIZE", "roster_size",
    "roster_user_ids", "roster_users", "RosterPages", "RosterRowPages",
    "schedule_conflicts", "schedule_rows", "session_expected_teams", "session_mentors", "session_signed_sheets",
    "sessions_between", "sessions_open_for_checkin", "sessions_outside_stage", "stage_teams", "status_counts",
    "team_entries", "team_quorum", "team_stage_attendance", "TeamOrder", "viewer_on_roster", "visible_sessions",
    "with_attendance_rates",
]
