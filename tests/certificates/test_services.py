import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from certificates import services
from certificates.models import Certificate, ManualIssue
from participants.services import participant_update
from tests import factories
from tests.certificates.helpers import attend, past_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_with_people():
    """Two teams; four participants of whom three attended enough; one mentor; both templates."""
    program = factories.make_program(start=datetime.date(2026, 8, 3))
    organizer = factories.make_staff(program, "organizer")
    first = factories.make_team(program, region=factories.make_region(name="Aceh Besar"))
    second = factories.make_team(program, region=factories.make_region(name="Banyuwangi"))
    people = {
        "ayu": factories.make_participant(first, full_name="Ayu Lestari, S.T."),
        "budi": factories.make_participant(first, full_name="Budi Santoso"),
        "citra": factories.make_participant(second, full_name="Dr. Citra Dewi, M.Si."),
        "dodi": factories.make_participant(second, full_name="Dodi Pratama"),
    }
    sessions = past_sessions(program, 4)
    for key, present in (("ayu", 4), ("budi", 3), ("citra", 4), ("dodi", 1)):
        attend(sessions, people[key], present, by=organizer)
    mentor = factories.make_mentor(program, first, user=factories.make_user(full_name="Prof. Dr. Suhono"))
    templates = {kind: factories.make_certificate_template(program, kind=kind,
                                                           body="Sebagai {peran} dari {daerah}, {jam_pelajaran} JP.")
                 for kind in ("participant", "mentor")}
    return program, organizer, people, mentor, templates


def bulk(program, template, organizer):
    return services.certificate_bulk_issue(program=program, template=template, issued_by=organizer)


def test_bulk_issue_numbers_everyone_eligible_in_order_and_a_second_run_issues_nothing(program_with_people):
    program, organizer, people, _mentor, templates = program_with_people
    issued = bulk(program, templates["participant"], organizer)
    year = datetime.date.today().year
    assert [(c.number, c.holder_name) for c in issued] == [
        (f"001/BIMTEK-SC/{year}", "Ayu Lestari, S.T."),
        (f"002/BIMTEK-SC/{year}", "Budi Santoso"),
        (f"003/BIMTEK-SC/{year}", "Dr. Citra Dewi, M.Si."),
    ]
    assert bulk(program, templates["participant"], organizer) == []
    assert Certificate.objects.filter(program=program).count() == 3

    # Dodi's attendance is corrected: the next run issues to him alone, with the next number.
    session = program.stages.order_by("ordinal").first().sessions.order_by("starts_at").last()
    factories.mark(session, people["dodi"], "hadir", by=organizer)
    factories.mark(session.stage.sessions.order_by("starts_at")[1], people["dodi"], "terlambat", by=organizer)
    assert [(c.sequence, c.holder_name) for c in bulk(program, templates["participant"], organizer)] == [
        (4, "Dodi Pratama")]


def test_certificates_keep_the_values_they_were_issued_with(program_with_people):
    program, organizer, people, _mentor, templates = program_with_people
    services.certificate_settings_update(program=program, min_attendance_percent=75,
                                         require_approved_assignments=False,
                                         number_format="{seq:03d}/SC/{month_roman}/{year}", lesson_hours=32)
    certificate = bulk(program, templates["participant"], organizer)[0]
    assert certificate.variables["daerah"] == "Kabupaten Aceh Besar"
    assert certificate.variables["jam_pelajaran"] == "32"
    assert certificate.variables["nomor"] == certificate.number
    participant_update(participant=people["ayu"], full_name="Ayu Lestari Berubah")
    certificate.refresh_from_db()
    assert certificate.holder_name == "Ayu Lestari, S.T."


def test_without_a_fixed_number_lesson_hours_come_from_the_sessions_attended(program_with_people):
    program, organizer, _people, _mentor, templates = program_with_people
    ayu, budi = bulk(program, templates["participant"], organizer)[:2]
    assert (ayu.variables["jam_pelajaran"], budi.variables["jam_pelajaran"]) == ("10", "8")  # 8 h and 6 h


def test_mentors_get_the_mentor_template(program_with_people):
    program, organizer, _people, mentor, templates = program_with_people
    issued = bulk(program, templates["mentor"], organizer)
    assert [(c.mentor, c.holder_name, c.role_label) for c in issued] == [(mentor, "Prof. Dr. Suhono", "Narasumber")]
    assert bulk(program, templates["mentor"], organizer) == []


def test_a_template_of_another_program_is_refused(program_with_people):
    program, organizer, _people, _mentor, _templates = program_with_people
    foreign = factories.make_certificate_template(factories.make_program())
    with pytest.raises(ValidationError):
        bulk(program, foreign, organizer)


def test_issuing_by_hand_overrides_the_rule_and_is_logged(program_with_people):
    program, organizer, people, _mentor, templates = program_with_people
    with pytest.raises(ValidationError):
        services.certificate_issue_by_hand(program=program, template=templates["participant"], reason="  ",
                                           issued_by=organizer, participant=people["dodi"])
    certificate = services.certificate_issue_by_hand(
        program=program, template=templates["participant"], reason="Hadir di sesi pengganti 12 Oktober",
        issued_by=organizer, participant=people["dodi"])
    log = ManualIssue.objects.get(certificate=certificate)
    assert (log.issued_by, log.reason, log.was_eligible) == (organizer, "Hadir di sesi pengganti 12 Oktober", False)
    assert log.rule_outcome == "attendance 25% < 75%"
    assert certificate.override_reason == "Hadir di sesi pengganti 12 Oktober"
    # He holds a valid certificate now: a second one is refused, and bulk issuing leaves him out.
    with pytest.raises(ValidationError, match="already holds certificate"):
        services.certificate_issue_by_hand(program=program, template=templates["participant"], reason="lagi",
                                           issued_by=organizer, participant=people["dodi"])
    assert "Dodi Pratama" not in [c.holder_name for c in bulk(program, templates["participant"], organizer)]


def test_revoking_needs_a_reason_and_happens_once(program_with_people):
    program, organizer, people, _mentor, templates = program_with_people
    certificate = bulk(program, templates["participant"], organizer)[0]
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason="", revoked_by=organizer)
    services.certificate_revoke(certificate=certificate, reason="Tidak memenuhi syarat", revoked_by=organizer)
    certificate.refresh_from_db()
    assert (certificate.is_valid, certificate.revoke_reason, certificate.revoked_by) == (
        False, "Tidak memenuhi syarat", organizer)
    with pytest.raises(ValidationError, match="revoked already"):
        services.certificate_revoke(certificate=certificate, reason="lagi", revoked_by=organizer)
    # A revoked holder is not given a new certificate by the bulk run.
    assert bulk(program, templates["participant"], organizer) == []


def test_reissuing_revokes_the_old_certificate_and_points_to_the_new_one(program_with_people):
    program, organizer, people, _mentor, templates = program_with_people
    old = bulk(program, templates["participant"], organizer)[1]
    participant_update(participant=people["budi"], full_name="Drs. Budi Santosa")
    new = services.certificate_reissue(certificate=old, reason="Nama salah eja", issued_by=organizer)
    old.refresh_from_db()
    assert old.revoked_at is not None and old.replaced_by == new
    assert old.revoke_reason == "Reissued: Nama salah eja"
    assert (new.holder_name, new.sequence, new.is_valid) == ("Drs. Budi Santosa", 4, True)
    assert new.verification_code != old.verification_code
    assert new.participant == old.participant and new.template == old.template
    typed = services.certificate_reissue(certificate=new, reason="Gelar", issued_by=organizer,
                                         holder_name="Drs. Budi Santosa, M.M.")
    assert typed.holder_name == "Drs. Budi Santosa, M.M." and typed.sequence == 5
    with pytest.raises(ValidationError):
        services.certificate_reissue(certificate=old, reason="lagi", issued_by=organizer)


def test_verification_codes_are_random_typeable_and_free_of_look_alikes(program_with_people):
    program, organizer, _people, _mentor, templates = program_with_people
    codes = [c.verification_code for c in bulk(program, templates["participant"], organizer)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        # 13 symbols of 30 (log2(30) = 4.9 bits each): 63.8 bits, in three groups.
        assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{5}", code), code
        assert not set(code) & set("01OoIiLlUu")


def test_a_template_with_an_unknown_placeholder_is_refused():
    program = factories.make_program()
    with pytest.raises(ValidationError, match=r"\{kota\}"):
        factories.make_certificate_template(program, body="Peserta dari {kota}")
    with pytest.raises(ValidationError):
        factories.make_certificate_template(program, title="SERTIFIKAT {nama}")


def test_a_template_has_at_most_three_signatories_in_order():
    program = factories.make_program()
    signatory = services.SignatoryData
    with pytest.raises(ValidationError):
        factories.make_certificate_template(program, signatories=[signatory(f"S{n}", "Jabatan") for n in range(4)])
    template = factories.make_certificate_template(
        program, signatories=[signatory("Kepala", "Direktur"), signatory("", ""), signatory("Ketua", "Tim")])
    assert [(s.order, s.name) for s in template.signatories.all()] == [(1, "Kepala"), (2, "Ketua")]
    services.certificate_template_save(program=program, template=template, kind="participant", title="SERTIFIKAT",
                                       body="Teks", signatories=[signatory("Kepala Baru", "Direktur")])
    assert [s.name for s in template.signatories.all()] == ["Kepala Baru"]


def test_a_template_with_certificates_cannot_be_deleted(program_with_people):
    program, organizer, _people, _mentor, templates = program_with_people
    spare = factories.make_certificate_template(program)
    services.certificate_template_delete(template=spare)
    bulk(program, templates["participant"], organizer)
    with pytest.raises(ValidationError):
        services.certificate_template_delete(template=templates["participant"])


@pytest.mark.parametrize("number_format", ["BIMTEK/{year}", "{nomor}/{year}"])
def test_a_number_format_without_a_running_number_is_refused(number_format):
    with pytest.raises(ValidationError):
        services.certificate_settings_update(program=factories.make_program(), min_attendance_percent=75,
                                             require_approved_assignments=False, number_format=number_format,
                                             lesson_hours=None)
