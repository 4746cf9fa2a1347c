"""Two-factor login (allauth.mfa): who must use it, from when, and whether this session did.

Organizers must use it once the grace period of a program they organize has
passed: ``Program.mfa_grace_days`` days after they became its organizer (the
earliest such day over their programs). Back-office staff need it for the back
office at once. Everyone else may turn it on under Settings.
"""

import datetime
import io
from urllib.parse import urlencode

import segno
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participants import roles

# allauth's log of how this session was authenticated (allauth.account.internal.flows.login).
AUTHENTICATION_RECORDS_KEY = "account_authentication_methods"


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        # segno already draws the certificates' QR codes; allauth's default would need the qrcode package.
        buffer = io.BytesIO()
        segno.make(url, error="m", micro=False).save(buffer, kind="svg", xmldecl=False, scale=5, border=4,
                                                       dark="#000", light="#fff")
        return buffer.getvalue().decode()

    def can_delete_authenticator(self, authenticator) -> bool:
        # Those who must use it cannot turn it off (they would only be sent to set it up again).
        return not (authenticator.user.is_staff or mfa_required(authenticator.user, back_office=False))


def session_used_mfa(request) -> bool:
    """This session logged in (or re-authenticated) with a second factor through allauth."""
    records = request.session.get(AUTHENTICATION_RECORDS_KEY) or []
    return any(record.get("method") == "mfa" for record in records)


def mfa_required_from(user) -> datetime.datetime | None:
    """When two-factor login becomes required of ``user`` as an organizer; None if they organize nothing."""
    deadlines = [granted + datetime.timedelta(days=grace)
                 for _program, role, granted, grace in roles.staff_roles(user) if role == roles.ORGANIZER]
    return min(deadlines, default=None)


def mfa_required(user, *, back_office: bool) -> bool:
    """``user`` may go on only with a second factor: staff in the back office, organizers after their grace."""
    if back_office and user.is_staff:
        return True
    required_from = mfa_required_from(user)
    return required_from is not None and required_from <= timezone.now()


def mfa_enabled(user) -> bool:
    return is_mfa_enabled(user)


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
                and not session_used_mfa(request)):
            back_office = request.path.startswith(reverse("admin:index"))
            if mfa_required(user, back_office=back_office):
                return self.gate(request, user)
        return self.get_response(request)

    def gate(self, request, user):
        if mfa_enabled(user):
            return redirect(reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.get_full_path()}))
        messages.warning(request, _("Your role needs two-factor login. Set it up with an authenticator app "
                                    "to go on."))
        return redirect("mfa_activate_totp")
