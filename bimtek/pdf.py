"""Shared PDF pieces: embedded TrueType fonts that ship with reportlab (Bitstream Vera).

The built-in Helvetica is not embedded and lacks many characters; Vera is a
real TrueType font covering Latin-1 and more, so names such as "Sánchez",
"Müller" or "Ma'ruf" print as written.
"""

from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "BimtekSans", "BimtekSans-Bold", "BimtekSans-Italic", "BimtekSans-BoldItalic"


def register_fonts():
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont(ITALIC, str(FONT_DIR / "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_ITALIC, str(FONT_DIR / "VeraBI.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
