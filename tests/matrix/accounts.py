"""allauth's pages: open to everyone; sign-up is closed, e-mail management needs a login."""

from tests.matrix import Entry

PUBLIC = Entry(public=True, scoped=False, ok_statuses=frozenset({200, 302}))
LOGGED_IN = Entry(login_only=True, scoped=False, ok_statuses=frozenset({200, 302}))
NO_AUTHENTICATOR = Entry(allowed=frozenset(), scoped=False)

ENTRIES = {
    "account_login": PUBLIC,
    "account_logout": LOGGED_IN,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    # allauth refuses to re-authenticate a session it did not log in itself (the test logs in directly).
    "account_reauthenticate": Entry(login_only=True, scoped=False, ok_statuses=frozenset({200, 302, 403})),
    "account_email": LOGGED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": LOGGED_IN,
    "account_set_password": LOGGED_IN,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": Entry(public=True, scoped=False, ok_statuses=frozenset({200, 302}),
                                             kwargs=lambda w, s: {"uidb36": "zz", "key": "not-a-key"}),
    "account_reset_password_from_key_done": PUBLIC,
    "account_confirm_login_code": LOGGED_IN,  # without a pending login it sends people to the login page
    "account_confirm_email": Entry(public=True, scoped=False, ok_statuses=frozenset({200, 302, 404}),
                                   kwargs=lambda w, s: {"key": "not-a-key"}),
    # Two-factor login (allauth.mfa): each person's own; without a login, the login page.
    "mfa_index": LOGGED_IN,
    "mfa_authenticate": LOGGED_IN,  # without a pending login it sends people to the login page
    # Like account_reauthenticate: allauth refuses a session the test logged in directly.
    "mfa_reauthenticate": Entry(login_only=True, scoped=False, ok_statuses=frozenset({200, 302, 403})),
    "mfa_activate_totp": LOGGED_IN,
    "mfa_generate_recovery_codes": LOGGED_IN,
    # Pages about one's own authenticator answer 404 to everyone in the test world, who has none
    # (tests/bimtek/test_mfa.py opens them with one).
    "mfa_deactivate_totp": NO_AUTHENTICATOR,
    "mfa_view_recovery_codes": NO_AUTHENTICATOR,
    "mfa_download_recovery_codes": NO_AUTHENTICATOR,
}
