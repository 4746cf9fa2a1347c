"""Who may see and change materials, assignments, drafts and feedback.

Objects that belong to a team (the submission pages) are checked against the
Team itself, so a page for a team that has not uploaded yet answers the same.
"""

import rules

from participants.predicates import (
    in_program,
    is_evaluator,
    is_mentor,
    is_organizer,
    is_team_member,
    is_team_mentor,
)


@rules.predicate
def is_publisher(user, obj):
    return obj is not None and obj.created_by_id == user.pk


# What a mentor published (a material or an assignment) is changed and withdrawn by that mentor and the
# program's organizers only: another mentor's assignment, or one an organizer set, is not theirs to move.
changes_publication = is_organizer | (is_mentor & is_publisher)


rules.add_perm("materials.view_materials", in_program)
rules.add_perm("materials.publish_material", is_organizer | is_mentor)
rules.add_perm("materials.delete_material", changes_publication)
rules.add_perm("materials.view_assignments", in_program)
# Staff see every visible team's progress per assignment; a participant sees their own team's.
rules.add_perm("materials.view_assignment_overview", is_organizer | is_evaluator | is_mentor)
rules.add_perm("materials.manage_assignments", is_organizer | is_mentor)
rules.add_perm("materials.change_assignment", changes_publication)
rules.add_perm("materials.view_submission", is_organizer | is_evaluator | is_team_member | is_team_mentor)
rules.add_perm("materials.upload_draft", is_team_member)
rules.add_perm("materials.review_submission", is_organizer | is_team_mentor)
rules.add_perm("materials.grant_extension", is_organizer | is_team_mentor)
rules.add_perm("materials.download_all", is_organizer | is_evaluator | is_mentor)
rules.add_perm("materials.view_review_queue", is_organizer | is_mentor)
# The queue of every mentor, with their review times; a mentor's queue holds their own teams.
rules.add_perm("materials.view_all_reviews", is_organizer)
