import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
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
    code = certificate.verification_code
    # Another last symbol, whatever it was (codes are read in any case: "x" for a code that ends in "X" is the
    # same code, which made this test fail one run in thirty).
    response = page(client, code[:-1] + ("y" if code[-1].upper() == "X" else "x"))
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


def search(client, REMOTE_ADDR="127.0.0.1", **params):
    return client.get(reverse("certificate_verify_search"), params, HTTP_ACCEPT_LANGUAGE="en",
                      HTTP_COOKIE="django_language=en", REMOTE_ADDR=REMOTE_ADDR)


def test_v_without_a_code_is_a_form_not_a_404(client):
    response = client.get("/v/", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=en")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in text and 'name="number"' in text and 'name="name"' in text
    assert response["Cache-Control"] == "no-store"


def test_the_code_is_found_as_typed_from_paper(client, certificate):
    code = certificate.verification_code
    typed = code.lower().replace("-", " ")
    response = search(client, code=typed)
    assert response.status_code == 302 and response["Location"] == f"/v/{code}/"
    assert "genuine and valid" in page(client, code.lower()).content.decode()


def test_a_certificate_is_found_by_its_number_and_the_holders_name(client, certificate):
    for name in ["Dr. Ir. H. Ahmad Fauzi, M.Si.", "ahmad fauzi", "AHMAD  FAUZI"]:
        response = search(client, number=certificate.number, name=name)
        assert response.status_code == 200 and "genuine and valid" in response.content.decode(), name
    wrong = search(client, number=certificate.number, name="Budi Santoso")
    assert wrong.status_code == 404 and "No certificate has this number" in wrong.content.decode()
    assert certificate.holder_name not in wrong.content.decode()


def test_the_form_asks_for_the_code_or_both_number_and_name(client, certificate):
    response = search(client, number=certificate.number)
    assert response.status_code == 200 and "together with the holder" in response.content.decode()
    assert certificate.holder_name not in response.content.decode()
    assert "not a verification code" in search(client, code="../etc/passwd").content.decode()


def test_an_older_long_code_keeps_verifying(client, certificate):
    legacy = "Q1w2E3r4T5y6U7i8O9p0-_aSdFgHjKlZ"
    Certificate.objects.filter(pk=certificate.pk).update(verification_code=legacy)
    assert "genuine and valid" in page(client, legacy).content.decode()
    assert search(client, code=legacy)["Location"] == f"/v/{legacy}/"
    assert page(client, legacy.lower()).status_code == 404  # old codes are case-sensitive, as they always were


def test_the_lookup_by_number_counts_against_the_same_limit(client, certificate, settings):
    settings.BIMTEK_VERIFY_RATE_LIMIT = 2
    assert page(client, certificate.verification_code, REMOTE_ADDR="203.0.113.8").status_code == 200
    assert search(client, number=certificate.number, name="Ahmad Fauzi", REMOTE_ADDR="203.0.113.8").status_code == 200
    refused = search(client, number=certificate.number, name="Ahmad Fauzi", REMOTE_ADDR="203.0.113.8")
    assert refused.status_code == 429 and certificate.holder_name not in refused.content.decode()
