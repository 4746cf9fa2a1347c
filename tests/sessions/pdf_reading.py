"""Reading a generated PDF back: its text per page, and where each piece of text sits (in mm)."""

import io
from dataclasses import dataclass

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont

from bimtek.pdf import REGULAR, register_fonts


@dataclass
class Piece:
    text: str
    x: float  # mm from the left edge
    y: float  # mm from the bottom edge
    size: float


def read(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def pieces(page) -> list[Piece]:
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Piece(text.strip(), x / mm, y / mm, size))

    page.extract_text(visitor_text=visit)
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


def font_covers(text: str) -> bool:
    """Whether the documents' font has a glyph for every letter (else it prints a box)."""
    register_fonts()
    return all(ord(char) in getFont(REGULAR).face.charToGlyph for char in text if not char.isspace())
