from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from materials.models import Assignment, Extension, Submission
from materials.selectors import visible_team_ids
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
        return visible_team_ids(self.request.user, self.program, self.roles)

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
    def submission(self):
        submission = Submission.objects.filter(team=self.team, assignment=self.assignment).first()
        if submission is not None:
            submission.team, submission.assignment = self.team, self.assignment
        return submission

    @cached_property
    def extension(self):
        return Extension.objects.filter(team=self.team, assignment=self.assignment).select_related(
            "granted_by").first()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "team": self.team, "submission": self.submission,
                "status": self.submission.status if self.submission else Submission.Status.NOT_SUBMITTED,
                "extension": self.extension,
                "due_at": self.extension.due_at if self.extension else self.assignment.due_at}
