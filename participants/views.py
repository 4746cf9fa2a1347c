from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.accounts import INVITATIONS_PER_HOUR, user_invite
from bimtek.views.mixins import PermissionRequiredMixin, ServiceActionMixin, ServiceFormMixin
from participants import selectors, services
from participants.forms import (
    MentorAssignForm,
    ParticipantForm,
    ParticipantUpdateForm,
    RegionForm,
    StaffForm,
    TeamCreateForm,
    TeamUpdateForm,
)
from participants.view_mixins import ProgramMixin


class RegionListView(ServiceFormMixin, PermissionRequiredMixin, FormView):
    """All regional governments, shared by every program; organizers add new ones."""

    permission_required = "participants.add_region"
    template_name = "participants/region_list.html"
    form_class = RegionForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "regions": selectors.regions_with_team_counts()}

    def run_service(self, form):
        region = services.region_create(**form.cleaned_data)
        messages.success(self.request, _("%(region)s added.") % {"region": region})
        return redirect("region_list")


class TeamListView(ProgramMixin, TemplateView):
    """The teams the person may see, a page of them at a time, searchable by region or province."""

    permission_required = "bimtek.view_program"
    template_name = "participants/team_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "").strip()[:100]
        teams = selectors.search_teams(selectors.visible_teams(self.program, self.request.user), search)
        page = Paginator(teams, self.page_size).get_page(self.request.GET.get("page"))
        page.object_list = selectors.team_list_details(self.program, page.object_list)
        context.update(teams=page.object_list, page=page, search=search,
                       query=urlencode({"q": search}) if search else "")
        context["can_change"] = self.request.user.has_perm("participants.change_team", self.program)
        return context


class TeamCreateView(ServiceFormMixin, ProgramMixin, FormView):
    permission_required = "participants.change_team"
    template_name = "participants/team_form.html"
    form_class = TeamCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def run_service(self, form):
        data = form.cleaned_data
        region = data["region"] or services.region_create(
            name=data["new_region_name"], kind=data["new_region_kind"],
            province=data["new_region_province"], time_zone=data["new_region_time_zone"] or "Asia/Jakarta")
        team = services.team_create(program=self.program, region=region)
        messages.success(self.request, _("Team %(team)s added.") % {"team": team})
        return redirect("team_detail", program=self.program.pk, team=team.pk)


class TeamMixin(ProgramMixin):
    """A view of one team; the team must belong to the program in the URL."""

    permission_required = "participants.view_team"

    @cached_property
    def team(self):
        return get_object_or_404(selectors.team_lookup(self.kwargs["program"]), pk=self.kwargs["team"])

    @cached_property
    def program(self):
        return self.team.program  # read with the team, which must be the URL's program's

    def get_permission_object(self):
        return self.team

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "team": self.team}


class TeamUpdateView(TeamMixin, FormView):
    permission_required = "participants.change_team"
    template_name = "participants/team_form.html"
    form_class = TeamUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.team}

    def form_valid(self, form):
        services.team_update(team=self.team, **form.cleaned_data)
        messages.success(self.request, _("Team %(team)s saved.") % {"team": self.team})
        return redirect("team_detail", program=self.program.pk, team=self.team.pk)


class ParticipantCreateView(ServiceFormMixin, TeamMixin, FormView):
    permission_required = "participants.change_team"
    template_name = "participants/participant_form.html"
    form_class = ParticipantForm

    def run_service(self, form):
        data = dict(form.cleaned_data)
        invite = data.pop("send_invitation")
        participant = services.participant_add(team=self.team, **data)
        if invite and not participant.user.has_usable_password():
            user_invite(user=participant.user, program=self.program, invited_by=self.request.user)
        messages.success(self.request, _("%(name)s added to the team.") % {"name": participant.full_name})
        return redirect("team_detail", program=self.program.pk, team=self.team.pk)


class ParticipantUpdateView(ServiceFormMixin, TeamMixin, FormView):
    """Correct a member's details, e.g. a misspelt name before certificates are printed."""

    permission_required = "participants.change_team"
    template_name = "participants/participant_form.html"
    form_class = ParticipantUpdateForm

    @cached_property
    def participant(self):
        return get_object_or_404(selectors.member_lookup(self.team), pk=self.kwargs["participant"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.participant}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "participant": self.participant}

    def run_service(self, form):
        services.participant_update(participant=self.participant, **form.cleaned_data)
        messages.success(self.request, _("%(name)s saved.") % {"name": self.participant.full_name})
        return redirect("team_detail", program=self.program.pk, team=self.team.pk)


class ParticipantRemoveView(ServiceActionMixin, TeamMixin, View):
    permission_required = "participants.change_team"

    def post(self, request, *args, **kwargs):
        participant = get_object_or_404(selectors.member_lookup(self.team), pk=kwargs["participant"])
        self.run_action(lambda: services.participant_remove(participant=participant),
                        _("%(name)s removed from the team.") % {"name": participant.full_name})
        return redirect("team_detail", program=self.program.pk, team=self.team.pk)


class MentorAssignView(TeamMixin, View):
    permission_required = "participants.change_team"

    def post(self, request, *args, **kwargs):
        form = MentorAssignForm(request.POST, program=self.program)
        if form.is_valid():
            mentor = form.cleaned_data["mentor"]
            name = mentor.listed_name or mentor.email
            if request.POST.get("action") == "remove":
                services.mentor_unassign(team=self.team, mentor=mentor)
                messages.success(request, _("%(mentor)s no longer guides this team.") % {"mentor": name})
            else:
                services.mentor_assign(team=self.team, mentor=mentor)
                messages.success(request, _("%(mentor)s now guides this team.") % {"mentor": name})
        else:
            messages.error(request, _("Choose a mentor of this program."))
        return redirect("team_detail", program=self.program.pk, team=self.team.pk)


class StaffListView(ServiceFormMixin, ProgramMixin, FormView):
    """Organizers, mentors and evaluators of the program; organizers add and remove them."""

    permission_required = "participants.manage_people"
    template_name = "participants/staff_list.html"
    form_class = StaffForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["grants"] = selectors.program_staff(self.program)
        return context

    def run_service(self, form):
        data = form.cleaned_data
        grant = services.staff_add(program=self.program, email=data["email"], full_name=data["full_name"],
                                   role=data["role"], agency=data["agency"], position=data["position"],
                                   nip=data["nip"])
        if data["send_invitation"] and not grant.user.has_usable_password():
            user_invite(user=grant.user, program=self.program, invited_by=self.request.user)
        messages.success(self.request, _("%(person)s is now %(role)s.") % {
            "person": grant.listed_name, "role": grant.get_role_display()})
        return redirect("staff_list", program=self.program.pk)


class StaffRevokeView(ServiceActionMixin, ProgramMixin, View):
    permission_required = "participants.manage_people"

    def post(self, request, *args, **kwargs):
        grant = get_object_or_404(selectors.staff_role_lookup(self.program), pk=kwargs["grant"])
        self.run_action(lambda: services.program_role_revoke(grant=grant), _("Role removed."))
        return redirect("staff_list", program=self.program.pk)


class InvitationSendView(ProgramMixin, View):
    """Send (again) the e-mail with which a person of this program sets a password."""

    permission_required = "participants.manage_people"

    def post(self, request, *args, **kwargs):
        person = get_object_or_404(selectors.program_people(self.program), pk=kwargs["user"])
        if user_invite(user=person, program=self.program, invited_by=request.user):
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": person.email})
        else:
            messages.error(request, _("Not sent: %(email)s already received %(count)s invitations in the last "
                                      "hour. Try again later.") % {"email": person.email,
                                                                   "count": INVITATIONS_PER_HOUR})
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
            return redirect(next_url)
        return redirect("staff_list", program=self.program.pk)
