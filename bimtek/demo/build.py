"""The demo program, built through the services wherever a service exists."""

import datetime
import hashlib
import io
import random
import zoneinfo

from django.core.files.base import ContentFile
from django.utils import timezone

from bimtek.demo.people import invented_person
from bimtek.demo.regions import REGIONS
from bimtek.services import program_create, stage_update
from participants import services as people
from participants.models import Participant, ProgramRole, Region

PROGRAM_NAME = "Gerakan Menuju Smart City 2026"
DOMAIN = "bimtek.example"

STAFF = [
    ("organizer", "panitia", "Rahmawati Kusuma, S.Kom., M.T.I."),
    ("mentor", "mentor1", "Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc."),
    ("mentor", "mentor2", "Dr. Dina Ayu Lestari, S.T., M.T."),
    ("mentor", "mentor3", "Ir. Benny Manurung, M.Kom."),
    ("evaluator", "evaluator", "Drs. Hendrik Tuanakotta, M.Si."),
]

ASSIGNMENTS = [
    # stage, title, dimension, instructions
    (1, "Analisis Kesiapan dan SWOT Daerah", "Smart Governance",
     "Unggah analisis kesiapan, analisis kesenjangan dan SWOT daerah (Bab II masterplan)."),
    (1, "Visi, Misi dan Tujuan Smart City", "Smart Governance",
     "Rumusan visi, misi dan tujuan Smart City daerah, selaras dengan RPJMD."),
    (2, "Program dan Rencana Aksi Smart Economy", "Smart Economy",
     "Program jangka pendek, menengah dan panjang untuk dimensi Smart Economy."),
    (2, "Program dan Rencana Aksi Smart Living", "Smart Living",
     "Program jangka pendek, menengah dan panjang untuk dimensi Smart Living."),
    (3, "Roadmap dan Quick Win", "Smart Infrastructure",
     "Roadmap lima tahun dan program Quick Win per dimensi."),
    (4, "Dokumen Masterplan Final", None,
     "Masterplan Smart City lima tahun dan rencana jangka pendek satu tahun, versi final."),
]


def _aware(day: datetime.date, hour: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def demo_pdf(title: str, team: str, version: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{title} — {team}")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 745, f"{team} — versi {version}")
    lines = [
        "Pendahuluan: dokumen ini menyusun arah pembangunan kota cerdas daerah.",
        "Analisis: kesiapan infrastruktur, suprastruktur dan budaya digital daerah.",
        f"Catatan versi {version}: " + ("draf awal." if version == 1 else "perbaikan sesuai masukan narasumber."),
    ]
    for number, line in enumerate(lines):
        pdf.drawString(72, 710 - 18 * number, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def demo_program(*, rng: random.Random, today: datetime.date) -> list[str]:
    """Create the whole program and return the e-mail addresses that get the demo password."""
    from materials.models import Assignment, DraftVersion, Feedback, Submission
    from sessions.models import Attendance, TrainingSession

    logins = []
    staff = {}
    start = today - datetime.timedelta(days=100)
    end = today + datetime.timedelta(days=40)
    first = people.user_get_or_create(email=f"panitia@{DOMAIN}", full_name=STAFF[0][2])[0]
    program = program_create(
        name=PROGRAM_NAME, year=2026, institution="Kementerian Komunikasi dan Digital",
        description="Bimbingan teknis penyusunan Masterplan Smart City bagi kabupaten/kota terpilih.",
        start_date=start, end_date=end, created_by=first,
    )
    program.status = program.Status.ACTIVE
    program.save(update_fields=["status"])
    stage_offsets = {1: -90, 2: -60, 3: -20, 4: 10}
    stages = {}
    for stage in program.stages.all():
        day = today + datetime.timedelta(days=stage_offsets[stage.ordinal])
        stages[stage.ordinal] = stage_update(
            stage=stage, start_date=day, end_date=day + datetime.timedelta(days=1),
            mode="hybrid" if stage.ordinal in (1, 4) else "onsite",
            venue="Di daerah masing-masing; pleno daring", meeting_url="https://meet.example.org/bimtek-sc-2026",
        )
    for role, local, name in STAFF:
        grant = people.staff_add(program=program, email=f"{local}@{DOMAIN}", full_name=name, role=role)
        staff.setdefault(role, []).append(grant.user)
        logins.append(grant.user.email)

    teams = []
    for index, (name, kind, province, zone) in enumerate(REGIONS):
        region = Region.objects.filter(name=name, kind=kind).first() or people.region_create(
            name=name, kind=kind, province=province, time_zone=zone)
        team = people.team_create(program=program, region=region)
        teams.append(team)
        people.mentor_assign(team=team, mentor=staff["mentor"][index % 3])
        slug = name.lower().replace(" ", "")
        for number in range(rng.randint(5, 15)):
            person = invented_person(rng)
            participant = people.participant_add(
                team=team, email=f"{slug}.{number + 1}@{DOMAIN}", full_name=person["full_name"],
                nip=person["nip"], position=person["position"], agency=person["agency"], phone=person["phone"],
                team_role=Participant.TeamRole.LEADER if number == 0 else Participant.TeamRole.MEMBER,
                group=rng.choice(Participant.Group.values),
            )
            participant.user.time_zone = zone
            participant.user.save(update_fields=["time_zone"])
            if number == 0:
                logins.append(participant.user.email)

    dimensions = {d.name: d for d in program.dimensions.all()}
    organizer = staff["organizer"][0]
    # Sessions: an online plenary for all teams and a clinic per region in every stage.
    for ordinal, stage in stages.items():
        plenary = TrainingSession.objects.create(
            stage=stage, title=f"Pleno Pembukaan Tahap {stage.roman}", kind=TrainingSession.Kind.PLENARY,
            starts_at=_aware(stage.start_date, 9, "Asia/Jakarta"), ends_at=_aware(stage.start_date, 11, "Asia/Jakarta"),
            meeting_url=stage.meeting_url, all_teams=True,
        )
        plenary.mentors.set(staff["mentor"])
        for index, team in enumerate(teams):
            clinic = TrainingSession.objects.create(
                stage=stage, title=f"Klinik {team.region.name}", kind=TrainingSession.Kind.CLINIC,
                starts_at=_aware(stage.start_date, 13, team.region.time_zone),
                ends_at=_aware(stage.start_date, 16, team.region.time_zone),
                venue=f"Ruang rapat Bappeda {team.region}", all_teams=False,
            )
            clinic.expected_teams.set([team])
            clinic.mentors.set([staff["mentor"][index % 3]])
        _demo_attendance(rng, stage, teams, organizer, Attendance)

    for ordinal, title, dimension, instructions in ASSIGNMENTS:
        stage = stages[ordinal]
        assignment = Assignment.objects.create(
            stage=stage, title=title, dimension=dimensions.get(dimension), instructions=instructions,
            due_at=_aware(stage.end_date + datetime.timedelta(days=14), 23, "Asia/Jakarta"), created_by=organizer,
        )
        if ordinal > 2:
            continue
        for index, team in enumerate(teams[: 8 if ordinal == 1 else 5]):
            _demo_submission(rng, assignment, team, staff["mentor"][index % 3], Submission, DraftVersion, Feedback)
    return logins


def _demo_attendance(rng, stage, teams, organizer, Attendance):
    now = timezone.now()
    for session in stage.sessions.all():
        if session.ends_at > now:
            continue
        members = Participant.objects.filter(team__in=teams if session.all_teams else session.expected_teams.all())
        rows = []
        for member in members.select_related("user"):
            status = rng.choices(["hadir", "terlambat", "izin", "tidak_hadir"], [70, 10, 8, 12])[0]
            rows.append(Attendance(session=session, person=member.user, status=status, method="marked",
                                   marked_by=organizer, checked_in_at=session.starts_at if status != "izin" else None))
        Attendance.objects.bulk_create(rows)


def _demo_submission(rng, assignment, team, mentor, Submission, DraftVersion, Feedback):
    uploader = team.participants.order_by("pk").first().user
    submission = Submission.objects.create(team=team, assignment=assignment, status=Submission.Status.SUBMITTED)
    versions = rng.randint(1, 3)
    uploaded = assignment.due_at - datetime.timedelta(days=10)
    for number in range(1, versions + 1):
        content = demo_pdf(assignment.title, str(team), number)
        version = DraftVersion(
            submission=submission, number=number, original_name=f"{assignment.title} v{number}.pdf",
            size=len(content), sha256=hashlib.sha256(content).hexdigest(), kind="pdf", uploaded_by=uploader,
            uploaded_at=uploaded, note="" if number == 1 else "Perbaikan sesuai masukan.", is_late=False,
        )
        version.file.save("draft", ContentFile(content), save=False)
        version.save()
        last = number == versions
        if not last or rng.random() < 0.5:
            approve = last and rng.random() < 0.5
            Feedback.objects.create(
                version=version, mentor=mentor,
                comment=("Sudah baik, disetujui." if approve else
                         "Lengkapi analisis SWOT dengan data pendukung dan selaraskan dengan RPJMD."),
                decision=Feedback.Decision.APPROVE if approve else Feedback.Decision.REVISION,
            )
            submission.status = Submission.Status.APPROVED if approve else Submission.Status.REVISION_REQUESTED
        elif number > 1:
            submission.status = Submission.Status.RESUBMITTED
        uploaded += datetime.timedelta(days=3)
    submission.save(update_fields=["status"])


def demo_logins(program) -> list[tuple[str, str]]:
    rows = [(grant.get_role_display(), grant.user.email)
            for grant in ProgramRole.objects.filter(program=program, user__email__endswith=DOMAIN)
            .select_related("user").order_by("role", "user__email")]
    leader = (Participant.objects.filter(team__program=program, team_role=Participant.TeamRole.LEADER,
                                         team__region__name="Kotawaringin Timur").select_related("user").first())
    if leader:
        rows.append(("Peserta", leader.user.email))
    return rows
