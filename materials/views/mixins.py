from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from materials import selectors
from participants import roles
from participants.view_mixins import ProgramMixin


class AssignmentMixin(ProgramMixin):
    """A view of one assignment, looked up through the program in the URL."""

    permission_required = "materials.view_assignments"

    @cached_property
    def assignment(self):
        return get_object_or_404(selectors.assignment_lookup(self.program), pk=self.kwargs["assignment"])

    @cached_property
    def visible_team_ids(self):
        return roles.visible_team_ids(self.request.user, self.program.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assignment": self.assignment}


class SubmissionMixin(AssignmentMixin):
    """One team's work on one assignment. Permission is checked on the team, so a team that has not
    uploaded yet answers exactly like one that has."""

    permission_required = "materials.view_submission"

    @cached_property
    def team(self):
        return get_object_or_404(selectors.team_lookup(self.program), pk=self.kwargs["team"])

    def get_permission_object(self):
        return self.team

    @cached_property
    def standing(self):
        return selectors.team_standing(self.assignment, self.team)

    @property
    def submission(self):
        return self.standing.submission

    @property
    def extension(self):
        return self.standing.extension

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "team": self.team, "submission": self.submission,
                "status": self.standing.status, "extension": self.extension, "due_at": self.standing.due_at}
