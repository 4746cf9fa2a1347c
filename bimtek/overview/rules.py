"""What the home page shows a person in each of their programs (object: the program).

These are rules, not permissions: nothing is refused by them. They are asked through the rule set (the
selector that reads each section's data and the ``{% test_rule %}`` tag of the page), never through
``user.has_perm``, which answers yes to a superuser for everything: a section shows only for the roles the
person holds, since its data is read only for those.
"""

import rules

from participants.predicates import is_evaluator, is_mentor, is_organizer, is_participant

rules.add_rule("overview.home_participant", is_participant)
rules.add_rule("overview.home_mentor", is_mentor)
rules.add_rule("overview.home_organizer", is_organizer)
rules.add_rule("overview.home_evaluator", is_evaluator)
