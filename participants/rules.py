"""Who may see and change regions, teams and people."""

import rules

from participants import program_rules  # noqa: F401 (registers the permissions on programs and stages)
from participants.models import Participant
from participants.predicates import (
    is_back_office,
    is_evaluator,
    is_organizer,
    is_team_member,
    is_team_mentor,
    organizes_any_program,
)


@rules.predicate
def is_the_person(user, obj):
    """The object is this user's own participation."""
    return isinstance(obj, Participant) and obj.user_id == user.pk


# NIP and phone numbers (personal data under UU 27/2022): the program's organizers, and the person themself.
# Teammates, mentors and evaluators see names, positions and agencies only. Applied to a Participant (the
# team page) or the Program (the participant list export); certificates print the NIP only on the holder's
# own certificate (certificates.rules).
sees_personal_data = is_organizer | is_the_person

rules.add_perm("participants.view_team", is_organizer | is_evaluator | is_team_member | is_team_mentor)
rules.add_perm("participants.view_personal_data", sees_personal_data)
rules.add_perm("participants.change_team", is_organizer)
rules.add_perm("participants.manage_people", is_organizer)
rules.add_perm("participants.add_region", is_back_office | organizes_any_program)
rules.add_perm("participants.import_participants", is_organizer)
# The list holds phone numbers and NIPs.
rules.add_perm("participants.export_participants", sees_personal_data)


def personal_data_shown(user, members) -> list[bool]:
    """``participants.view_personal_data`` for each of ``members``, in order. The rule reads a member only
    through their team's program and whether it is the person, so it is asked once per program and kind of row
    (the person's own, the others') instead of once per row: a team has eighty members."""
    answers = {}
    shown = []
    for member in members:
        key = (member.team.program_id, member.user_id == user.pk)
        if key not in answers:
            answers[key] = user.has_perm("participants.view_personal_data", member)
        shown.append(answers[key])
    return shown
