"""Pieces of a program's official documents (Daftar Hadir, Surat Undangan) as reportlab flowables.

The letterhead (kop surat: logo and the institution's lines) first on page 1,
and the official's signature block. Pure: data in, flowables out.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from bimtek.formats import nip_grouped
from bimtek.pdf import BOLD, REGULAR

LOGO_HEIGHT = 22 * mm
SIGN_SIZE = 10
SIGN_MIN_WIDTH = 90 * mm


@dataclass
class Letterhead:
    lines: list = field(default_factory=list)  # the first is the institution, in capitals; then units, address
    logo: bytes | None = None

    def __bool__(self):
        return bool(self.lines or self.logo)


def letterhead_flowables(letterhead: Letterhead | None, width: float) -> list:
    """The logo on the left, the lines centred beside it, and the double rule under them; [] without a letterhead."""
    if not letterhead:
        return []
    styles = [ParagraphStyle("kop1", fontName=BOLD, fontSize=14, leading=17, alignment=TA_CENTER),
              ParagraphStyle("kop2", fontName=BOLD, fontSize=12, leading=15, alignment=TA_CENTER),
              ParagraphStyle("kop", fontName=REGULAR, fontSize=9, leading=11.5, alignment=TA_CENTER)]
    lines = [Paragraph(escape(line), styles[min(number, 2)]) for number, line in enumerate(letterhead.lines)]
    logo = ""
    logo_width = 0
    if letterhead.logo:
        reader = ImageReader(io.BytesIO(letterhead.logo))
        pixels_wide, pixels_high = reader.getSize()
        logo_width = min(LOGO_HEIGHT * pixels_wide / pixels_high, 40 * mm)
        logo = Image(io.BytesIO(letterhead.logo), width=logo_width, height=logo_width * pixels_high / pixels_wide)
    side = logo_width + 4 * mm if logo_width else 0
    # The lines are centred on the page, so the column after them balances the logo's.
    table = Table([[logo, lines, ""]], colWidths=[side, width - 2 * side, side], hAlign="CENTER")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 1.5 * mm), HRFlowable(width="100%", thickness=2, color=colors.black, spaceAfter=0.8),
            HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceAfter=5 * mm)]


def signature_lines(*, place_and_date: str, position: str, name: str, nip: str, max_width: float,
                    preamble: str = "") -> tuple[list, float]:
    """The official's block (place and date, title, room to sign, name underlined, NIP) and its width.

    Name and title each stay on one line: the block widens up to ``max_width``,
    and past that the font shrinks until they fit.
    """
    name = name or "(" + "." * 50 + ")"
    nip = f"NIP. {nip_grouped(nip)}" if nip else "NIP. " + "." * 36
    texts = [(place_and_date, REGULAR), (preamble, REGULAR), (position, REGULAR), (name, BOLD), (nip, REGULAR)]
    need = max(stringWidth(text, font, SIGN_SIZE) for text, font in texts) + 4 * mm
    width = min(max(need, SIGN_MIN_WIDTH), max_width)
    size = SIGN_SIZE if need <= width else SIGN_SIZE * (width - 4 * mm) / (need - 4 * mm)
    regular = ParagraphStyle("sign", fontName=REGULAR, fontSize=size, leading=size * 1.3, alignment=TA_CENTER)
    bold = ParagraphStyle("sign_name", parent=regular, fontName=BOLD)
    lines = [Paragraph(escape(place_and_date), regular)] if place_and_date else []
    if preamble:
        lines.append(Paragraph(escape(preamble), regular))
    lines += [Paragraph(escape(position), regular), Spacer(1, 20 * mm),
              Paragraph(f"<u>{escape(name)}</u>", bold), Paragraph(escape(nip), regular)]
    return lines, width


def fitted_cell(text: str, width: float, style, *, padding: float):
    """A table cell's text as a plain string, broken into lines between words where it is wider than the column.

    Only a single word wider than the column needs a Paragraph (which can
    split words); plain strings keep a long table fast.
    """
    font, size, room = style.fontName, style.fontSize, width - 2 * padding
    lines = []
    for line in text.split("\n"):
        if stringWidth(line, font, size) <= room:
            lines.append(line)
            continue
        for part in simpleSplit(line, font, size, room):
            if stringWidth(part, font, size) > room:
                return Paragraph(escape(text).replace("\n", "<br/>"), style)
            lines.append(part)
    return "\n".join(lines)
