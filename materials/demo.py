"""The demo program's materials, assignments, drafts and feedback, made through the materials services.

Called by bimtek.overview.demo.build. Times lie in the past (the program started
months ago), so the services get ``now``; nobody is e-mailed. Assignments
are due at 23.59 (the program's zone) two weeks after their stage. Stages I
and II are done: most teams were approved after one round of revision, and
a few stand out for a reason written down (``STORIES``). In stage III, the
teams whose clinic was held have sent a first version in the last days.
"""

import datetime
import io

import docx
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bimtek.pdf import BOLD, REGULAR, register_fonts
from materials import services

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

REVISION_COMMENTS = [
    "Lengkapi analisis SWOT dengan data pendukung (BPS, RPJMD) dan sebutkan sumbernya.",
    "Tujuan belum terukur: tambahkan indikator dan target tahunan untuk setiap tujuan.",
    "Selaraskan program dengan prioritas RPJMD dan sebutkan OPD penanggung jawab.",
]


def draft_paragraphs(title: str, team: str, version: int) -> list[str]:
    """Paragraphs of a demo draft; each version reworks some of them, so "what changed" has something to show."""
    paragraphs = [
        title,
        f"{team} — versi {version}",
        "Pendahuluan: dokumen ini menyusun arah pembangunan kota cerdas daerah.",
        "Analisis kesiapan mencakup infrastruktur, suprastruktur dan budaya digital daerah.",
        "Kekuatan: komitmen kepala daerah dan jaringan internet di pusat pemerintahan.",
        "Kelemahan: data antar-OPD belum terpadu dan SDM TIK masih terbatas.",
    ]
    if version >= 2:
        paragraphs[3] = ("Analisis kesiapan mencakup infrastruktur, suprastruktur dan budaya digital daerah, "
                         "dengan data BPS 2025 dan hasil survei OPD.")
        paragraphs.append("Peluang: program transformasi digital nasional dan kemitraan dengan perguruan tinggi.")
    if version >= 3:
        paragraphs[5] = "Kelemahan: data antar-OPD belum terpadu; satu data daerah ditargetkan selesai 2027."
        paragraphs.append("Ancaman: keamanan siber dan kesenjangan akses internet di desa terpencil.")
    return paragraphs


def demo_pdf(paragraphs: list[str]) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, initialFontName=REGULAR)
    pdf.setTitle(paragraphs[0])
    pdf.setFont(BOLD, 16)
    pdf.drawString(72, 770, paragraphs[0])
    pdf.setFont(REGULAR, 10)
    for number, line in enumerate(paragraphs[1:]):
        pdf.drawString(72, 745 - 18 * number, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def demo_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DUE_AFTER_STAGE = datetime.timedelta(days=14)
# (team index, stage, assignment of the stage): what happened, beyond the usual.
KUPANG, BALIKPAPAN, AMBON = 7, 6, 9
FLOOD = "Banjir di ibu kota kabupaten; kantor Bappeda tutup tiga hari."
NEW_HEAD = "Pergantian Kepala Bappeda; tim menyusun ulang program bersama kepala yang baru."


def demo_materials(*, rng, program, stages: dict, teams: list, staff: dict, dimensions: dict) -> None:
    """Materials per stage; the assignments; drafts, feedback and extensions as the program went."""
    organizer, mentors = staff["organizer"][0], staff["mentor"]
    for ordinal, stage in stages.items():
        services.material_publish(stage=stage, title=f"Bahan Paparan Tahap {stage.roman}", published_by=mentors[0],
                                  file=ContentFile(demo_pdf([f"Bahan Paparan Tahap {stage.roman}", stage.title]),
                                                   name=f"Paparan Tahap {stage.roman}.pdf"))
        if ordinal == 1:
            services.material_publish(stage=stage, title="Templat Masterplan Smart City", published_by=organizer,
                                      file=ContentFile(demo_docx(["Templat Masterplan Smart City", "Bab I",
                                                                  "Bab II", "Bab III"]), name="Templat.docx"))
            services.material_publish(stage=stage, title="Rekaman pleno pembukaan", published_by=organizer,
                                      url="https://video.example.org/bimtek-sc-2026/pleno-1")
    now = timezone.now()
    numbers = {}
    for ordinal, title, dimension, instructions in ASSIGNMENTS:
        stage = stages[ordinal]
        numbers[ordinal] = numbers.get(ordinal, 0) + 1
        assignment = services.assignment_create(
            stage=stage, title=title, dimension=dimensions.get(dimension), instructions=instructions,
            due_at=program.end_of_day(stage.end_date + DUE_AFTER_STAGE), created_by=organizer)
        for index, team in enumerate(teams):
            mentor = mentors[index % len(mentors)]
            kind = "docx" if index % 3 == 1 else "pdf"  # python-docx takes a tenth of a second per file
            if ordinal <= 2:
                _past_assignment(rng, assignment, team, mentor, index=index, number=numbers[ordinal], kind=kind,
                                 now=now)
            elif ordinal == 3:
                _current_assignment(rng, assignment, team, mentor, kind=kind, now=now)


def _past_assignment(rng, assignment, team, mentor, *, index, number, kind, now):
    stage = assignment.stage
    first = _morning(stage.end_date + datetime.timedelta(days=rng.randint(4, 8)))
    if (index, stage.ordinal, number) == (KUPANG, 1, 1):
        services.extension_grant(assignment=assignment, team=team, granted_by=mentor, reason=FLOOD,
                                 due_at=assignment.due_at + datetime.timedelta(days=5),
                                 now=assignment.due_at - datetime.timedelta(days=2))
        first = assignment.due_at + datetime.timedelta(days=3)  # late, within the extension
    if (index, stage.ordinal, number) == (AMBON, 2, 2):
        services.extension_grant(assignment=assignment, team=team, granted_by=mentor, reason=NEW_HEAD,
                                 due_at=assignment.due_at + datetime.timedelta(days=7),
                                 now=assignment.due_at - datetime.timedelta(days=1))
        return  # not sent, even after the extension: overdue
    if (index, stage.ordinal, number) == (BALIKPAPAN, 2, 1):
        # Two rounds of revision; the third version came in three days ago and waits for the mentor.
        _submission(rng, assignment, team, mentor, kind=kind, first=first,
                    rounds=["revision", "revision"], waiting_since=now - datetime.timedelta(days=3))
        return
    _submission(rng, assignment, team, mentor, kind=kind, first=first,
                rounds=rng.choice([["approve"], ["revision", "approve"], ["revision", "approve"]]))


def _current_assignment(rng, assignment, team, mentor, *, kind, now):
    """A first version sent after the team's stage III clinic, if that was held; some already answered."""
    clinic = assignment.stage.sessions.filter(expected_teams=team).first()
    if clinic is None or clinic.ends_at > now:
        return
    hours = (now - clinic.ends_at).total_seconds() / 3600
    sent = clinic.ends_at + datetime.timedelta(hours=hours * rng.uniform(0.2, 0.5))
    answered = rng.random() < 0.4
    _submission(rng, assignment, team, mentor, kind=kind, first=sent, rounds=["revision"] if answered else [],
                answer_by=now)


def _morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def _submission(rng, assignment, team, mentor, *, kind, first, rounds, waiting_since=None, answer_by=None):
    """Version 1 sent at ``first``; each of ``rounds`` ("revision" or "approve") answers the latest version.

    After a revision the team sends the next version a few days later. With
    ``waiting_since`` the version after the last revision was sent then and
    waits for the mentor; answers come before ``answer_by`` when given.
    """
    uploader = team.participants.order_by("pk").first().user

    def send(number, moment, addressed):
        paragraphs = draft_paragraphs(assignment.title, str(team), number)
        content = demo_docx(paragraphs) if kind == "docx" else demo_pdf(paragraphs)
        return services.draft_submit(
            assignment=assignment, team=team, uploaded_by=uploader, now=moment, notify=False,
            file=ContentFile(content, name=f"{assignment.title} v{number}.{kind}"),
            note="" if number == 1 else "Perbaikan sesuai masukan narasumber.", addressed=addressed)

    version = send(1, first, [])
    for position, decision in enumerate(rounds):
        answered = version.uploaded_at + datetime.timedelta(hours=rng.randint(20, 70))
        if answer_by is not None:
            answered = min(answered, version.uploaded_at + (answer_by - version.uploaded_at) * 0.7)
        feedback = services.feedback_give(
            version=version, mentor=mentor, notify=False, now=answered, decision=decision,
            comment="Sudah baik, disetujui." if decision == "approve" else rng.choice(REVISION_COMMENTS))
        last = position == len(rounds) - 1
        if decision == "approve" or (last and waiting_since is None):
            return
        moment = waiting_since if last else answered + datetime.timedelta(days=rng.randint(2, 4))
        version = send(version.number + 1, moment, [feedback.pk])
