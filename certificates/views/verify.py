"""The public page a certificate's QR code opens: is this certificate genuine and still valid?"""

from django.conf import settings
from django.shortcuts import render
from django.views import View

from certificates import ratelimit
from certificates.models import Certificate

# Scanning a certificate is one request; an office behind one address checking a pile of
# certificates stays well below this. Guessing codes (192 random bits) is hopeless anyway.
DEFAULT_LIMIT = 30
DEFAULT_WINDOW = 60


class VerifyView(View):
    """Holder name, program, role, date, number and status; nothing else about the person."""

    # The only page of the app open to everyone: no login, rate-limited per client address.
    public = True

    def get(self, request, code):
        limit = getattr(settings, "BIMTEK_VERIFY_RATE_LIMIT", DEFAULT_LIMIT)
        window = getattr(settings, "BIMTEK_VERIFY_RATE_WINDOW", DEFAULT_WINDOW)
        allowed, retry_after = ratelimit.allow("certificate-verify", request, limit=limit, window=window)
        if not allowed:
            response = render(request, "certificates/verify_limited.html",
                              {"retry_after": retry_after}, status=429)
            response["Retry-After"] = str(retry_after)
            return self._private(response)
        certificate = (Certificate.objects.select_related("program", "replaced_by")
                       .filter(verification_code=code).first())
        if certificate is None:
            return self._private(render(request, "certificates/verify_unknown.html", status=404))
        return self._private(render(request, "certificates/verify.html", {"certificate": certificate}))

    @staticmethod
    def _private(response):
        # A revocation must show at once: no shared cache keeps the page; search engines leave it out.
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
