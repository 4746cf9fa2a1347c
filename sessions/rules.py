"""Who may see and change sessions and attendance.

Objects: a TrainingSession (its ``program_id`` comes from its stage) or the
Program itself for program-wide screens.
"""

import rules

from participants import roles
from participants.predicates import in_program, is_evaluator, is_mentor, is_organizer, is_participant


@rules.predicate
def is_session_mentor(user, session):
    """The user is one of the session's mentors."""
    if session is None or not hasattr(session, "mentors"):
        return False
    cache = user.__dict__.setdefault("_bimtek_session_mentor", {})
    if session.pk not in cache:
        cache[session.pk] = session.mentors.filter(pk=user.pk).exists()
    return cache[session.pk]


@rules.predicate
def is_expected_participant(user, session):
    """The user is a member of a team the session expects (every team, for an all-team session)."""
    if session is None or not hasattr(session, "expected_teams"):
        return False
    return session.expects_teams(roles.member_team_ids(user, session.program_id))


@rules.predicate
def is_team_mentor_of_session(user, session):
    """The user guides one of the teams the session expects."""
    if session is None or not hasattr(session, "expected_teams"):
        return False
    return session.expects_teams(roles.mentored_team_ids(user, session.program_id))


manages_attendance = is_organizer | is_session_mentor

# Program-wide screens (object: the program).
rules.add_perm("training.view_schedule", in_program)
rules.add_perm("training.add_session", is_organizer | is_mentor)
rules.add_perm("training.view_recap", is_organizer | is_evaluator | is_mentor)
# The schedule per team: the team filter, the list of teams and the attendance counts.
rules.add_perm("training.view_team_schedules", is_organizer | is_evaluator | is_mentor)
rules.add_perm("training.view_own_attendance", is_participant | is_mentor)
rules.add_perm("training.export_recap", is_organizer | is_evaluator)
# What a schedule shows (sessions.selectors.visible_sessions): every session of the program; every session when
# the person asks for the whole program's; besides the sessions expecting their teams, those they mentor. A new
# session is mentored by the person who schedules it when they are a mentor.
rules.add_perm("training.view_every_session", is_organizer | is_evaluator)
rules.add_perm("training.view_whole_schedule", is_organizer | is_evaluator | is_mentor)
rules.add_perm("training.mentor_sessions", is_mentor)
# A person's calendar feed holds every session of the program, not only those expecting them.
rules.add_perm("training.feed_every_session", is_organizer)
rules.add_perm("training.change_policy", is_organizer)
rules.add_perm("training.manage_letters", is_organizer)
# One session (object: the session).
rules.add_perm("training.view_session", is_organizer | is_evaluator | is_mentor | is_expected_participant)
rules.add_perm("training.change_session", manages_attendance)
rules.add_perm("training.manage_attendance", manages_attendance)
rules.add_perm("training.view_attendance", manages_attendance | is_evaluator | is_team_mentor_of_session)
rules.add_perm("training.print_sheet", manages_attendance | is_evaluator)
rules.add_perm("training.check_in", in_program)
