"""The letterhead (kop surat) at the top of a program's official documents: logo and the institution's lines.

Pure: takes the letterhead's data, returns reportlab flowables; the attendance
sheet and the invitation letters put them first on page 1.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from bimtek.pdf import BOLD, REGULAR

LOGO_HEIGHT = 22 * mm


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
