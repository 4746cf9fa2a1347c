import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate():
    program = factories.make_program(name="Gerakan Menuju Smart City 2026")
    participant = factories.make_participant(factories.make_team(program), full_name="Dr. Ir. H. Ahmad Fauzi, M.Si.",
                                             nip="197805122005011003", agency="Diskominfo Kotim",
                                             phone="081234567890")
    return factories.issue_certificate(participant=participant)


def page(client, code, **headers):
    return client.get(reverse("certificate_verify", args=[code]), HTTP_ACCEPT_LANGUAGE="en",
                      **{"HTTP_COOKIE": "django_language=en", **headers})


def test_anyone_sees_a_valid_certificate_without_logging_in(client, certificate):
    response = page(client, certificate.verification_code)
    text = response.content.decode()
    assert response.status_code == 200
    for shown in ["Valid", "Dr. Ir. H. Ahmad Fauzi, M.Si.", "Gerakan Menuju Smart City 2026", "Peserta",
                  certificate.number]:
        assert shown in text
    # Nothing else about the person: no NIP, agency, phone, e-mail or team.
    participant = certificate.participant
    for hidden in [participant.nip, participant.agency, participant.phone, participant.user.email,
                   str(participant.team.region)]:
        assert hidden not in text
    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_revoked_certificate_says_when_why_and_what_replaced_it(client, certificate):
    organizer = certificate.issued_by
    new = services.certificate_reissue(certificate=certificate, reason="Nama salah eja", issued_by=organizer)
    text = page(client, certificate.verification_code).content.decode()
    assert "Revoked" in text and "Nama salah eja" in text and new.number in text
    assert "genuine and valid" not in text
    assert "genuine and valid" in page(client, new.verification_code).content.decode()

    services.certificate_revoke(certificate=new, reason="Data tidak benar", revoked_by=organizer)
    text = page(client, new.verification_code).content.decode()
    assert "Revoked" in text and "Data tidak benar" in text


def test_an_unknown_code_answers_404(client, certificate):
    response = page(client, certificate.verification_code[:-1] + "x")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_each_client_is_limited_and_told_when_to_come_back(client, certificate, settings):
    settings.BIMTEK_VERIFY_RATE_LIMIT = 3
    code = certificate.verification_code
    statuses = [page(client, code, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    refused = page(client, code, REMOTE_ADDR="203.0.113.7")
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "checked too often" in refused.content.decode()
    assert certificate.holder_name not in refused.content.decode()
    # Unknown codes count too, and another client is not affected.
    assert page(client, "guess", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert page(client, code, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_behind_a_proxy_the_client_is_the_address_the_proxy_added(client, certificate, settings):
    settings.BIMTEK_VERIFY_RATE_LIMIT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # what DJANGO_BEHIND_PROXY=1 sets
    code = certificate.verification_code
    # A visitor cannot dodge the limit by sending their own X-Forwarded-For first.
    first = page(client, code, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    second = page(client, code, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.9")
    other = page(client, code, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert (first.status_code, second.status_code, other.status_code) == (200, 429, 200)
