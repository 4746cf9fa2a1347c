"""The demo program's materials, assignments, drafts and feedback, made through the materials services.

Called by bimtek.demo.build. Times lie in the past (the program started 100
days ago), so the services get ``now``; nobody is e-mailed.
"""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile

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
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

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
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


def demo_materials(*, rng, stages: dict, teams: list, staff: dict, dimensions: dict) -> None:
    """Materials per stage; the assignments; drafts, feedback and one extension for stages I and II."""
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
    for ordinal, title, dimension, instructions in ASSIGNMENTS:
        stage = stages[ordinal]
        assignment = services.assignment_create(
            stage=stage, title=title, dimension=dimensions.get(dimension), instructions=instructions,
            due_at=_at(stage.end_date + datetime.timedelta(days=14), 23), created_by=organizer)
        if ordinal > 2:
            continue
        for index, team in enumerate(teams[: 8 if ordinal == 1 else 5]):
            mentor = mentors[index % len(mentors)]
            if ordinal == 1 and index == 3:
                services.extension_grant(assignment=assignment, team=team, granted_by=mentor,
                                         due_at=assignment.due_at + datetime.timedelta(days=5),
                                         reason="Banjir di ibu kota kabupaten; kantor Bappeda tutup tiga hari.",
                                         now=assignment.due_at - datetime.timedelta(days=2))
            late = ordinal == 1 and index in (3, 4)  # team 3 is late but within its extension, team 4 is late
            _demo_submission(rng, assignment, team, mentor, kind="docx" if index % 2 else "pdf",
                             first=assignment.due_at + datetime.timedelta(days=2 if late else -10))


def _demo_submission(rng, assignment, team, mentor, *, kind, first):
    uploader = team.participants.order_by("pk").first().user
    versions = rng.randint(1, 3)
    uploaded, open_feedback = first, []
    for number in range(1, versions + 1):
        paragraphs = draft_paragraphs(assignment.title, str(team), number)
        content = demo_docx(paragraphs) if kind == "docx" else demo_pdf(paragraphs)
        version = services.draft_submit(
            assignment=assignment, team=team, uploaded_by=uploader, now=uploaded, notify=False,
            file=ContentFile(content, name=f"{assignment.title} v{number}.{kind}"),
            note="" if number == 1 else "Perbaikan sesuai masukan narasumber.", addressed=open_feedback)
        last = number == versions
        if not last or rng.random() < 0.5:
            approve = last and rng.random() < 0.5
            feedback = services.feedback_give(
                version=version, mentor=mentor, notify=False, now=uploaded + datetime.timedelta(hours=rng.randint(4, 60)),
                comment="Sudah baik, disetujui." if approve else rng.choice(REVISION_COMMENTS),
                decision="approve" if approve else "revision")
            open_feedback = [feedback.pk]
        uploaded += datetime.timedelta(days=3)
