"""When and by whom a certificate is signed: never before what it attests has ended, never by its holder."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bimtek.formats import long_date_id
from bimtek.overview.services import stage_update
from certificates import selectors, services
from certificates.demo import demo_certificates
from certificates.services import SignatoryData
from tests import factories
from tests.certificates.helpers import attend, past_sessions

pytestmark = pytest.mark.django_db
DIRJEN = SignatoryData(name="Dr. Ir. Bambang Sutrisno, M.Sc.", position="Direktur Jenderal", nip="196805121994031002")


@pytest.fixture
def running():
    """A program whose last stage ends in ten days; one participant who attended everything."""
    today = timezone.localdate()
    program = factories.make_program(start=today - datetime.timedelta(days=60), days=80)
    last = program.stages.order_by("ordinal").last()
    stage_update(stage=last, start_date=today + datetime.timedelta(days=8),
                 end_date=today + datetime.timedelta(days=10))
    organizer = factories.make_staff(program, "organizer")
    participant = factories.make_participant(factories.make_team(program), full_name="Hj. Fāṭimah az-Zahrā', S.E.",
                                             nip="198001012005012001")
    attend(past_sessions(program, 2), participant, 2, by=organizer)
    return program, organizer, participant, today + datetime.timedelta(days=10)


def test_the_end_attested_is_the_last_stage_end(running):
    program, _organizer, _participant, end = running
    assert selectors.attested_end(program) == end


def test_issuing_before_the_last_stage_ends_needs_a_reason_and_prints_the_end_as_the_date(running):
    program, organizer, participant, end = running
    template = factories.make_certificate_template(program, signatories=[DIRJEN])
    with pytest.raises(ValidationError, match=long_date_id(end, with_day=False)):
        services.certificate_bulk_issue(program=program, template=template, issued_by=organizer)
    assert not program.certificates.exists()
    [certificate] = services.certificate_bulk_issue(program=program, template=template, issued_by=organizer,
                                                    early_reason="Penutupan dimajukan")
    assert certificate.variables["tanggal"] == long_date_id(end, with_day=False)
    assert "Penutupan dimajukan" in certificate.override_reason


def test_issued_by_hand_or_reissued_the_date_is_not_before_the_end_either(running):
    program, organizer, participant, end = running
    factories.make_certificate_template(program, signatories=[DIRJEN])
    certificate = factories.issue_certificate(participant=participant, by=organizer)
    assert certificate.variables["tanggal"] == long_date_id(end, with_day=False)
    new = services.certificate_reissue(certificate=certificate, reason="Gelar", issued_by=organizer)
    assert new.variables["tanggal"] == long_date_id(end, with_day=False)


def test_after_the_end_issuing_needs_no_reason_and_dates_the_day_of_issue():
    program = factories.make_program(start=timezone.localdate() - datetime.timedelta(days=150))
    organizer = factories.make_staff(program, "organizer")
    participant = factories.make_participant(factories.make_team(program))
    attend(past_sessions(program, 1), participant, 1, by=organizer)
    template = factories.make_certificate_template(program)
    [certificate] = services.certificate_bulk_issue(program=program, template=template, issued_by=organizer)
    assert certificate.variables["tanggal"] == long_date_id(timezone.localdate(), with_day=False)
    assert certificate.override_reason == ""


def test_a_fixed_date_of_signing_before_the_end_is_refused(running):
    program, _organizer, _participant, end = running
    with pytest.raises(ValidationError) as refused:
        factories.make_certificate_template(program, signed_on=end - datetime.timedelta(days=1))
    assert "signed_on" in refused.value.message_dict
    assert factories.make_certificate_template(program, signed_on=end).signed_on == end


@pytest.mark.parametrize("signatory", [
    SignatoryData(name="Fatimah az-Zahra", position="Ketua Panitia"),  # the name without titles and accents
    SignatoryData(name="Ir. Siti Aminah", position="Ketua Panitia", nip="198001012005012001"),  # her NIP
])
def test_a_holder_who_signs_the_template_gets_no_certificate_from_it(client, running, signatory):
    program, organizer, participant, _end = running
    template = factories.make_certificate_template(program, signatories=[DIRJEN, signatory])
    assert selectors.self_signers(program, template) == ["Hj. Fāṭimah az-Zahrā', S.E."]
    assert services.certificate_bulk_issue(program=program, template=template, issued_by=organizer,
                                           early_reason="Penutupan dimajukan") == []
    with pytest.raises(ValidationError, match="nobody signs their own certificate"):
        factories.issue_certificate(participant=participant, template=template, by=organizer)
    organizer.language = "en"
    organizer.save(update_fields=["language"])
    client.force_login(organizer)
    overview = client.get(reverse("certificate_overview", args=[program.pk])).content.decode()
    assert "would sign their own certificate" in overview and "az-Zahr" in overview
    # Another official's template serves her.
    other = factories.make_certificate_template(program, title="SERTIFIKAT PANITIA", signatories=[DIRJEN])
    assert factories.issue_certificate(participant=participant, template=other, by=organizer).template == other
    assert selectors.self_signers(program, template) == []


def test_the_demo_head_of_mentors_does_not_sign_his_own_mentor_certificate():
    program = factories.make_program()
    factories.make_mentor(program, user=factories.make_user(full_name="Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc."))
    demo_certificates(program=program)
    for template in program.certificate_templates.all():
        assert selectors.self_signers(program, template) == [], template


def test_a_past_moment_of_issue_counts_for_the_rule_and_the_date(running):
    program, organizer, _participant, end = running
    template = factories.make_certificate_template(program, signatories=[DIRJEN])
    after = datetime.datetime.combine(end + datetime.timedelta(days=2), datetime.time(3), tzinfo=datetime.UTC)
    [certificate] = services.certificate_bulk_issue(program=program, template=template, issued_by=organizer,
                                                    now=after)
    assert certificate.variables["tanggal"] == long_date_id(end + datetime.timedelta(days=2), with_day=False)
    assert certificate.override_reason == ""
