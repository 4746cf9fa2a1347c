"""Accounts: allauth without public sign-up, and the invitation that lets a new person set a password."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bimtek.mail import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Organizers add people; nobody signs themselves up.
        return False


def password_set_url(user) -> str:
    """An absolute one-time link where ``user`` chooses a password (allauth's reset-from-key page)."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": token})
    return settings.BIMTEK_BASE_URL + path


def user_invite(*, user, program=None, invited_by=None) -> None:
    """E-mail ``user`` a link to set their password, in the user's own language (sent by a worker, retried)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "program": program, "invited_by": invited_by, "url": password_set_url(user),
                   "base_url": settings.BIMTEK_BASE_URL}
        subject = render_to_string("account/email/invitation_subject.txt", context).strip()
        body = render_to_string("account/email/invitation_message.txt", context)
    mail_queue([EmailMessage(subject, body, None, [user.email])])
