from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from bimtek.overview import selectors
from participants import roles
from participants.roles import program_roles, user_programs


class HomeView(LoginRequiredMixin, TemplateView):
    """Everyone's start page: one panel per program and role, with that role's data."""

    # Any logged-in person may see their own home page; the data is scoped to them.
    login_only = True
    template_name = "bimtek/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        panels = []
        for program in user_programs(user):
            program_panel = {"program": program, "roles": program_roles(user, program.pk)}
            held = program_panel["roles"]
            if roles.ORGANIZER in held:
                program_panel["counts"] = selectors.program_counts(program)
                program_panel["waiting"] = selectors.drafts_waiting(program)
            if roles.MENTOR in held:
                program_panel["mentor_teams"] = selectors.mentor_teams(program, user)
                program_panel["mentor_waiting"] = selectors.drafts_waiting(program, mentor=user)
                program_panel["mentor_sessions"] = selectors.upcoming_sessions(program, mentor=user)
            if roles.EVALUATOR in held:
                program_panel["teams"] = selectors.program_teams(program)
            if roles.PARTICIPANT in held:
                participation = (user.participations.filter(team__program=program)
                                 .select_related("team__region").first())
                team = participation.team
                program_panel["participation"] = participation
                program_panel["stages"] = list(program.stages.all())
                program_panel["assignments"] = selectors.team_assignments(program, team)
            panels.append(program_panel)
        context["panels"] = panels
        context["can_add_program"] = user.has_perm("bimtek.add_program")
        return context
