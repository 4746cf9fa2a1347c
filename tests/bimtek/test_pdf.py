"""The shared PDF font: every letter of real Indonesian names has a glyph, and a PDF gives the names back."""

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas as pdf_canvas

from bimtek.pdf import (
    BOLD,
    BOLD_ITALIC,
    FONT_DIR,
    ITALIC,
    NBSP,
    REGULAR,
    keep_dates_together,
    missing_characters,
    register_fonts,
    split_lines,
)

NAMES = [
    "Muḥammad Ṣāliḥ",
    "Wanma'ur",
    "José Muñoz",
    "Dr. Ir. H. Ahmad Fauzi, M.Si.",
    "Ḍiyā' al-Dīn Ẓahīr",
    "ʿAbd al-Raḥmān Ṭāhā",
    "Fāṭimah az-Zahrā'",
    "Françoise Öztürk-Müller",
    "Hj. Ūmmu Kulṡūm Ḥasanah, S.Pd.",
]
LETTERS = "āīūḥṣṭẓḍṢéñçö'ĀĪŪḤṬẒḌ"


@pytest.mark.parametrize("font", [REGULAR, BOLD, ITALIC, BOLD_ITALIC])
def test_every_letter_of_the_names_has_a_glyph_in_every_style(font):
    assert missing_characters(LETTERS + "".join(NAMES), font) == set()


def test_a_letter_outside_the_font_is_reported():
    assert missing_characters("Ahmad ꦲꦶ 中", REGULAR) == {"ꦲ", "ꦶ", "中"}  # Javanese script, Han


def test_the_names_read_back_from_a_pdf_as_written():
    register_fonts()
    buffer = io.BytesIO()
    pdf = pdf_canvas.Canvas(buffer, initialFontName=REGULAR)
    for number, name in enumerate(NAMES):
        pdf.setFont(BOLD if number % 2 else REGULAR, 14)
        pdf.drawString(40, 780 - 24 * number, name)
    pdf.showPage()
    pdf.save()
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    for name in NAMES:
        assert name in text, name


def test_the_font_files_ship_with_their_licence():
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text()
    assert {path.name for path in FONT_DIR.glob("*.ttf")} == {
        "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"}


def test_dates_are_kept_on_one_line_and_read_back_with_plain_spaces():
    text = "pada Kamis, 27 November 2026 dan 3–5 Agustus 2026 serta 3 Agustus – 27 November 2026 di Jakarta"
    assert keep_dates_together(text).count(NBSP) == 10
    register_fonts()
    for width in range(60, 400, 7):
        lines = split_lines(text, REGULAR, 10, width)
        assert " ".join(lines) == text and NBSP not in "".join(lines)
        for date in ("Kamis, 27 November 2026", "3–5 Agustus 2026", "3 Agustus – 27 November 2026"):
            assert any(date in line for line in lines), (width, lines)
