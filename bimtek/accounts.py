"""Accounts: allauth without public sign-up, and the invitation that lets a new person set a password."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from bimtek.services import user_language_update

# allauth's and Django's own Indonesian say "Sandi", "Email", "Reset"; the rest of bimtek says "Kata sandi",
# "E-mail", "Atur ulang". Our catalogue (LOCALE_PATHS) wins over theirs; listing the strings here keeps them
# in it when the catalogue is regenerated.
ACCOUNT_WORDS = (
    gettext_noop("Email"), gettext_noop("Password"), gettext_noop("Remember Me"), gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"), gettext_noop("Change Password"), gettext_noop("Set Password"),
    gettext_noop("Password successfully set."), gettext_noop("Your password has been reset."),
    gettext_noop("Forgotten your password? Enter your email address below, and we'll send you an email "
                 "allowing you to reset it."),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop("We have sent you an email. If you have not received it please check your spam folder. "
                 "Otherwise contact us if you do not receive it in a few minutes."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Organizers add people; nobody signs themselves up.
        return False

    def login(self, request, user):
        # The language switcher's cookie is what the login page was read in (the preferences page sets it
        # too), so a choice made before logging in survives UserPreferencesMiddleware's "the account wins".
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            user_language_update(user=user, language=chosen)
        return super().login(request, user)


def password_set_url(user) -> str:
    """An absolute one-time link where ``user`` chooses a password (allauth's reset-from-key page)."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": token})
    return settings.BIMTEK_BASE_URL + path


def user_invite(*, user, program=None, invited_by=None, connection=None) -> None:
    """E-mail ``user`` a link to set their password, in the user's own language.

    Pass an open ``connection`` to send many invitations over one mail connection.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "program": program, "invited_by": invited_by, "url": password_set_url(user),
                   "base_url": settings.BIMTEK_BASE_URL}
        subject = render_to_string("account/email/invitation_subject.txt", context).strip()
        body = render_to_string("account/email/invitation_message.txt", context)
    send_mail(subject, body, None, [user.email], connection=connection)
