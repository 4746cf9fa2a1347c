"""The personal calendar feed behind a secret address, and the page where a person finds or resets it."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from bimtek.views.mixins import PermissionRequiredMixin
from sessions import selectors, services
from sessions.ical import calendar_feed_ics


class CalendarFeedView(View):
    """The .ics a calendar app subscribes to. The token in the address is the only key: no login."""

    public = True

    def get(self, request, token):
        user = selectors.calendar_feed_user(token)
        if user is None:
            raise Http404
        with translation.override(user.language or settings.LANGUAGE_CODE):
            sessions = list(selectors.calendar_sessions(user))
            content = calendar_feed_ics(user=user, sessions=sessions, base_url=settings.BIMTEK_BASE_URL,
                                        mentors=selectors.mentor_labels([session.pk for session in sessions]))
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="bimtek.ics"'
        response["Cache-Control"] = "private, max-age=900"
        response["X-Robots-Tag"] = "noindex"
        return response


def feed_url(user) -> str:
    return settings.BIMTEK_BASE_URL + reverse("calendar_feed", kwargs={"token": user.calendar_token})


class CalendarSettingsView(PermissionRequiredMixin, TemplateView):
    """Each person's own calendar address, with how to subscribe and a button to make a new one."""

    login_only = True
    template_name = "sessions/calendar_settings.html"

    def has_permission(self):
        return True

    def get_context_data(self, **kwargs):
        url = feed_url(self.request.user)
        return {**super().get_context_data(**kwargs), "feed_url": url,
                "webcal_url": "webcal://" + url.split("://", 1)[-1]}

    def post(self, request, *args, **kwargs):
        services.calendar_token_reset(user=request.user)
        messages.success(request, _("You have a new calendar address. The old one no longer works: subscribe again "
                                    "with the new one."))
        return redirect("calendar_settings")
