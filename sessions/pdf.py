"""The Daftar Hadir (attendance sheet) of a session, in the usual Indonesian government format.

Always in Indonesian, whatever the reader's interface language. Pure: takes
the sheet's data, returns PDF bytes. The table is a platypus Table of plain
strings; only a cell whose text is wider than its column becomes a Paragraph,
which keeps a thousand-row sheet fast (see bench/attendance_sheet.py).
"""

import io
import zoneinfo
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bimtek.formats import long_date_id, time_range_id
from bimtek.pdf import BOLD, REGULAR, register_fonts

BLANK, RECAP = "blank", "recap"
STATUS_ID = {"hadir": "Hadir", "terlambat": "Terlambat", "izin": "Izin", "tidak_hadir": "Tidak hadir"}
MARGIN = 15 * mm
FONT_SIZE = 9
PADDING = 4
# No | Nama | Jabatan | Instansi/Daerah | Tanda Tangan (two halves, so signatures alternate left and right).
BLANK_WIDTHS = [9 * mm, 52 * mm, 34 * mm, 49 * mm, 18 * mm, 18 * mm]
RECAP_WIDTHS = [9 * mm, 52 * mm, 34 * mm, 49 * mm, 22 * mm, 14 * mm]


@dataclass
class SheetRow:
    name: str
    position: str = ""
    agency: str = ""
    region: str = ""
    status: str = ""  # for the recap: hadir, terlambat, izin, tidak_hadir or "" (not recorded)
    time: str = ""  # for the recap: check-in time, e.g. "08.57"
    note: str = ""


@dataclass
class SheetHeader:
    program: str
    institution: str
    stage: str
    title: str
    date: str  # "Kamis, 27 November 2026"
    time: str  # "09.00–12.00 WIB"
    place: str
    official_name: str = ""
    official_position: str = ""
    official_nip: str = ""
    signed_at: str = ""  # the date written above the official's signature
    rows: list = field(default_factory=list)


def _styles():
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER),
        "label": ParagraphStyle("label", fontName=REGULAR, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=FONT_SIZE, leading=FONT_SIZE + 2),
        "sign": ParagraphStyle("sign", fontName=REGULAR, fontSize=10, leading=13, alignment=TA_CENTER),
        "sign_name": ParagraphStyle("sign_name", fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER),
    }


def _cell(text: str, width: float, style):
    """The text as a plain string, broken into lines between words where it is wider than the column.

    Only a single word wider than the column needs a Paragraph (which can
    split words); plain strings keep a long table fast.
    """
    room = width - 2 * PADDING
    lines = []
    for line in text.split("\n"):
        if stringWidth(line, REGULAR, FONT_SIZE) <= room:
            lines.append(line)
            continue
        for part in simpleSplit(line, REGULAR, FONT_SIZE, room):
            if stringWidth(part, REGULAR, FONT_SIZE) > room:
                return Paragraph(escape(text).replace("\n", "<br/>"), style)
            lines.append(part)
    return "\n".join(lines)


def _numbered_canvas(header: SheetHeader):
    """A canvas that writes "Halaman x dari y" on every page once the page count is known."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total):
            width, _height = A4
            self.setFont(REGULAR, 8)
            self.setFillColor(colors.black)
            self.drawString(MARGIN, 9 * mm, f"Daftar Hadir · {header.title} · {header.date}"[:110])
            self.drawRightString(width - MARGIN, 9 * mm, f"Halaman {self._pageNumber} dari {total}")
            if self._pageNumber > 1:
                self.drawString(MARGIN, A4[1] - 10 * mm, f"{header.program} · {header.stage}"[:110])

    return NumberedCanvas


def _header_flowables(header: SheetHeader, styles, variant):
    title = "DAFTAR HADIR" if variant == BLANK else "REKAPITULASI KEHADIRAN"
    details = [
        ("Kegiatan", header.title),
        ("Program", header.program),
        ("Tahap", header.stage),
        ("Hari, tanggal", header.date),
        ("Waktu", header.time),
        ("Tempat", header.place or "-"),
    ]
    table = Table([[label, ":", Paragraph(escape(value), styles["label"])] for label, value in details],
                  colWidths=[28 * mm, 4 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return [Paragraph(title, styles["title"]), Spacer(1, 1 * mm),
            Paragraph(escape(header.institution), styles["subtitle"]), Spacer(1, 5 * mm), table,
            Spacer(1, 5 * mm)]


def _table(header: SheetHeader, styles, variant):
    widths = BLANK_WIDTHS if variant == BLANK else RECAP_WIDTHS
    cell = styles["cell"]
    if variant == BLANK:
        data = [["No", "Nama", "Jabatan", "Instansi/Daerah", "Tanda Tangan", ""]]
    else:
        data = [["No", "Nama", "Jabatan", "Instansi/Daerah", "Kehadiran", "Jam"]]
    for number, row in enumerate(header.rows, start=1):
        place = "\n".join(part for part in (row.agency, row.region) if part)
        line = [str(number), _cell(row.name, widths[1], cell), _cell(row.position, widths[2], cell),
                _cell(place, widths[3], cell)]
        if variant == BLANK:
            # Odd numbers sign in the left half, even numbers in the right half.
            line += [f"{number}.", ""] if number % 2 else ["", f"{number}."]
        else:
            status = STATUS_ID.get(row.status, "Belum dicatat")
            line += [_cell(status + (f"\n{row.note}" if row.note else ""), widths[4], cell), row.time]
        data.append(line)
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("FONT", (0, 0), (-1, 0), BOLD, FONT_SIZE),
        ("FONT", (0, 1), (-1, -1), REGULAR, FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), FONT_SIZE + 2),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 1), (-1, -1), 7 if variant == BLANK else 4),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 9 if variant == BLANK else 4),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (3, -1), 0.5, colors.black),
    ]
    if variant == BLANK:
        # "Tanda Tangan" centred over both halves without a SPAN, which would make
        # every page split of a long table walk all its cells again.
        both = widths[4] + widths[5]
        commands += [("ALIGN", (4, 0), (4, 0), "LEFT"),
                     ("LEFTPADDING", (4, 0), (4, 0), (both - stringWidth("Tanda Tangan", BOLD, FONT_SIZE)) / 2)]
    else:
        commands.append(("LINEAFTER", (4, 0), (4, -1), 0.5, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def _summary(header: SheetHeader, styles):
    counts = {label: 0 for label in list(STATUS_ID.values()) + ["Belum dicatat"]}
    for row in header.rows:
        counts[STATUS_ID.get(row.status, "Belum dicatat")] += 1
    text = " · ".join(f"{label}: {count}" for label, count in counts.items())
    return [Spacer(1, 3 * mm), Paragraph(f"Jumlah: {len(header.rows)} orang. {escape(text)}.", styles["label"])]


def _signature_block(header: SheetHeader, styles):
    name = escape(header.official_name) if header.official_name else "(" + "." * 50 + ")"
    nip = f"NIP. {escape(header.official_nip)}" if header.official_nip else "NIP. " + "." * 36
    lines = [
        Paragraph(escape(header.signed_at or header.date.split(", ", 1)[-1]), styles["sign"]),
        Paragraph("Mengetahui,", styles["sign"]),
        Paragraph(escape(header.official_position or "Penanggung Jawab Kegiatan"), styles["sign"]),
        Spacer(1, 20 * mm),
        Paragraph(f"<u>{name}</u>", styles["sign_name"]),
        Paragraph(nip, styles["sign"]),
    ]
    block = Table([["", lines]], colWidths=[None, 80 * mm])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 10)]))
    return [Spacer(1, 8 * mm), KeepTogether(block)]


def attendance_sheet_pdf(header: SheetHeader, *, variant: str = BLANK) -> bytes:
    """The Daftar Hadir as PDF bytes: ``blank`` to sign on the day, ``recap`` with the statuses filled in."""
    if variant not in (BLANK, RECAP):
        raise ValueError(f"unknown variant {variant!r}")
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=f"Daftar Hadir - {header.title}", author=header.institution,
                            subject=f"{header.program} - {header.stage}", lang="id",
                            # Otherwise every page still lists Helvetica, though no text uses it.
                            initialFontName=REGULAR, initialFontSize=FONT_SIZE)
    story = _header_flowables(header, styles, variant)
    story.append(_table(header, styles, variant))
    if variant == RECAP:
        story += _summary(header, styles)
    story += _signature_block(header, styles)
    doc.build(story, canvasmaker=_numbered_canvas(header))
    return buffer.getvalue()


def short_region(name: str) -> str:
    """'Kabupaten Kotawaringin Timur' -> 'Kab. Kotawaringin Timur', as official documents abbreviate it."""
    return "Kab. " + name[len("Kabupaten "):] if name.startswith("Kabupaten ") else name


def sheet_for_session(session, entries, policy) -> SheetHeader:
    """The sheet's data from a session and its roster (``selectors.roster``), without any query."""
    zone = zoneinfo.ZoneInfo(session.time_zone)
    first, last = (timezone.localtime(session.starts_at, zone).date(),
                   timezone.localtime(session.ends_at, zone).date())
    date = long_date_id(first) if first == last else f"{long_date_id(first)} – {long_date_id(last)}"
    place = " · ".join(part for part in (session.venue, f"Daring: {session.meeting_url}"
                                         if session.meeting_url else "") if part)
    stage = session.stage
    rows = []
    for entry in entries:
        attendance = entry.attendance
        rows.append(SheetRow(
            name=entry.name, position=entry.position if not entry.is_mentor else "Narasumber",
            agency=entry.agency, region=short_region(entry.region), status=attendance.status if attendance else "",
            time=(f"{timezone.localtime(attendance.checked_in_at, zone):%H.%M}"
                  if attendance and attendance.checked_in_at and attendance.counts_as_present else ""),
            note=attendance.note if attendance else ""))
    return SheetHeader(
        program=stage.program.name, institution=stage.program.institution,
        stage=f"Tahap {stage.roman}: {stage.title}", title=session.title, date=date,
        time=time_range_id(session.starts_at, session.ends_at, zone), place=place,
        official_name=policy.official_name, official_position=policy.official_position,
        official_nip=policy.official_nip, signed_at=long_date_id(last, with_day=False), rows=rows)
