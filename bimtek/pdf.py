"""Shared PDF pieces: the embedded TrueType fonts every PDF of bimtek uses (DejaVu Sans).

The built-in Helvetica is not embedded, and the Bitstream Vera that ships with
reportlab covers Latin-1 only: names from Arabic such as "Muḥammad Ṣāliḥ"
printed boxes. DejaVu Sans (Vera's licence, ``bimtek/fonts/LICENSE``; the
files come from Debian's fonts-dejavu-core and fonts-dejavu-extra 2.37)
covers Latin Extended A, B and Additional, so every name prints as written.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "BimtekSans", "BimtekSans-Bold", "BimtekSans-Italic", "BimtekSans-BoldItalic"
FONT_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def register_fonts():
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def missing_characters(text: str, font_name: str = REGULAR) -> set[str]:
    """The characters of ``text`` the font has no glyph for (they would print as boxes)."""
    register_fonts()
    covered = pdfmetrics.getFont(font_name).face.charToGlyph
    return {char for char in text if not char.isspace() and ord(char) not in covered}
