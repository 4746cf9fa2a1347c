"""Accounts: allauth without public sign-up, and the invitation that lets a new person set a password.

A person's address is their login and what identifies them to organizers. It is set by whoever creates
the account (an organizer, an import, the back office) and recorded as confirmed (allauth's
EmailAddress, verified); people do not add or change addresses themselves (``EmailView``). Only a
confirmed address finds an account: an address someone once gave themselves without confirming it
(possible before, at /accounts/email/) never hands its holder another person's role.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bimtek import ratelimit
from bimtek.mail import render_subject, render_text

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

    def confirm_email(self, request, email_address):
        # Addresses are confirmed by whoever sets them, never by a link: a confirmation mail someone had
        # sent to another person's address (possible before) must not make it their confirmed login.
        return False


    def login(self, request, user):
        # The language switcher's cookie is what the login page was read in (the preferences page sets it
        # too), so a choice made before logging in survives UserPreferencesMiddleware's "the account wins".
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            user_language_update(user=user, language=chosen)
        return super().login(request, user)


def address_confirm(*, user) -> None:
    """Record ``user.email`` as the account's confirmed, primary address (it was set by an organizer,
    an import or the back office); other addresses of the account stop being primary."""
    email = user.email.lower()
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=email).update(primary=False)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})


def login_confirmed(user_ref=""):
    """An expression: the account at ``user_ref`` (a relation to it; "" for the account itself) has its
    login among its confirmed addresses."""
    prefix = f"{user_ref}__" if user_ref else ""
    return Exists(EmailAddress.objects.filter(user=OuterRef(f"{prefix}pk"), email=Lower(OuterRef(f"{prefix}email")),
                                              verified=True))


def accounts_by_login(emails) -> tuple[dict, set]:
    """Of ``emails``: ({address: account} where it is an account's confirmed login, {addresses that are a
    login without being confirmed}); one query."""
    emails = {email.lower() for email in emails}
    found, unconfirmed = {}, set()
    accounts = get_user_model().objects.annotate(email_lower=Lower("email"), confirmed=login_confirmed())
    for user in accounts.filter(email_lower__in=emails):
        if user.confirmed:
            found[user.email_lower] = user
        else:
            unconfirmed.add(user.email_lower)
    return found, unconfirmed


def password_set_url(user) -> str:
    """An absolute one-time link where ``user`` chooses a password (allauth's reset-from-key page)."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": token})
    return settings.BIMTEK_BASE_URL + path


# Password-set links one person receives per hour, whoever presses the button: a few resends for a lost
# mail, never a flood of mails in their name.
INVITATIONS_PER_HOUR = 3


def user_invite(*, user, program=None, invited_by=None, connection=None) -> bool:
    """E-mail ``user`` a link to set their password, in the user's own language.

    At most INVITATIONS_PER_HOUR per person: returns False, sending nothing, beyond that.
    Pass an open ``connection`` to send many invitations over one mail connection.
    """
    allowed, _wait = ratelimit.allow("invitation", user.pk, limit=INVITATIONS_PER_HOUR, window=3600)
    if not allowed:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "program": program, "invited_by": invited_by, "url": password_set_url(user),
                   "base_url": settings.BIMTEK_BASE_URL}
        subject = render_subject("account/email/invitation_subject.txt", context)
        body = render_text("account/email/invitation_message.txt", context)
    send_mail(subject, body, None, [user.email], connection=connection)
    return True


@transaction.atomic
def user_language_update(*, user, language: str):
    """The language a person chose before logging in becomes their own (it would otherwise switch back)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
