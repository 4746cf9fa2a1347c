from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from materials.models import Assignment
from materials.selectors import team_standing
from participants import roles
from participants.models import Team
from participants.view_mixins import ProgramMixin


class AssignmentMixin(ProgramMixin):
    """A view of one assignment, looked up through the program in the URL."""

    permission_required = "materials.view_assignments"

    @cached_property
    def assignment(self):
        return get_object_or_404(Assignment.objects.select_related("stage", "dimension"),
                                 pk=self.kwargs["assignment"], stage__program=self.program)

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
        return get_object_or_404(Team.objects.select_related("region", "program"), pk=self.kwargs["team"],
                                 program=self.program)

    def get_permission_object(self):
        return self.team

    @cached_property
    def standing(self):
        return team_standing(self.assignment, self.team)

    @property
    def submission(self):
        return self.standing.submission

    @property
    def extension(self):
        return self.standing.extension

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "team": self.team, "submission": self.submission,
                "status": self.standing.status, "extension": self.extension, "due_at": self.standing.due_at}
