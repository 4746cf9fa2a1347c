"""Shared PDF pieces: the embedded TrueType fonts every PDF of bimtek uses (DejaVu Sans).

The built-in Helvetica is not embedded, and the Bitstream Vera that ships with
reportlab covers Latin-1 only: names from Arabic such as "Muḥammad Ṣāliḥ"
printed boxes. DejaVu Sans (Vera's licence, ``bimtek/fonts/LICENSE``; the
files come from Debian's fonts-dejavu-core and fonts-dejavu-extra 2.37)
covers Latin Extended A, B and Additional, so every name prints as written.
"""

import re
import zlib
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from bimtek.formats import DAYS_ID, MONTHS_ID

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


# --- text that fits: widths cached per word, dates never broken over two lines -------------------------

NBSP = "\u00a0"
_ONE_DATE = r"(?:(?:%s), )?\d{1,2}(?: ?[–-] ?\d{1,2})? (?:%s)(?: \d{4})?" % (
    "|".join(DAYS_ID + ["Jum'at"]), "|".join(MONTHS_ID))
_DATE = re.compile(rf"{_ONE_DATE}(?: ?[–-] ?{_ONE_DATE})?")  # a date, or a range of two
_BREAKS = re.compile(r"[^\S\u00a0]+")  # whitespace a line may break at: all but the non-breaking space


def keep_dates_together(text: str) -> str:
    """Non-breaking spaces inside each date or range of dates ('Kamis, 27 November 2026', '3–5 Agustus 2026',
    '3 Agustus – 27 November 2026'), so no line ends inside one."""
    return _DATE.sub(lambda match: match.group(0).replace(" ", NBSP), text)


@lru_cache(maxsize=65536)
def _width_1000(text: str, font: str) -> float:
    return stringWidth(text, font, 1000)


def text_width(text: str, font: str, size: float) -> float:
    """stringWidth, remembered per text and font: a thousand certificates measure the same words again."""
    return _width_1000(text, font) * size / 1000


def fit_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    """The largest size, in steps of 1 from ``largest`` down to ``smallest``, at which ``text`` fits ``width``."""
    size = largest
    while size > smallest and text_width(text, font, size) > width:
        size -= 1
    return max(size, smallest)


def split_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of at most ``width`` (a longer word stands alone), broken at spaces but never inside a date.

    Like reportlab's simpleSplit, except that a non-breaking space binds (dates
    get them from keep_dates_together) and comes back as a plain space, so the
    PDF's text reads as typed.
    """
    space = text_width(" ", font, size)
    lines = []
    for paragraph in keep_dates_together(text).split("\n"):
        current, used = [], 0.0
        for word in _BREAKS.split(paragraph.strip()):
            if not word:
                continue
            word_width = text_width(word, font, size)
            if current and used + space + word_width > width:
                lines.append(" ".join(current).replace(NBSP, " "))
                current, used = [word], word_width
            else:
                used += (space if current else 0) + word_width
                current.append(word)
        if current:
            lines.append(" ".join(current).replace(NBSP, " "))
    return lines


def compress_shown_page(canvas) -> None:
    """Compress the page ``canvas`` has just finished (after ``showPage``) now, not when the file is saved.

    reportlab keeps every page's drawing operators as text until ``save``; a
    document of tens of thousands of pages (all certificates of a program) held
    hundreds of megabytes that way. Compressed at once, a page keeps a tenth of it.
    The stream is marked FlateDecode, which reportlab takes as already encoded.
    """
    page = canvas._doc.Pages.pages[-1]  # noqa: SLF001 (reportlab has no public handle on the finished page)
    if page.Contents or not page.stream:
        return
    stream = pdfdoc.PDFStream(dictionary=pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")}),
                              content=zlib.compress(page.stream.encode("utf8")))
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None
