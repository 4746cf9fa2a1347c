"""The audit trail: what is recorded where it happens, the organizers' page and export, and that it cannot change."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from bimtek.models import AuditAction, AuditEvent, BackgroundJob
from bimtek.services import audit_record
from certificates.services import certificate_bulk_issue, certificate_reissue, certificate_revoke
from materials.services import assignment_update, extension_grant, extension_revoke
from participants import services as people
from participants.models import ProgramRole
from tests import factories
from tests.bimtek.test_admin import log_in_to_back_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    organizer = factories.make_user(full_name="Dra. Ratna Sari")
    program = factories.make_program(organizer=organizer)
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur"))
    participant = factories.make_participant(team, full_name="Budi Santoso")
    return program, organizer, team, participant


def trail(program):
    return list(program.audit_events.order_by("pk").values_list("action", "actor_label", "ip_address", "subject",
                                                                 "detail"))


@pytest.mark.parametrize(("name", "kwargs", "action", "subject_start"), [
    ("participant_export", lambda s: {}, AuditAction.PARTICIPANTS_EXPORTED, "peserta-"),
    ("attendance_recap_export", lambda s: {}, AuditAction.ATTENDANCE_EXPORTED, "rekap-kehadiran-"),
    ("attendance_sheet", lambda s: {"session": factories.make_session(s.stages.first()).pk},
     AuditAction.ATTENDANCE_EXPORTED, "daftar-hadir-"),
    ("certificate_register_export", lambda s: {}, AuditAction.CERTIFICATES_EXPORTED, "sertifikat-program-"),
    ("certificate_bulk_pdf", lambda s: {}, AuditAction.CERTIFICATES_EXPORTED, "sertifikat-program-"),
    ("certificate_bulk_zip", lambda s: {}, AuditAction.CERTIFICATES_EXPORTED, "sertifikat-program-"),
    ("assignment_download_all", lambda s: {"assignment": factories.make_assignment(s, title="Visi Misi").pk},
     AuditAction.DRAFTS_DOWNLOADED, "Visi Misi - "),
])
def test_every_export_of_personal_data_leaves_who_when_and_from_where(client, setup, name, kwargs, action,
                                                                       subject_start):
    program, organizer, _team, participant = setup
    factories.issue_certificate(participant=participant, by=organizer)
    url_kwargs = {"program": program.pk, **kwargs(program)}
    before = program.audit_events.filter(action=action).count()
    client.force_login(organizer)
    url = reverse(name, kwargs=url_kwargs)
    if get_resolver().resolve(url).func.view_class.http_method_names == ["post"]:
        # A large export is asked for, and a worker makes it: asking is what the trail records.
        response = client.post(url, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
        subject_start = BackgroundJob.objects.filter(owner=organizer).latest("created_at").title
    else:
        response = client.get(url, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    event = program.audit_events.filter(action=action).order_by("-pk").first()
    assert program.audit_events.filter(action=action).count() == before + 1
    assert event.actor == organizer
    assert event.actor_label == f"Dra. Ratna Sari <{organizer.email}>"
    assert event.ip_address == "203.0.113.7"
    assert event.subject.startswith(subject_start)
    assert abs(event.at - timezone.now()) < datetime.timedelta(minutes=1)


def test_role_and_mentor_changes_are_recorded(setup):
    program, _organizer, team, _participant = setup
    mentor = factories.make_user(full_name="Ir. Agus Wibowo")
    start = program.audit_events.count()
    grant = people.program_role_grant(program=program, user=mentor, role="mentor")
    people.program_role_grant(program=program, user=mentor, role="mentor")  # again: nothing changed, nothing noted
    people.mentor_assign(team=team, mentor=mentor)
    people.mentor_unassign(team=team, mentor=mentor)
    people.mentor_assign(team=team, mentor=mentor)
    people.program_role_revoke(grant=grant)
    person = f"Ir. Agus Wibowo <{mentor.email}>"
    assert [(a, s, d) for a, _l, _ip, s, d in trail(program)[start:]] == [
        ("role_granted", person, str(ProgramRole.Role.MENTOR.label)),
        ("mentor_assigned", person, str(team)),
        ("mentor_unassigned", person, str(team)),
        ("mentor_assigned", person, str(team)),
        ("mentor_unassigned", person, str(team)),  # taking the role away takes the teams too
        ("role_revoked", person, str(ProgramRole.Role.MENTOR.label)),
    ]


def test_issuing_revoking_and_reissuing_certificates_are_recorded(setup):
    program, organizer, team, participant = setup
    factories.make_participant(team, full_name="Citra Dewi")
    template = factories.make_certificate_template(program)
    by_hand = factories.issue_certificate(participant=participant, template=template, by=organizer,
                                          reason="Sakit, hadir daring")
    revoked = certificate_revoke(certificate=by_hand, reason="Salah nama", revoked_by=organizer)
    replacement = certificate_reissue(certificate=factories.issue_certificate(
        participant=participant, template=template, by=organizer), reason="Gelar kurang", issued_by=organizer)
    events = [(a, s, d) for a, label, _ip, s, d in trail(program) if a.startswith("certificate")]
    assert events[0] == ("certificate_issued", str(by_hand), "Diterbitkan dengan tangan: Sakit, hadir daring")
    assert events[1] == ("certificate_revoked", str(revoked), "Salah nama")
    assert events[-2][0] == "certificate_revoked" and events[-2][2].endswith("Gelar kurang")
    assert events[-1] == ("certificate_issued", str(replacement),
                          f"Menggantikan {events[-2][1].split(' — ')[0]}")
    assert {label for a, label, *_ in trail(program) if a.startswith("certificate")} == {
        f"Dra. Ratna Sari <{organizer.email}>"}


def test_a_bulk_issue_records_each_certificate(setup):
    program, organizer, team, _participant = setup
    mentor_template = factories.make_certificate_template(program, kind="mentor")
    mentors = [factories.make_mentor(program, team) for _ in range(3)]
    issued = certificate_bulk_issue(program=program, template=mentor_template, issued_by=organizer,
                                    early_reason="Mentors leave before the last stage ends.")
    assert len(issued) == len(mentors)
    events = program.audit_events.filter(action=AuditAction.CERTIFICATE_ISSUED)
    assert sorted(events.values_list("subject", flat=True)) == sorted(str(c) for c in issued)


def test_a_due_time_change_records_old_and_new(setup):
    program, organizer, _team, _participant = setup
    due = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 59))
    assignment = factories.make_assignment(program, title="Visi Misi", created_by=organizer)
    assignment_update(assignment=assignment, actor=organizer, due_at=due)
    assignment_update(assignment=assignment, actor=organizer, due_at=due + datetime.timedelta(days=7))
    assignment_update(assignment=assignment, actor=organizer, title="Visi dan Misi")  # same due time: not noted
    events = program.audit_events.filter(action=AuditAction.DUE_TIME_CHANGED).order_by("pk")
    assert [e.detail for e in events][1] == "2026-03-01 23.59 WIB → 2026-03-08 23.59 WIB"
    assert [e.subject for e in events] == ["Visi Misi", "Visi Misi"]
    assert events.count() == 2


def test_an_extension_for_one_team_records_its_due_time_old_and_new(setup):
    program, organizer, team, _participant = setup
    due = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 59))
    assignment = factories.make_assignment(program, title="Visi Misi", created_by=organizer)
    assignment_update(assignment=assignment, actor=organizer, due_at=due)
    extension = extension_grant(assignment=assignment, team=team, due_at=due + datetime.timedelta(days=2),
                                reason="Banjir", granted_by=organizer)
    extension_revoke(extension=extension, actor=organizer)
    events = list(program.audit_events.filter(action=AuditAction.DUE_TIME_CHANGED).order_by("pk")
                  .values_list("subject", "detail"))[1:]
    assert events == [(f"Visi Misi — {team}", "2026-03-01 23.59 WIB → 2026-03-03 23.59 WIB"),
                      (f"Visi Misi — {team}", "2026-03-03 23.59 WIB → 2026-03-01 23.59 WIB")]


def test_nobody_can_change_or_delete_the_trail(setup):
    program, organizer, _team, _participant = setup
    event = audit_record(program=program, action=AuditAction.PARTICIPANTS_EXPORTED, subject="peserta.xlsx",
                         actor=organizer)[0]
    event.subject = "something else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(subject="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).subject == "peserta.xlsx"


def test_the_back_office_shows_the_trail_but_cannot_change_or_delete_it(client, setup):
    program, organizer, _team, _participant = setup
    event = audit_record(program=program, action=AuditAction.PARTICIPANTS_EXPORTED, subject="peserta.xlsx",
                         actor=organizer)[0]
    log_in_to_back_office(client)
    change = client.get(reverse("admin:bimtek_auditevent_change", args=[event.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    assert client.post(reverse("admin:bimtek_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:bimtek_auditevent_add")).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_organizers_page_filters_by_action_person_and_date_and_pages(client, setup):
    program, organizer, _team, _participant = setup
    other = factories.make_staff(program, "organizer", user=factories.make_user(full_name="Andi Wijaya"))
    AuditEvent.objects.bulk_create(
        AuditEvent(program=program, actor=[organizer, other][i % 2], actor_label=["Ratna", "Andi"][i % 2],
                   action=[AuditAction.PARTICIPANTS_EXPORTED, AuditAction.CERTIFICATE_REVOKED][i % 2],
                   subject=f"entry {i}", ip_address="198.51.100.1",
                   at=timezone.now() - datetime.timedelta(days=i))
        for i in range(60))
    client.force_login(organizer)
    url = reverse("audit_trail", args=[program.pk])
    page = client.get(url).content.decode()
    # 50 to a page, newest first; the two organizer roles given today are entries too.
    assert program.audit_events.count() == 62
    assert "entry 0<" in page and "entry 47<" in page and "entry 48<" not in page
    assert "entry 48<" in client.get(url, {"page": 2}).content.decode()

    page = client.get(url, {"action": "certificate_revoked", "actor": other.pk}).content.decode()
    assert "entry 1<" in page and "entry 2<" not in page

    day = timezone.localdate() - datetime.timedelta(days=3)
    page = client.get(url, {"date_from": day.isoformat(), "date_to": day.isoformat()}).content.decode()
    assert "entry 3<" in page and "entry 2<" not in page and "entry 4<" not in page

    refused = client.get(url, {"date_from": "kemarin"})
    assert refused.status_code == 200 and "Masukkan tanggal yang valid" in refused.content.decode()


def test_the_page_runs_the_same_queries_however_long_the_trail(client, setup):
    program, organizer, _team, _participant = setup
    client.force_login(organizer)
    counts = []
    for size in (3, 40):
        AuditEvent.objects.bulk_create(AuditEvent(program=program, actor=organizer, actor_label="Ratna",
                                                  action=AuditAction.ROLE_GRANTED, subject=f"x{i}")
                                       for i in range(size))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("audit_trail", args=[program.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_trail_exports_to_excel_with_the_pages_filters(client, setup):
    program, organizer, _team, _participant = setup
    audit_record(program=program, action=AuditAction.PARTICIPANTS_EXPORTED, subject="=HYPERLINK(\"x\")",
                 actor=organizer)
    audit_record(program=program, action=AuditAction.CERTIFICATE_REVOKED, subject="001/BIMTEK/2026 — Budi",
                 detail="Salah nama", actor=organizer)
    client.force_login(organizer)
    response = client.get(reverse("audit_trail_export", args=[program.pk]), {"action": "participants_exported"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Waktu", "Orang", "Alamat IP", "Tindakan", "Apa", "Rincian")
    assert len(rows) == 2
    # Text that looks like a formula stays text, with Excel's quote prefix rather than an apostrophe (bimtek.xlsx).
    assert rows[1][1:5] == (f"Dra. Ratna Sari <{organizer.email}>", None, "Daftar peserta diekspor",
                            "=HYPERLINK(\"x\")")
    assert sheet["E2"].data_type == "s" and sheet["E2"].quotePrefix
