"""State changes of the materials app; views and the demo call these, nothing else writes."""

from materials.services.publishing import (
    assignment_create,
    assignment_update,
    clone_into,
    material_delete,
    material_publish,
)
from materials.services.workflow import (
    draft_submit,
    extension_grant,
    extension_revoke,
    feedback_give,
    next_status,
    submission_review_start,
    submission_transition,
)

__all__ = [
    "assignment_create", "assignment_update", "clone_into", "draft_submit", "extension_grant", "extension_revoke",
    "feedback_give", "material_delete", "material_publish", "next_status", "submission_review_start",
    "submission_transition",
]
