import zoneinfo

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers


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
