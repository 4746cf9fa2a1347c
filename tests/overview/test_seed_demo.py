import datetime
import io
import zipfile
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bimtek.models import Program
from bimtek.overview.demo.build import DOMAIN
from bimtek.overview.demo.previous import PREVIOUS_NAME
from bimtek.overview.management.commands.seed_demo import DEMO_PASSWORD
from bimtek.overview.progress import Status, program_progress
from certificates.models import Certificate, CertificateTemplate
from materials.models import Assignment, Extension
from materials.selectors import queue_items, waiting_submissions
from participants.models import Participant, Region, Team
from sessions.models import Attendance, TrainingSession
from tests.workers import prepared

pytestmark = pytest.mark.django_db
PROGRAM = "Gerakan Menuju Smart City 2026"


def snapshot():
    return {model.__name__: model.objects.count()
            for model in (Program, Region, Team, Participant, TrainingSession, Attendance, Certificate)}


@pytest.fixture
def demo():
    call_command("seed_demo")
    return Program.objects.get(name=PROGRAM)


def test_the_demo_program_is_complete_and_a_second_run_changes_nothing(client, capsys):
    call_command("seed_demo")
    first = snapshot()
    output = capsys.readouterr().out
    call_command("seed_demo")
    assert snapshot() == first

    program = Program.objects.get(name=PROGRAM)
    assert program.stages.count() == 4
    assert 8 <= program.teams.count() <= 12
    assert Region.objects.filter(name="Kotawaringin Timur").exists()
    assert set(Region.objects.values_list("time_zone", flat=True)) == {"Asia/Jakarta", "Asia/Makassar",
                                                                        "Asia/Jayapura"}
    sizes = [team.participants.count() for team in Team.objects.filter(program=program)]
    assert min(sizes) >= 5 and max(sizes) <= 15
    assert all(program.stages.get(ordinal=n).sessions.exists() for n in range(1, 5))
    assert first["Attendance"] > 0
    assert f"panitia@{DOMAIN}" in output and "password" in output
    # The e-mails stand in one column, whatever the length of the role's name ("Penyelenggara").
    logins = [line for line in output.splitlines() if line.endswith(DOMAIN)]
    assert len(logins) >= 5 and len({line.index(line.split()[-1]) for line in logins}) == 1


def test_every_demo_login_reaches_a_home_page_with_data(client):
    call_command("seed_demo")

    for email in ["panitia", "mentor1", "evaluator"]:
        assert client.login(email=f"{email}@{DOMAIN}", password=DEMO_PASSWORD)
        panels = client.get(reverse("home")).context["panels"]
        assert panels and panels[0]["program"].name == PROGRAM
        client.logout()
    leader = Participant.objects.get(team__region__name="Kotawaringin Timur", team_role="leader",
                                     team__program__name=PROGRAM)
    assert client.login(email=leader.user.email, password=DEMO_PASSWORD)
    page = client.get(reverse("home")).content.decode()
    assert "Kotawaringin Timur" in page


def test_everything_happens_on_working_days_and_every_participant_reads_their_regions_zone(demo):
    for program in Program.objects.all():
        for stage in program.stages.all():
            assert stage.start_date.weekday() < 5 and stage.end_date.weekday() < 5, stage
    for session in TrainingSession.objects.all():
        local = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo(session.time_zone))
        assert local.weekday() < 5 and 7 <= local.hour < 17, session
    assert not Participant.objects.exclude(user__time_zone=F("team__region__time_zone")).exists()


def test_the_program_is_in_mid_course_most_teams_on_track_and_those_behind_have_a_reason(demo):
    today = timezone.localdate()
    stages, _assignments, progress = program_progress(demo, demo.teams.select_related("region"))
    assert stages[1].end_date < today and stages[2].start_date <= today <= stages[2].end_date < stages[3].start_date
    for ordinal in (1, 2):
        done = [team.stages[ordinal - 1].status for team in progress].count(Status.COMPLETED)
        assert done >= 0.7 * len(progress), (ordinal, done)
    behind = [team for team in progress if team.status == Status.BEHIND]
    assert 1 <= len(behind) <= 3
    for team in behind:
        reasons = set(Extension.objects.filter(team=team.team).values_list("reason", flat=True))
        reasons |= set(Attendance.objects.filter(session__expected_teams=team.team, status="izin")
                       .exclude(note="").exclude(note="Tugas dinas luar").values_list("note", flat=True))
        assert reasons, team.team
    assert all(team.stages[2].status == Status.IN_PROGRESS for team in progress)  # stage III under way
    third = stages[2].sessions.all()
    assert third.filter(ends_at__lt=timezone.now()).exists() and third.filter(starts_at__gt=timezone.now()).exists()
    assert sum(len(team.overdue) for team in progress) <= 2
    waits = [item.waited for item in queue_items(waiting_submissions(demo))]
    assert waits and max(waits) <= datetime.timedelta(days=7)
    for assignment in Assignment.objects.all():
        local = timezone.localtime(assignment.due_at, zoneinfo.ZoneInfo("Asia/Jakarta"))
        assert (local.hour, local.minute) == (23, 59)


def test_last_years_program_is_finished_with_certificates_that_verify_and_download(
        demo, client, django_capture_on_commit_callbacks):
    previous = Program.objects.get(name=PREVIOUS_NAME)
    assert previous.status == Program.Status.CLOSED and previous.end_date < timezone.localdate()
    _stages, _assignments, progress = program_progress(previous, previous.teams.all())
    assert progress and all(team.status == Status.COMPLETED for team in progress)
    certificates = Certificate.objects.filter(program=previous)
    assert certificates.filter(participant__isnull=False).count() >= 20 and certificates.filter(
        mentor__isnull=False).count() == 3
    assert not Certificate.objects.filter(program=demo).exists()
    assert all(template.logo for template in CertificateTemplate.objects.all())
    certificate = certificates.filter(participant__team__region__name="Kotawaringin Timur",
                                      participant__team_role="leader").get()
    assert certificate.number.endswith(f"/BIMTEK-SC/{previous.year}")
    assert certificate.issued_at.date() <= previous.end_date + datetime.timedelta(days=1)
    page = client.get(reverse("certificate_verify", args=[certificate.verification_code]))
    assert page.status_code == 200 and certificate.holder_name in page.content.decode()
    assert '<span class="badge ok">' in page.content.decode()
    client.force_login(previous.roles.get(role="organizer").user)
    archive = prepared(client, django_capture_on_commit_callbacks, reverse("certificate_bulk_zip", args=[previous.pk]))
    with zipfile.ZipFile(io.BytesIO(archive.body)) as names:
        files = names.namelist()
        assert len(files) == certificates.count()
        text = PdfReader(io.BytesIO(names.read(files[0]))).pages[0].extract_text()
    assert "SERTIFIKAT" in text


def test_the_demo_daftar_hadir_and_letters_carry_the_ministrys_letterhead(demo, client):
    client.force_login(get_user_model().objects.get(email=f"panitia@{DOMAIN}"))
    session = TrainingSession.objects.filter(stage__program=demo, kind="clinic").order_by("starts_at").first()
    sheet = client.get(reverse("attendance_sheet", args=[demo.pk, session.pk]) + "?variant=blank")
    letter = client.post(reverse("invitation_letter", args=[demo.pk, 1, session.expected_teams.first().pk]))
    for response in (sheet, letter):
        reader = PdfReader(io.BytesIO(response.getvalue()))
        first = reader.pages[0]
        assert "KEMENTERIAN KOMUNIKASI DAN DIGITAL" in first.extract_text()
        assert first.images, "the letterhead's logo"
