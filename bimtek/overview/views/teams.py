"""A team's own page: its people and mentors (participants) with its progress through the stages (every app)."""

from django.views.generic import TemplateView

from bimtek.overview.team_figures import team_progress
from participants.forms import MentorAssignForm
from participants.rules import personal_data_shown
from participants.selectors import team_members, team_mentor_assignments
from participants.views import TeamMixin


class TeamDetailView(TeamMixin, TemplateView):
    permission_required = "participants.view_team"
    template_name = "participants/team_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("participants.change_team", self.team)
        # Only those who change the team see the members' addresses. Read through the team's related manager, each
        # member's ``team`` is this team: the personal-data rule reads the program from it without a query.
        members = list(team_members(self.team, accounts=context["can_change"]))
        for member, shown in zip(members, personal_data_shown(self.request.user, members), strict=True):
            member.personal_data_shown = shown
        context["members"] = members
        context["mentors"] = team_mentor_assignments(self.team)
        if context["can_change"]:
            context["mentor_form"] = MentorAssignForm(program=self.program)
        context["progress"] = team_progress(self.program, self.team)
        return context
