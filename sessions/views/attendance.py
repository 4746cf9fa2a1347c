"""Marking a session's roster, the recap per person, team and stage, and the program's attendance settings."""

from django.contrib import messages
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
# More teams than this are found by their region's name rather than picked from a list.
TEAM_LIST_MAX = 50
MENTORS = "mentors"


class AttendanceMarkView(ServiceActionMixin, SessionMixin, TemplateView):
    """The roster in one form, or team by team when it is long; each form saves only the people it shows.

    Only the people shown are read: one team of a 41,000-person plenary costs what a small session does.
    """

    permission_required = "training.manage_attendance"
    template_name = "sessions/attendance_form.html"

    @cached_property
    def order(self):
        return selectors.TeamOrder(self.session)

    @cached_property
    def size(self):
        return selectors.roster_size(self.session)

    @cached_property
    def team_count(self):
        return self.order.count()

    @cached_property
    def has_mentors(self):
        return selectors.roster_parts(self.session)["mentors"] > 0

    @cached_property
    def teams(self):
        """The teams to pick from, while they are few enough for a list."""
        return self.order.all() if self.team_count <= TEAM_LIST_MAX else []

    @cached_property
    def region_search(self):
        return self.request.GET.get("region", "").strip()[:100]

    @cached_property
    def team(self):
        """The team shown (None: everyone, or the mentors): the first whose region matches the search, the one
        asked for, else the first team when the roster is long."""
        wanted = self.request.GET.get("team", "")
        if self.region_search:
            found = self.order.matching(self.region_search)
            if found is not None:
                return found
        if wanted == MENTORS:
            return None
        if wanted.isdigit():
            found = self.order.get(int(wanted))
            if found is not None:
                return found
        return self.order.first() if self.size > TEAM_BY_TEAM else None

    @cached_property
    def group(self):
        """'' (everyone), a team id as text, or 'mentors'."""
        if self.team is not None:
            return str(self.team.pk)
        return MENTORS if self.request.GET.get("team", "") == MENTORS else ""

    def is_group(self, value: str) -> bool:
        if value == MENTORS:
            return self.has_mentors
        return value.isdigit() and self.order.get(int(value)) is not None

    def neighbours(self):
        """The groups before and after the one shown ('' at either end, or when everyone is shown)."""
        if self.team is not None:
            before, after, _position = self.order.around(self.team)
            return (str(before) if before else "", str(after) if after else (MENTORS if self.has_mentors else ""))
        if self.group == MENTORS and self.has_mentors:
            last = self.order.last()
            return str(last.pk) if last else "", ""
        return "", ""

    def group_number(self):
        if self.team is not None:
            return self.order.around(self.team)[2]
        return self.team_count + 1 if self.group == MENTORS and self.has_mentors else 0

    @cached_property
    def shown(self):
        if self.group == MENTORS:
            return selectors.mentor_entries(self.session)
        if self.team is not None:
            return selectors.team_entries(self.session, self.team)
        return selectors.RosterPages(self.session)[0:self.size]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previous, following = self.neighbours()
        region_missed = bool(self.region_search) and (self.team is None
                                                      or self.region_search.casefold() not in str(self.team).casefold())
        context.update(entries=self.shown, teams=self.teams, team_search=self.team_count > TEAM_LIST_MAX,
                       region_search=self.region_search, region_missed=region_missed, group=self.group,
                       status_choices=[(value, str(label)) for value, label in STATUS_CHOICES],
                       too_large=self.size > ROSTER_PAGE,
                       has_mentors=self.has_mentors, team_by_team=self.size > TEAM_BY_TEAM, previous_group=previous,
                       next_group=following, group_number=self.group_number(),
                       group_count=self.team_count + self.has_mentors, counts=selectors.status_counts(self.shown),
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
        group = then if then and self.is_group(then) else self.group
        changed = self.run_action(lambda: services.attendance_roster_mark(session=self.session, marks=marks,
                                                                          marked_by=request.user),
                                  lambda changed: _("Attendance saved: %(n)d changed.") % {"n": changed})
        if changed is REFUSED:
            group = self.group  # stay on the list that was refused
        return redirect(request.path + (f"?team={group}" if group else ""))


class RecapView(ProgramMixin, TemplateView):
    """Attendance rates per stage, team and person; mentors see the teams they guide. Totals come from the
    database; teams, people and mentors are paged, so the page reads only the rows it shows."""

    permission_required = "training.view_recap"
    template_name = "sessions/attendance_recap.html"

    @cached_property
    def stage(self):
        return self.stage_in_query()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team_ids = roles.visible_team_ids(self.request.user, self.program.pk)
        sees_all = team_ids is None
        wanted_team = self.request.GET.get("team", "")
        search = self.request.GET.get("q", "").strip()[:100]
        recap = selectors.recap_page(self.program, stage=self.stage, team_ids=team_ids, include_mentors=sees_all,
                                     wanted_team=int(wanted_team) if wanted_team.isdigit() else None,
                                     search=search, people_page=self.request.GET.get("page"),
                                     teams_page=self.request.GET.get("teams_page"),
                                     mentors_page=self.request.GET.get("mentors_page"))
        context.update(recap=recap, stage=self.stage, page=recap.people, wanted_team=wanted_team, search=search,
                       mentors=recap.mentors, sees_all=sees_all,
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
