"""Two-factor login (allauth.mfa): who must use it, from when, and whether this session did.

Organizers must use it once the grace period of a program they organize has
passed: ``Program.mfa_grace_days`` days after they became its organizer (the
earliest such day over their programs). Back-office staff need it for the back
office at once. Everyone else may turn it on under Settings.
"""

import datetime
import io

import segno
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.utils import timezone

from bimtek import roles

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
    deadlines = [granted + datetime.timedelta(days=grace) for granted, grace in user.program_roles.filter(
        role=roles.ORGANIZER).values_list("created_at", "program__mfa_grace_days")]
    return min(deadlines, default=None)


def mfa_required(user, *, back_office: bool) -> bool:
    """``user`` may go on only with a second factor: staff in the back office, organizers after their grace."""
    if back_office and user.is_staff:
        return True
    required_from = mfa_required_from(user)
    return required_from is not None and required_from <= timezone.now()


def mfa_enabled(user) -> bool:
    return is_mfa_enabled(user)
