"""Who may do what with programs and stages."""

import rules

from participants.predicates import in_program, is_back_office, is_evaluator, is_organizer, organizes_any_program

rules.add_perm("bimtek.add_program", is_back_office | organizes_any_program)
rules.add_perm("bimtek.view_program", in_program)
rules.add_perm("bimtek.change_program", is_organizer)
rules.add_perm("bimtek.view_stage", in_program)
rules.add_perm("bimtek.change_stage", is_organizer)
# The dashboard and the program-wide exports: organizers, and evaluators, who read everything and change nothing.
rules.add_perm("bimtek.view_dashboard", is_organizer | is_evaluator)
rules.add_perm("bimtek.export_program", is_organizer | is_evaluator)
rules.add_perm("bimtek.clone_program", is_organizer)
# The audit trail of who exported or changed personal data: the program's organizers only.
rules.add_perm("bimtek.view_audit_trail", is_organizer)
