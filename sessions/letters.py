"""The Surat Undangan: the ministry's letter to a region's head inviting the team to a stage.

Always in Indonesian. Pure: takes the letters' data, returns PDF bytes. Many
letters (one per region) are one document built in one pass, each starting on
a new page, so a 50-region stage is never assembled from separately built PDFs.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bimtek.formats import nip_grouped
from bimtek.official import Letterhead, fitted_cell, letterhead_flowables, signature_lines
from bimtek.pdf import BOLD, REGULAR, register_fonts

MARGIN = 20 * mm
PADDING = 3
WIDTH = A4[0] - 2 * MARGIN
SESSION_WIDTHS = [8 * mm, 48 * mm, 38 * mm, 30 * mm, None]
# The NIP column holds a grouped NIP (19750312 200003 1 001) on one line.
MEMBER_WIDTHS = [8 * mm, 46 * mm, 42 * mm, 37 * mm, None]


@dataclass
class LetterSession:
    title: str
    date: str  # "Kamis, 27 November 2026", in the region's zone
    time: str  # "09.00–12.00 WITA"
    place: str


@dataclass
class LetterMember:
    name: str
    nip: str = ""
    position: str = ""
    agency: str = ""


@dataclass
class InvitationLetterData:
    number: str
    place: str  # of signing: "Jakarta"
    date: str  # "28 November 2026"
    addressee: str  # "Bupati Kotawaringin Timur"
    region: str  # "Kabupaten Kotawaringin Timur"
    zone: str  # "WIB"
    program: str
    institution: str
    stage: str  # "Tahap I: Analisis Kesiapan"
    stage_roman: str
    stage_dates: str
    sessions: list = field(default_factory=list)
    members: list = field(default_factory=list)
    official_name: str = ""
    official_position: str = ""
    official_nip: str = ""
    letterhead: Letterhead | None = None


def _styles():
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15, alignment=TA_JUSTIFY)
    return {"body": body, "plain": ParagraphStyle("plain", parent=body, alignment=0),
            "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11),
            "head": ParagraphStyle("head", fontName=BOLD, fontSize=9, leading=11)}


def _grid(rows, widths, styles):
    """A ruled table; plain strings wrapped to their columns keep a long list of members fast."""
    widths = list(widths)
    widths[-1] = WIDTH - sum(widths[:-1])
    head = [Paragraph(escape(text), styles["head"]) for text in rows[0]]
    body = [[fitted_cell(text, width, styles["cell"], padding=PADDING) for text, width in zip(row, widths, strict=True)]
            for row in rows[1:]]
    table = Table([head] + body, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 9), ("LEADING", (0, 0), (-1, -1), 11),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94)),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING)]))
    return table


def _letter(letter: InvitationLetterData, styles) -> list:
    body, plain = styles["body"], styles["plain"]
    subject = f"Undangan Bimbingan Teknis Tahap {letter.stage_roman} {letter.program}"
    heading = Table([[Paragraph(label, plain), Paragraph(":", plain), Paragraph(escape(value), plain)]
                     for label, value in (("Nomor", letter.number), ("Sifat", "Penting"),
                                          ("Lampiran", "-"), ("Hal", subject))],
                    colWidths=[22 * mm, 4 * mm, WIDTH - 26 * mm - 55 * mm])
    heading.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 11), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    dated = f"{letter.place}, {letter.date}" if letter.place else letter.date
    top = Table([[heading, Paragraph(escape(dated), ParagraphStyle("dated", parent=plain, alignment=2))]],
                colWidths=[WIDTH - 55 * mm, 55 * mm])
    top.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 11), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story = letterhead_flowables(letter.letterhead, WIDTH) + [top, Spacer(1, 8 * mm)]
    story += [Paragraph("Yth. " + escape(letter.addressee), plain), Paragraph("di Tempat", plain),
              Spacer(1, 6 * mm)]
    story.append(Paragraph(
        f"Dalam rangka pelaksanaan {escape(letter.program)}, {escape(letter.institution)} menyelenggarakan "
        f"Bimbingan Teknis {escape(letter.stage)} pada {escape(letter.stage_dates)}. Sehubungan dengan hal "
        f"tersebut, kami mengundang Bapak/Ibu untuk menugaskan Tim Daerah {escape(letter.region)} mengikuti "
        f"kegiatan tersebut dengan jadwal sebagai berikut (waktu {escape(letter.zone)}):", body))
    story.append(Spacer(1, 3 * mm))
    if letter.sessions:
        rows = [["No", "Kegiatan", "Hari, tanggal", f"Waktu ({letter.zone})", "Tempat"]]
        rows += [[str(n), s.title, s.date, s.time, s.place or "-"] for n, s in enumerate(letter.sessions, 1)]
        story.append(_grid(rows, SESSION_WIDTHS, styles))
    else:
        story.append(Paragraph("Jadwal sesi akan kami sampaikan kemudian.", body))
    story += [Spacer(1, 4 * mm), Paragraph("Anggota Tim Daerah yang kami mohon ditugaskan:", body),
              Spacer(1, 2 * mm)]
    if letter.members:
        rows = [["No", "Nama", "NIP", "Jabatan", "Instansi/OPD"]]
        rows += [[str(n), m.name, nip_grouped(m.nip) or "-", m.position or "-", m.agency or "-"]
                 for n, m in enumerate(letter.members, 1)]
        story.append(_grid(rows, MEMBER_WIDTHS, styles))
    else:
        story.append(Paragraph("Anggota Tim Daerah yang menangani penyusunan Masterplan Smart City.", body))
    closing = Paragraph("Demikian undangan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami "
                        "ucapkan terima kasih.", body)
    lines, width = signature_lines(place_and_date="", name=letter.official_name, nip=letter.official_nip,
                                   position=letter.official_position or "Penanggung Jawab Kegiatan", max_width=WIDTH)
    block = Table([["", lines]], colWidths=[WIDTH - width, width])
    block.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 11), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    # The signature never stands alone on a page: the closing sentence goes with it.
    story += [Spacer(1, 4 * mm), KeepTogether([closing, Spacer(1, 6 * mm), block])]
    return story


def invitation_letters_pdf(letters: list, *, title: str) -> bytes:
    """One PDF with every letter, each starting on a new page."""
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    first = letters[0] if letters else None
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=title, author=first.institution if first else "",
                            subject=first.program if first else "", lang="id", initialFontName=REGULAR,
                            initialFontSize=11)
    story = []
    for number, letter in enumerate(letters):
        if number:
            story.append(PageBreak())
        story += _letter(letter, styles)
    if not story:
        story = [Paragraph("Belum ada Tim Daerah.", styles["body"])]
    doc.build(story)
    return buffer.getvalue()
