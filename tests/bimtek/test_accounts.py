import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from bimtek.accounts import user_invite
from tests import factories

pytestmark = pytest.mark.django_db


def test_people_log_in_with_their_email_address_and_password(client):
    factories.make_user(email="panitia@example.org", password="a-long-passphrase-2026")
    response = client.post(reverse("account_login"), {"login": "Panitia@Example.org",
                                                       "password": "a-long-passphrase-2026"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_password_is_refused(client):
    factories.make_user(email="panitia@example.org", password="a-long-passphrase-2026")
    response = client.post(reverse("account_login"), {"login": "panitia@example.org", "password": "nope"})
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302


def test_nobody_can_sign_themselves_up(client):
    response = client.post(reverse("account_signup"), {"email": "new@example.org", "password1": "x-Very-long-1",
                                                       "password2": "x-Very-long-1"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_an_invited_person_sets_a_password_from_the_emailed_link_and_can_log_in(client):
    program = factories.make_program(name="Gerakan Menuju Smart City 2026")
    participant = factories.make_participant(factories.make_team(program), full_name="Hj. Siti Rahayu, S.Kom.")
    user = participant.user
    user_invite(user=user, program=program)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Gerakan Menuju Smart City 2026" in message.subject
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path
    response = client.post(action, {"password1": "Tanah-Air-Beta-2026", "password2": "Tanah-Air-Beta-2026"})
    assert response.status_code == 302
    client.logout()
    assert client.login(email=user.email, password="Tanah-Air-Beta-2026")


def test_password_reset_sends_a_link_to_a_known_address(client):
    factories.make_user(email="mentor@example.org", password="a-long-passphrase-2026")
    client.post(reverse("account_reset_password"), {"email": "mentor@example.org"})
    assert [m.to for m in mail.outbox] == [["mentor@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_people_choose_their_language_and_time_zone(client):
    user = factories.make_user()
    client.force_login(user)
    response = client.post(reverse("preferences"), {"full_name": "Dr. Dina Ayu Lestari, S.T., M.T.",
                                                    "language": "en", "time_zone": "Asia/Jayapura"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language, user.time_zone) == ("Dr. Dina Ayu Lestari, S.T., M.T.", "en",
                                                               "Asia/Jayapura")
    assert "Times are shown in WIT" in client.get(reverse("home")).content.decode()


def test_a_language_chosen_on_the_login_page_stays_chosen_after_logging_in(client):
    user = factories.make_user(email="panitia@example.org", password="a-long-passphrase-2026")
    assert user.language == "id"
    client.post(reverse("set_language"), {"language": "en", "next": reverse("account_login")})
    assert "Log in" in client.get(reverse("account_login")).content.decode()
    client.post(reverse("account_login"), {"login": "panitia@example.org", "password": "a-long-passphrase-2026"})
    user.refresh_from_db()
    assert user.language == "en"
    assert client.get(reverse("home"))["Content-Language"] == "en"


def test_without_a_choice_on_the_login_page_the_accounts_language_is_kept(client):
    user = factories.make_user(email="panitia@example.org", password="a-long-passphrase-2026", language="en")
    client.post(reverse("account_login"), {"login": "panitia@example.org", "password": "a-long-passphrase-2026"})
    user.refresh_from_db()
    assert user.language == "en" and client.get(reverse("home"))["Content-Language"] == "en"


def test_the_account_pages_use_the_interfaces_words(client):
    page = client.get(reverse("account_login")).content.decode()
    assert ">E-mail:<" in page and ">Kata sandi:<" in page and "Ingat saya" in page
    page = client.get(reverse("account_reset_password")).content.decode()
    assert "Atur ulang kata sandi" in page and "Reset" not in page
