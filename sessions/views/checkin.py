"""Self check-in on a phone, and the rotating QR code shown in the room."""

import zoneinfo

import segno
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bimtek.views.mixins import ServiceFormMixin
from sessions import checkin, selectors, services
from sessions.forms import CheckInForm
from sessions.models import Attendance
from sessions.views.base import SessionMixin


class CheckInView(ServiceFormMixin, SessionMixin, FormView):
    """Where the QR code leads: one tap to check in. Anyone of the program may open it; the roster decides."""

    permission_required = "training.check_in"
    template_name = "sessions/checkin.html"
    form_class = CheckInForm

    def get_initial(self):
        return {"code": self.request.GET.get("code", "")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, session = self.request.user, self.session
        window = checkin.checkin_window(session, self.policy)
        now = timezone.now()
        context.update(
            window=window, now=now, on_roster=selectors.is_on_roster(session, user.pk),
            attendance=selectors.own_mark(session, user), via=self.request.GET.get("via", ""),
            can_see_session=user.has_perm("training.view_session", session),
            too_early=now < window.opens_at, too_late=now > window.closes_at)
        return context

    def run_service(self, form):
        method = Attendance.Method.QR if self.request.POST.get("via") == "qr" else Attendance.Method.CODE
        attendance = services.attendance_check_in(session=self.session, person=self.request.user,
                                                  code=form.cleaned_data["code"], method=method)
        return self.render_to_response(self.get_context_data(form=form, checked_in=attendance))

    def service_refused(self, form, error):
        # A wrong code is the field's error; a refusal of the person or the time is the page's.
        form.add_error("code" if getattr(error, "code", None) == "wrong_code" else None, error)
        return self.form_invalid(form)


class CheckInCodeView(ServiceFormMixin, LoginRequiredMixin, FormView):
    """Type the code from the screen, without scanning: the code tells which session it is."""

    login_only = True
    template_name = "sessions/checkin_code.html"
    form_class = CheckInForm
    service_error_field = "code"

    @cached_property
    def open_sessions(self):
        """Read once per request: the check-in and the page after it share it."""
        return selectors.sessions_open_for_checkin(self.request.user, timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_sessions"] = [session for session in self.open_sessions if session.on_roster]
        return context

    def run_service(self, form):
        attendance = services.attendance_check_in_by_code(person=self.request.user, code=form.cleaned_data["code"],
                                                          open_sessions=self.open_sessions)
        return self.render_to_response(self.get_context_data(form=CheckInForm(), checked_in=attendance))


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code (no script, no image request), sized by CSS."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=8, title=label, svgclass="qr", omitsize=True,
                                                           border=2))


class CheckInDisplayView(SessionMixin, TemplateView):
    """The screen projected in the room: QR code and typed code, changing every few seconds.

    Its times are the room's: the session's zone, whatever the zone of the organizer who opened it.
    """

    permission_required = "training.manage_attendance"
    template_name = "sessions/checkin_display.html"

    def render_to_response(self, context, **response_kwargs):
        with timezone.override(zoneinfo.ZoneInfo(self.session.time_zone)):
            return super().render_to_response(context, **response_kwargs).render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        window = checkin.checkin_window(self.session, self.policy)
        context.update(window=window, now=now, open=self.session.is_open_for_checkin(self.policy, now))
        if context["open"]:
            code = checkin.current_code(self.session, self.policy, now)
            path = reverse("checkin", kwargs={"program": self.program.pk, "session": self.session.pk})
            url = f"{settings.BIMTEK_BASE_URL}{path}?code={code}&via=qr"
            context.update(code=f"{code[:3]} {code[3:]}", qr=qr_svg(url, _("Check-in QR code")),
                           refresh=checkin.seconds_to_next_step(self.policy, now) + 1,
                           typed_url=settings.BIMTEK_BASE_URL + reverse("checkin_code"),
                           present=selectors.present_count(self.session),
                           roster_size=selectors.roster_size(self.session))
        else:
            # Reload once a minute so the code appears by itself when the window opens.
            context["refresh"] = 60
        return context
