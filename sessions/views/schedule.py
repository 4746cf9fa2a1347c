"""The schedule: lists and calendars per role, scheduling, changing and cancelling sessions."""

import calendar
import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bimtek.selectors import ordered_stages, program_stages
from bimtek.views.mixins import ServiceFormMixin
from participants import roles
from participants.models import Team
from participants.view_mixins import ProgramMixin
from sessions import checkin, jobs, selectors, services
from sessions.forms import SessionCancelForm, SessionForm, SignedSheetForm
from sessions.views.base import SessionMixin

# Up to this many teams the schedule's team filter and letters list them all; beyond, a search picks one.
TEAM_CHOICES_MAX = 50


class ScheduleMixin(ProgramMixin):
    permission_required = "training.view_schedule"

    @cached_property
    def everything(self):
        """Mentors see their own sessions unless they ask for the whole program's."""
        return self.request.GET.get("scope") == "all"

    @cached_property
    def sees_teams(self):
        return self.request.user.has_perm("training.view_team_schedules", self.program)

    @cached_property
    def team_choices(self):
        """The teams to choose from in a list, or None when the program has too many for one (then a search
        by region chooses the team)."""
        if not self.sees_teams:
            return None
        teams = selectors.program_teams(self.program)
        if len(teams.order_by().values_list("pk", flat=True)[:TEAM_CHOICES_MAX + 1]) > TEAM_CHOICES_MAX:
            return None  # known from their ids, without building a page of teams
        return list(teams)

    @cached_property
    def team_search(self):
        return self.request.GET.get("region", "").strip()[:100]

    @cached_property
    def team_filter(self):
        """The team in ``?team=`` (its id), else the first whose region's name holds ``?region=``."""
        if not self.sees_teams or ("team" not in self.request.GET and not self.team_search):
            return None
        teams = selectors.program_teams(self.program)
        if "team" not in self.request.GET and self.team_search:
            return teams.filter(region__name__icontains=self.team_search).order_by("region__name", "pk").first()
        try:
            return teams.get(pk=int(self.request.GET["team"]))
        except (KeyError, ValueError, Team.DoesNotExist):
            return None

    def sessions(self):
        sessions = selectors.visible_sessions(self.program, self.request.user, everything=self.everything)
        if self.team_filter:
            sessions = sessions.expecting([self.team_filter.pk])
        return sessions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("training.add_session", self.program)
        context["can_edit_stage"] = self.request.user.has_perm("bimtek.change_stage", self.program)
        context["can_letter"] = self.request.user.has_perm("training.manage_letters", self.program)
        # A mentor's schedule holds their own sessions unless they ask for the whole program's.
        context["mentor_scope"] = self.sees_teams and roles.visible_team_ids(self.request.user, self.program.pk) \
            is not None
        context["everything"] = self.everything
        context["now"] = timezone.now()
        context["team_filter"] = self.team_filter
        context["teams"] = self.team_choices
        context["many_teams"] = self.sees_teams and self.team_choices is None
        context["team_search"] = self.team_search
        return context


class ScheduleView(ScheduleMixin, TemplateView):
    """One stage's sessions, as this person should see them, with links to the other stages: a program's
    schedule runs to hundreds of sessions, so the page holds a stage at a time (the current one first)."""

    template_name = "sessions/session_list.html"

    def shown_stage(self, stages):
        """The stage in ``?stage=`` (its number), else the one under way today, else the next, else the last."""
        chosen = {str(stage.ordinal): stage for stage in stages}.get(self.request.GET.get("stage", ""))
        if chosen or not stages:
            return chosen
        today = timezone.localdate()
        return next((stage for stage in stages if stage.end_date >= today), stages[-1])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stages = ordered_stages([self.program])[self.program.pk]
        stage = self.shown_stage(stages)
        sessions = selectors.visible_stage_sessions(
            self.program, self.request.user, stage, everything=self.everything,
            team_id=self.team_filter.pk if self.team_filter else None) if stage else None
        rows = selectors.schedule_rows(self.program, sessions, self.request.user) if stage else []
        extra = {"scope": "all"} if self.everything else {}
        if self.team_filter:
            extra["team"] = self.team_filter.pk
        context["stages"] = [(stage, rows)] if stage else []
        context["all_stages"] = stages
        context["shown_stage"] = stage
        context["extra_query"] = "".join(f"&{key}={value}" for key, value in extra.items())
        context["show_counts"] = self.sees_teams
        context["show_mine"] = self.request.user.has_perm("training.view_own_attendance", self.program)
        return context


class CalendarView(ScheduleMixin, TemplateView):
    """A month or week calendar of the same sessions, in the viewer's zone."""

    template_name = "sessions/session_calendar.html"

    def anchor(self):
        """The day in ``?date=``, else today; a day at the end of the calendar (year 1 or 9999) is today too,
        since the weeks around it cannot be counted."""
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("date", ""))
        except ValueError:
            return timezone.localdate()
        return day if datetime.MINYEAR < day.year < datetime.MAXYEAR else timezone.localdate()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mode = "week" if self.request.GET.get("view") == "week" else "month"
        day = self.anchor()
        if mode == "month":
            first = day.replace(day=1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            start = first - datetime.timedelta(days=first.weekday())
            end = last + datetime.timedelta(days=6 - last.weekday())
            previous = (first - datetime.timedelta(days=1)).replace(day=1)
            following = last + datetime.timedelta(days=1)
        else:
            start = day - datetime.timedelta(days=day.weekday())
            end = start + datetime.timedelta(days=6)
            first, last = start, end
            previous, following = start - datetime.timedelta(days=7), start + datetime.timedelta(days=7)
        zone = timezone.get_current_timezone()
        since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
        until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        sessions = selectors.sessions_between(self.sessions(), since, until).select_related("stage")
        rows = selectors.schedule_rows(self.program, sessions, self.request.user)
        by_day = {}
        for session in rows:
            by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
        days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        cells = [{"date": d, "sessions": by_day.get(d, []), "outside": not (first <= d <= last),
                  "today": d == timezone.localdate()} for d in days]
        extra = {"scope": "all"} if self.everything else {}
        if self.team_filter:
            extra["team"] = self.team_filter.pk
        context.update(extra_query="".join(f"&{key}={value}" for key, value in extra.items()),
                       mode=mode, weeks=[cells[i:i + 7] for i in range(0, len(cells), 7)], days=cells,
                       first=first, last=last, previous=previous, following=following,
                       weekdays=[days[n] for n in range(7)], today=timezone.localdate(), anchor=day)
        return context


class SessionFormMixin(ServiceFormMixin):
    template_name = "sessions/session_form.html"
    form_class = SessionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def save_session(self, form):
        raise NotImplementedError

    def run_service(self, form):
        session = self.save_session(form)
        return redirect("session_detail", program=self.program.pk, session=session.pk)

    def service_refused(self, form, error):
        if isinstance(error, services.ScheduleConflict):
            form.show_conflicts(error.conflicts)
            form.add_error(None, _("Someone would be in two sessions at once. Change the time, or confirm below "
                                   "that it is meant to be so."))
            return self.form_invalid(form)
        return super().service_refused(form, error)


class SessionCreateView(SessionFormMixin, ProgramMixin, FormView):
    permission_required = "training.add_session"

    def get_initial(self):
        stages = list(program_stages(self.program))
        stage = next((s for s in stages if str(s.ordinal) == self.request.GET.get("stage")), None)
        if stage is None:
            today = timezone.localdate()
            stage = next((s for s in stages if s.end_date >= today), stages[-1] if stages else None)
        initial = {"time_zone": self.request.user.time_zone, "all_teams": True}
        if stage:
            initial.update(stage=stage, venue=stage.venue, meeting_url=stage.meeting_url,
                           starts_at=datetime.datetime.combine(stage.start_date, datetime.time(9)),
                           ends_at=datetime.datetime.combine(stage.start_date, datetime.time(12)))
        if self.request.user.has_perm("training.mentor_sessions", self.program):
            initial["mentors"] = [self.request.user]
        return initial

    def save_session(self, form):
        session = services.session_create(created_by=self.request.user,
                                          confirm_conflicts=form.cleaned_data["confirm_conflicts"],
                                          **form.service_fields())
        messages.success(self.request, _("Session scheduled."))
        return session


class SessionUpdateView(SessionFormMixin, SessionMixin, FormView):
    permission_required = "training.change_session"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.session}

    def save_session(self, form):
        session = services.session_update(session=self.session, changed_by=self.request.user,
                                          confirm_conflicts=form.cleaned_data["confirm_conflicts"],
                                          **form.service_fields())
        if session.sequence != self.session.sequence:
            messages.success(self.request, _("Session saved. Everyone expected at it gets an e-mail about the "
                                             "change."))
        else:
            messages.info(self.request, _("Nothing changed."))
        return session


class SessionCancelView(ServiceFormMixin, SessionMixin, FormView):
    permission_required = "training.change_session"
    template_name = "sessions/session_cancel.html"
    form_class = SessionCancelForm

    def run_service(self, form):
        services.session_cancel(session=self.session, reason=form.cleaned_data["reason"],
                                cancelled_by=self.request.user)
        messages.success(self.request, _("Session cancelled. Everyone expected at it gets an e-mail."))
        return redirect("session_detail", program=self.program.pk, session=self.session.pk)


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "sessions/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, session = self.request.user, self.session
        context["mentors"] = selectors.session_mentor_list(session)
        context["teams"] = [] if session.all_teams else selectors.session_expected_teams(session)
        context["can_change"] = user.has_perm("training.change_session", session) and not session.is_cancelled
        context["can_manage"] = user.has_perm("training.manage_attendance", session)
        context["can_view_attendance"] = user.has_perm("training.view_attendance", session)
        context["can_print"] = user.has_perm("training.print_sheet", session)
        context["sheet_by_worker"] = context["can_print"] and (
            selectors.roster_size(session) > jobs.SHEET_IN_REQUEST_MAX)
        window = checkin.checkin_window(session, self.policy)
        context["window"] = window
        context["window_open"] = session.is_open_for_checkin(self.policy, timezone.now())
        context["on_roster"] = selectors.viewer_on_roster(session, user, context["mentors"])
        context["my_attendance"] = selectors.own_mark(session, user) if context["on_roster"] else None
        context["local_differs"] = session.time_zone != timezone.get_current_timezone_name()
        if context["can_view_attendance"]:
            context.update(self.attendance_context())
            context["signed_sheets"] = selectors.signed_sheet_list(session)
        if context["can_manage"]:
            context["sheet_form"] = SignedSheetForm()
        return context

    def attendance_context(self) -> dict:
        """Counts by the database, and one page of teams and of people (searched by name or region): whatever
        the roster's size, only the rows shown are read. A mentor sees the teams they guide."""
        user, session = self.request.user, self.session
        team_ids = roles.visible_team_ids(user, self.program.pk)
        if team_ids is not None and user.has_perm("training.manage_attendance", session):
            team_ids = None
        search = self.request.GET.get("q", "").strip()[:100]
        counts = selectors.cached_roster_counts(session, team_ids=team_ids, with_mentors=team_ids is None)
        teams = Paginator(selectors.QuorumPages(session, self.policy, team_ids=team_ids, search=search),
                          selectors.ROSTER_PAGE_SIZE).get_page(self.request.GET.get("teams_page"))
        people = Paginator(selectors.RosterRowPages(session, team_ids=team_ids, with_mentors=team_ids is None,
                                                    search=search),
                           selectors.ROSTER_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return {"counts": counts, "roster_size": counts["size"], "search": search, "quorum_page": teams,
                "quorum_rows": teams.object_list, "roster_page": people}
