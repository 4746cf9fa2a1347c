"""The public pages that say whether a certificate is genuine and still valid.

Two ways in: the address of the QR code (``/v/<code>/``), or the form at
``/v/`` where anyone types the code printed under the QR code, or the
certificate's number with the holder's name. Both count against one limit
per client address.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views import View

from certificates import ratelimit, selectors
from certificates.codes import canonical
from certificates.forms import VerifyLookupForm

# Scanning a certificate is one request; an office behind one address checking a pile of
# certificates stays well below this. Guessing codes (64 random bits) is hopeless anyway.
DEFAULT_LIMIT = 30
DEFAULT_WINDOW = 60


class VerifyMixin:
    # The only pages of the app open to everyone: no login, rate-limited per client address.
    public = True

    def dispatch(self, request, *args, **kwargs):
        limit = getattr(settings, "BIMTEK_VERIFY_RATE_LIMIT", DEFAULT_LIMIT)
        window = getattr(settings, "BIMTEK_VERIFY_RATE_WINDOW", DEFAULT_WINDOW)
        allowed, retry_after = ratelimit.allow("certificate-verify", request, limit=limit, window=window)
        if not allowed:
            response = render(request, "certificates/verify_limited.html", {"retry_after": retry_after}, status=429)
            response["Retry-After"] = str(retry_after)
        else:
            response = super().dispatch(request, *args, **kwargs)
        # A revocation must show at once: no shared cache keeps the page; search engines leave it out.
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @staticmethod
    def found(request, certificate):
        return render(request, "certificates/verify.html", {"certificate": certificate})


class VerifyView(VerifyMixin, View):
    """Holder name, program, role, date, number and status; nothing else about the person."""

    def get(self, request, code):
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            return render(request, "certificates/verify_unknown.html", {"form": VerifyLookupForm()}, status=404)
        return self.found(request, certificate)


class VerifySearchView(VerifyMixin, View):
    """The form: a code as printed, or a number with the holder's name."""

    def get(self, request):
        form = VerifyLookupForm(request.GET or None)
        if not form.is_bound or not form.is_valid():
            return render(request, "certificates/verify_search.html", {"form": form})
        code = form.cleaned_data["code"]
        if code:
            return redirect("certificate_verify", code=canonical(code) or code.strip())
        certificate = selectors.certificate_by_number_and_name(form.cleaned_data["number"], form.cleaned_data["name"])
        if certificate is None:
            return render(request, "certificates/verify_search.html", {"form": form, "not_found": True}, status=404)
        return self.found(request, certificate)
