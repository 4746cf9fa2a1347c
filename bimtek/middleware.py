import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from bimtek import mfa


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the visitor chose otherwise.

    Many office PCs run an English browser; the browser's Accept-Language is
    therefore ignored and only an explicit choice (the language switcher's
    cookie, or the account's setting) changes the language.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class UserPreferencesMiddleware:
    """Show a logged-in person the site in their own language and time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language in dict(settings.LANGUAGES):
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class MFARequiredMiddleware:
    """Send a person who must use two-factor login (bimtek.mfa) and has not in this session to do it.

    Without a second factor yet they go to its set-up page; with one, to type a
    code (which also catches a login through the back office's own form).
    Account pages (set-up, log out, password) and Settings stay open, so nobody is locked out.
    """

    OPEN_PREFIXES = ("/accounts/", "/i18n/", "/preferences/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not request.path.startswith(self.OPEN_PREFIXES)
                and not mfa.session_used_mfa(request)):
            back_office = request.path.startswith(reverse("admin:index"))
            if mfa.mfa_required(user, back_office=back_office):
                return self.gate(request, user)
        return self.get_response(request)

    def gate(self, request, user):
        if mfa.mfa_enabled(user):
            return redirect(reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.get_full_path()}))
        messages.warning(request, _("Your role needs two-factor login. Set it up with an authenticator app "
                                    "to go on."))
        return redirect("mfa_activate_totp")


class SecurityHeadersMiddleware:
    """A Content-Security-Policy and a Permissions-Policy on every response (settings
    BIMTEK_CONTENT_SECURITY_POLICY, BIMTEK_PERMISSIONS_POLICY), and no caching of any page a logged-in
    person sees: they show personal data. Downloads and the public verification page say no-store themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp_header = ("Content-Security-Policy-Report-Only" if settings.BIMTEK_CSP_REPORT_ONLY
                           else "Content-Security-Policy")
        self.csp = "; ".join(f"{name} {' '.join(sources)}".strip()
                             for name, sources in settings.BIMTEK_CONTENT_SECURITY_POLICY.items())
        self.permissions = ", ".join(f"{feature}=({' '.join(allowed)})"
                                     for feature, allowed in settings.BIMTEK_PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(self.csp_header, self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        user = getattr(request, "user", None)  # absent for static files, which whitenoise answers first
        if user is not None and user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
