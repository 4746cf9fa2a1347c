"""Who may see and change regions, teams and people."""

import rules

from participants import program_rules  # noqa: F401 (registers the permissions on programs and stages)
from participants.predicates import (
    is_back_office,
    is_evaluator,
    is_organizer,
    is_team_member,
    is_team_mentor,
    organizes_any_program,
)

rules.add_perm("participants.view_team", is_organizer | is_evaluator | is_team_mentor | is_team_member)
rules.add_perm("participants.change_team", is_organizer)
rules.add_perm("participants.manage_people", is_organizer)
rules.add_perm("participants.add_region", is_back_office | organizes_any_program)
rules.add_perm("participants.import_participants", is_organizer)
# The list holds phone numbers and NIPs: organizers only.
rules.add_perm("participants.export_participants", is_organizer)
