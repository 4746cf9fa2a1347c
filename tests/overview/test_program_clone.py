"""Next year's program from this one: structure and settings copied and shifted, no people or results."""

import datetime

import pytest
from django.urls import reverse

from bimtek.models import Program
from bimtek.overview.services import program_clone
from bimtek.services import program_progress_rule_update
from certificates.models import Certificate, CertificateSettings
from certificates.services import SignatoryData, certificate_settings_update
from materials.models import Assignment
from participants.models import ProgramRole, Team
from sessions.models import AttendancePolicy, TrainingSession
from sessions.services import attendance_policy_update
from tests import factories

pytestmark = pytest.mark.django_db
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def last_year():
    program = factories.make_program(name="Gerakan Menuju Smart City 2026", start=datetime.date(2026, 3, 2))
    organizer = factories.make_staff(program, "organizer")
    team = factories.make_team(program)
    member = factories.make_participant(team)
    factories.make_mentor(program, team)
    economy = program.dimensions.get(name="Smart Economy")
    stage_two = program.stages.get(ordinal=2)
    factories.make_assignment(program, stage=stage_two, title="Rencana Aksi Smart Economy", dimension=economy,
                              created_by=organizer)
    factories.make_session(program.stages.get(ordinal=1))
    factories.make_certificate_template(
        program, logo=factories.upload(PNG, "logo.png"),
        signatories=[SignatoryData(name="Dr. Ir. Bambang Sutrisno, M.Sc.", position="Direktur Jenderal",
                                   nip="196512121990031002", signature=factories.upload(PNG, "ttd.png"))])
    certificate_settings_update(program=program, min_attendance_percent=80, require_approved_assignments=True,
                                number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=32)
    factories.issue_certificate(participant=member, by=organizer)
    attendance_policy_update(program=program, team_quorum=5)
    program_progress_rule_update(program=program, stage_session_share=80)
    return program, organizer


def test_a_clone_shifts_every_date_and_copies_structure_and_settings_but_no_people_or_results(last_year):
    program, organizer = last_year
    start = program.start_date + datetime.timedelta(weeks=52)
    clone = program_clone(program=program, name="Gerakan Menuju Smart City 2027", year=2027, start_date=start,
                          created_by=organizer)
    shift = start - program.start_date
    assert (clone.name, clone.year, clone.status, clone.end_date) == (
        "Gerakan Menuju Smart City 2027", 2027, Program.Status.DRAFT, program.end_date + shift)
    old_stages, new_stages = list(program.stages.order_by("ordinal")), list(clone.stages.order_by("ordinal"))
    assert [(s.ordinal, s.title, s.start_date + shift, s.end_date + shift) for s in old_stages] == [
        (s.ordinal, s.title, s.start_date, s.end_date) for s in new_stages]
    assert all(s.start_date.weekday() == o.start_date.weekday() for s, o in zip(new_stages, old_stages, strict=True))
    assert list(clone.dimensions.values_list("name", "order")) == list(program.dimensions.values_list("name", "order"))
    old, new = Assignment.objects.get(stage__program=program), Assignment.objects.get(stage__program=clone)
    assert (new.title, new.stage.ordinal, new.dimension.program, new.dimension.name, new.due_at) == (
        old.title, 2, clone, "Smart Economy", old.due_at + shift)
    assert new.created_by == organizer
    template = clone.certificate_templates.get()
    source = program.certificate_templates.get()
    assert template.logo.name != source.logo.name and template.logo.read() == PNG
    signatory = template.signatories.get()
    assert (signatory.name, signatory.nip) == ("Dr. Ir. Bambang Sutrisno, M.Sc.", "196512121990031002")
    assert signatory.signature.name != source.signatories.get().signature.name
    settings = CertificateSettings.objects.get(program=clone)
    assert (settings.min_attendance_percent, settings.lesson_hours, settings.last_sequence) == (80, 32, 0)
    assert AttendancePolicy.objects.get(program=clone).team_quorum == 5
    assert clone.stage_session_share == 80
    assert not Team.objects.filter(program=clone).exists()
    assert not TrainingSession.objects.filter(stage__program=clone).exists()
    assert not Certificate.objects.filter(program=clone).exists()
    assert list(ProgramRole.objects.filter(program=clone).values_list("user", "role")) == [(organizer.pk,
                                                                                            "organizer")]


def test_the_clone_form_proposes_next_year_on_the_same_weekday_and_makes_the_program(client, last_year):
    program, organizer = last_year
    client.force_login(organizer)
    url = reverse("program_clone", args=[program.pk])
    form = client.get(url).context["form"]
    assert form.initial["name"] == "Gerakan Menuju Smart City 2027" and form.initial["year"] == 2027
    assert form.initial["start_date"] == datetime.date(2027, 3, 1)  # a Monday, like 2 March 2026
    response = client.post(url, {"name": "Gerakan Menuju Smart City 2027", "year": 2027,
                                 "start_date": "2027-03-01"})
    clone = Program.objects.get(year=2027)
    assert response.url == reverse("program_detail", args=[clone.pk])
    assert clone.stages.count() == 4
