"""Marking a session's roster, the recap per person, team and stage, and the program's attendance settings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bimtek.selectors import program_stages
from bimtek.views.mixins import REFUSED, ServiceActionMixin, ServiceFormMixin
from participants import roles
from participants.view_mixins import ProgramMixin
from sessions import selectors, services
from sessions.forms import STATUS_CHOICES, AttendancePolicyForm
from sessions.models import Attendance
from sessions.views.base import SessionMixin

# Two form fields per person; Django refuses more than 1,000 fields in one request.
ROSTER_PAGE = 300
# A roster longer than this is marked team by team (a plenary is some 35,000 px tall on a phone in one form).
TEAM_BY_TEAM = 40
MENTORS = "mentors"


class AttendanceMarkView(ServiceActionMixin, SessionMixin, TemplateView):
    """The roster in one form, or team by team when it is long; each form saves only the people it shows."""

    permission_required = "training.manage_attendance"
    template_name = "sessions/attendance_form.html"

    @cached_property
    def entries(self):
        return selectors.roster(self.session)

    @cached_property
    def teams(self):
        seen = {}
        for entry in self.entries:
            if entry.team is not None:
                seen.setdefault(entry.team.pk, entry.team)
        return list(seen.values())

    @cached_property
    def group(self):
        """'' (everyone), a team id as text, or 'mentors'."""
        wanted = self.request.GET.get("team", "")
        valid = {str(team.pk) for team in self.teams} | {MENTORS}
        if wanted in valid:
            return wanted
        if len(self.entries) > TEAM_BY_TEAM and self.teams:
            return str(self.teams[0].pk)
        return ""

    @cached_property
    def groups(self):
        """The teams' ids as text, then 'mentors': the order of the team-by-team pages."""
        return [str(team.pk) for team in self.teams] + ([MENTORS] if any(e.is_mentor for e in self.entries) else [])

    def neighbours(self):
        """The groups before and after the one shown ('' at either end, or when everyone is shown)."""
        if self.group not in self.groups:
            return "", ""
        index = self.groups.index(self.group)
        return (self.groups[index - 1] if index else "",
                self.groups[index + 1] if index + 1 < len(self.groups) else "")

    @cached_property
    def shown(self):
        if self.group == MENTORS:
            return [e for e in self.entries if e.is_mentor]
        if self.group:
            return [e for e in self.entries if e.team is not None and str(e.team.pk) == self.group]
        return self.entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previous, following = self.neighbours()
        context.update(entries=self.shown, teams=self.teams, group=self.group, status_choices=STATUS_CHOICES,
                       too_large=len(self.entries) > ROSTER_PAGE, has_mentors=MENTORS in self.groups,
                       team_by_team=len(self.entries) > TEAM_BY_TEAM, previous_group=previous,
                       next_group=following, group_number=self.groups.index(self.group) + 1 if self.group else 0,
                       group_count=len(self.groups), counts=selectors.status_counts(self.shown),
                       started=self.session.has_started)
        return context

    def post(self, request, *args, **kwargs):
        valid = {value for value, _label in STATUS_CHOICES}
        fill = request.POST.get("fill", "")
        marks = {}
        for entry in self.shown:
            status = request.POST.get(f"status-{entry.user.pk}", entry.status)
            note = request.POST.get(f"note-{entry.user.pk}", entry.attendance.note if entry.attendance else "")[:300]
            if status not in valid:
                status = entry.status
            if not status and fill in (Attendance.Status.ABSENT, Attendance.Status.PRESENT):
                status = fill
            marks[entry.user.pk] = (status, note)
        then = request.POST.get("then", "")
        group = then if then in self.groups else self.group
        changed = self.run_action(lambda: services.attendance_roster_mark(session=self.session, marks=marks,
                                                                          marked_by=request.user),
                                  lambda changed: _("Attendance saved: %(n)d changed.") % {"n": changed})
        if changed is REFUSED:
            group = self.group  # stay on the list that was refused
        return redirect(request.path + (f"?team={group}" if group else ""))


class RecapView(ProgramMixin, TemplateView):
    """Attendance rates per stage, team and person; mentors see the teams they guide."""

    permission_required = "training.view_recap"
    template_name = "sessions/attendance_recap.html"
    people_per_page = 25  # some 7,000 px on a phone; 100 made a 37,000 px page

    @cached_property
    def stage(self):
        return self.stage_in_query()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team_ids = roles.visible_team_ids(self.request.user, self.program.pk)
        sees_all = team_ids is None
        recap = selectors.attendance_recap(self.program, stage=self.stage, team_ids=team_ids,
                                           include_mentors=sees_all)
        participants = [p for p in recap.people if not p.is_mentor]
        wanted_team = self.request.GET.get("team", "")
        if wanted_team:
            participants = [p for p in participants if str(p.team.pk) == wanted_team]
        page = Paginator(participants, self.people_per_page).get_page(self.request.GET.get("page"))
        context.update(recap=recap, stage=self.stage, page=page, wanted_team=wanted_team,
                       mentors=[p for p in recap.people if p.is_mentor], sees_all=sees_all,
                       can_export=self.request.user.has_perm("training.export_recap", self.program),
                       can_change_policy=self.request.user.has_perm("training.change_policy", self.program),
                       stages=list(program_stages(self.program)))
        return context


class MyAttendanceView(ProgramMixin, TemplateView):
    """A participant's (or mentor's) own sessions and attendance rate."""

    permission_required = "training.view_own_attendance"
    template_name = "sessions/attendance_mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        own = selectors.own_attendance(self.program, self.request.user, now=now)
        context.update(sessions=own.sessions, attended=own.attended, expected=own.expected, rate=own.rate, now=now)
        return context


class PolicyView(ServiceFormMixin, ProgramMixin, FormView):
    """Check-in window, grace time, code rotation, online share, quorum and the sheet's official."""

    permission_required = "training.change_policy"
    template_name = "sessions/attendance_settings.html"
    form_class = AttendancePolicyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": selectors.attendance_policy(self.program)}

    def run_service(self, form):
        services.attendance_policy_update(program=self.program, **form.cleaned_data)
        messages.success(self.request, _("Attendance settings saved."))
        return redirect("attendance_settings", program=self.program.pk)
