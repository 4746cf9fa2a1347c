"""Who may see and change the master plan register and the evaluation.

- The register is the team's: its members write it, its mentors review it (like a draft); organizers and
  evaluators of the program read every team's.
- A round is run by the program's organizers. A team sees and fills only its own self-assessment, and sees its
  scores once the round is finalised. An assessor (an evaluator assigned to a team in a round) sees and scores
  only the teams assigned to them. Evaluators of another program see nothing.

Objects below a round team (answers, evidence, assessments) expose ``.team`` and ``.round_team``.
"""

import rules

from evaluation.selectors.assessors import assessed_round_team_ids
from participants.predicates import (
    is_evaluator,
    is_organizer,
    is_participant,
    is_team_member,
    is_team_mentor,
    program_id_of,
)


def round_team_id_of(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "RoundTeam":
        return obj.pk
    if hasattr(obj, "round_team_id"):
        return obj.round_team_id
    return getattr(getattr(obj, "answer", None), "round_team_id", None)


@rules.predicate
def is_team_assessor(user, obj):
    """The user assesses the team in the round this object belongs to."""
    round_team_id = round_team_id_of(obj)
    return round_team_id is not None and round_team_id in assessed_round_team_ids(user, program_id_of(obj))


@rules.predicate
def assesses_in_program(user, obj):
    """The user assesses at least one team in one of the program's rounds."""
    return bool(assessed_round_team_ids(user, program_id_of(obj)))


@rules.predicate
def is_finalised(user, obj):
    round_team = obj if obj.__class__.__name__ == "RoundTeam" else getattr(obj, "round_team", None)
    return round_team is not None and round_team.status == round_team.Status.FINALISED


# The register (on a Team, a MasterPlan or a PlanProgram).
rules.add_perm("evaluation.view_register", is_organizer | is_evaluator | is_team_member | is_team_mentor)
rules.add_perm("evaluation.change_register", is_team_member | is_organizer)
rules.add_perm("evaluation.review_register", is_team_mentor | is_organizer)

# Rounds and schemes (on the Program, an EvaluationRound or a Scheme).
rules.add_perm("evaluation.manage_evaluation", is_organizer)
rules.add_perm("evaluation.view_rounds", is_organizer | is_evaluator | is_participant)
rules.add_perm("evaluation.view_results", is_organizer | is_evaluator)

# One team in a round (on a RoundTeam, an Answer, an Evidence or an Assessment).
rules.add_perm("evaluation.view_self_assessment", is_organizer | is_team_member | is_team_assessor)
rules.add_perm("evaluation.fill_self_assessment", is_team_member)
rules.add_perm("evaluation.assess_team", is_team_assessor)
rules.add_perm("evaluation.return_self_assessment", is_team_assessor | is_organizer)
rules.add_perm("evaluation.view_scores", is_organizer | is_team_assessor | (is_team_member & is_finalised))
rules.add_perm("evaluation.view_assessor_queue", is_organizer | assesses_in_program)  # the cheap test first
