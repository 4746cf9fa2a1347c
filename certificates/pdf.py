"""Certificate PDFs: pure functions from plain data to bytes (reportlab, embedded fonts).

A page is drawn in two layers. What every certificate of a template shares
(background image, logo, title, signatories) is drawn once per document as a
form XObject and reused on each page; the body, the same for many holders, is
a form per distinct text; what differs (number, name, date, QR code) is drawn
per page. The QR code (certificates.qr) is one vector path, one rectangle per
run of dark modules, never one object per module. Text is drawn as plain lines,
never through Paragraph markup. A one-page PDF background is laid under the
pages afterwards (certificates.pdf_background), stored once in the file however
many pages use it."""

import io
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdf_canvas

from bimtek.pdf import BOLD, ITALIC, REGULAR, compress_shown_page, fit_size, register_fonts, split_lines, text_width
from certificates.pdf_background import lay_backgrounds
from certificates.qr import draw_qr

MARGIN = 42
NAME_MAX_SIZE, NAME_MIN_SIZE = 28, 16
TITLE_MAX_SIZE, TITLE_MIN_SIZE = 32, 18
BODY_SIZES = (12.5, 11.5, 10.5, 9.5, 8.5)
BODY_LEADING = 1.4
QR_SIZE = 68
LINK_SIZES = (9, 8)  # the verification address under the QR code, typed by people who cannot scan
SIGNATURE_HEIGHT = 46
INK = colors.HexColor("#1d2433")
FRAME = colors.HexColor("#0b5394")


@dataclass(frozen=True)
class SignatoryDesign:
    name: str
    position: str
    nip: str = ""
    signature: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class Design:
    """What a template prints on every certificate made from it."""

    key: str  # unique per template version within one document
    title: str
    preamble: str = ""
    place: str = ""
    orientation: str = "landscape"
    signatories: tuple = ()
    logo: bytes | None = None
    background: bytes | None = None
    background_kind: str = ""  # "", "image" or "pdf"
    institution: str = ""  # the issuing institution: the PDF's author
    program: str = ""  # the program's name, for the PDF's subject

    @property
    def pagesize(self):
        return landscape(A4) if self.orientation == "landscape" else A4


@dataclass(frozen=True)
class Page:
    """One certificate: the holder's name, its number, its text, and where to verify it."""

    design: Design
    holder_name: str
    number: str
    body: str  # the template's body with the placeholders filled in
    date: str = ""  # printed after the place of signing
    verify_url: str = ""
    short_url: str = ""  # printed under the QR code
    revoked_note: str = ""  # non-empty: stamped across the page
    specimen: bool = False  # a preview, stamped "CONTOH"


def certificates_pdf(pages, *, title: str = "Sertifikat") -> bytes:
    """All ``pages`` in one PDF, in the given order.

    The PDF's author is the issuing institution and its subject the program,
    both taken from the first page's design.
    """
    buffer = io.BytesIO()
    write_certificates_pdf(pages, buffer, title=title)
    return buffer.getvalue()


def write_certificates_pdf(pages, output, *, title: str = "Sertifikat") -> None:
    """``certificates_pdf`` written into the binary file ``output`` (a program's thousands of pages are not
    copied from one buffer to the next)."""
    register_fonts()
    # The initial font is an embedded one too, so no page refers to the unembedded Helvetica.
    canvas = pdf_canvas.Canvas(output, pagesize=landscape(A4), pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setCreator("bimtek")
    layouts = {}  # design key -> its Layout, with the form of what every page of it shares
    pdf_backgrounds = {}  # page index -> design with a PDF background
    count = 0
    for index, page in enumerate(pages):
        design = page.design
        if not count:
            _describe(canvas, design)
        canvas.setPageSize(design.pagesize)
        if design.key not in layouts:
            layouts[design.key] = _define_static_layer(canvas, design, f"BimtekStatic{len(layouts) + 1}")
        layout = layouts[design.key]
        canvas.doForm(layout.form)
        _draw_page(canvas, page, layout)
        canvas.showPage()
        compress_shown_page(canvas)
        if design.background and design.background_kind == "pdf":
            pdf_backgrounds[index] = design
        count = index + 1
    if not count:
        canvas.setFont(REGULAR, 12)
        canvas.drawString(MARGIN, 500, "Belum ada sertifikat.")
        canvas.showPage()
    with _without_ascii85():
        canvas.save()
    if pdf_backgrounds:
        output.seek(0)
        data = lay_backgrounds(output.read(), pdf_backgrounds)
        output.seek(0)
        output.truncate()
        output.write(data)


def _describe(canvas, design: Design):
    if design.institution:
        canvas.setAuthor(design.institution)
    if design.program:
        canvas.setSubject(f"{design.title.strip().title() or 'Sertifikat'} {design.program}")


@contextmanager
def _without_ascii85():
    """Streams compressed only, not also ASCII85-encoded (reportlab's default).

    ASCII85 makes every stream a quarter bigger and, without reportlab's C
    accelerator, costs more time than drawing the page. The setting is global
    and read while the file is written; another PDF written at the same moment
    in this process merely comes out smaller too.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def certificate_pdf(page: Page) -> bytes:
    return certificates_pdf([page], title=f"Sertifikat {page.number}")


# --- the layer shared by every certificate of a template -----------------------------------------

def _title_baseline(design: Design) -> float:
    _width, height = design.pagesize
    top = height - MARGIN - 14
    if design.logo:
        top -= 64 + 10
    return top - 30


@dataclass
class Layout:
    """What a design's pages share, worked out once per document: the static form and the fixed positions."""

    form: str
    centres: list  # x of each signatory's column, in the signatories' order
    column: float
    block_top: float  # the place-and-date line, above the signatories
    body_forms: dict  # (body, head height) -> (form name, height of the text)


def _define_static_layer(canvas, design: Design, name: str) -> Layout:
    width, height = design.pagesize
    centres, column = _signatory_columns(design)
    layout = Layout(form=name, centres=centres, column=column, block_top=_signatory_block_top(design),
                    body_forms={})
    canvas.beginForm(name)
    if design.background and design.background_kind == "image":
        canvas.drawImage(ImageReader(io.BytesIO(design.background)), 0, 0, width, height)
    elif not design.background:
        # Without a designed background, a plain double frame.
        canvas.setStrokeColor(FRAME)
        canvas.setLineWidth(2.2)
        canvas.rect(18, 18, width - 36, height - 36, stroke=1, fill=0)
        canvas.setLineWidth(0.7)
        canvas.rect(25, 25, width - 50, height - 50, stroke=1, fill=0)
        canvas.setStrokeColor(INK)
    if design.logo:
        canvas.drawImage(ImageReader(io.BytesIO(design.logo)), width / 2 - 80, height - MARGIN - 14 - 64, 160, 64,
                         preserveAspectRatio=True, anchor="c", mask="auto")
    canvas.setFillColor(INK)
    size = fit_size(design.title, BOLD, TITLE_MAX_SIZE, TITLE_MIN_SIZE, width - 2 * MARGIN)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(width / 2, _title_baseline(design), design.title)
    _draw_signatories(canvas, design, layout)
    canvas.endForm()
    return layout


def _signatory_columns(design: Design):
    """The x centre of each signatory's column (in their order), right of the QR code.

    As Indonesian certificates have it, the first signatory is the issuing
    official: on the right, under the place and date; a second signs on the
    left, a third in the middle.
    """
    width, _height = design.pagesize
    left, right = MARGIN + QR_SIZE + 24, width - MARGIN
    count = len(design.signatories)
    if count == 0:
        return [], 0
    column = (right - left) / max(count, 2)
    right_centre, left_centre = right - column / 2, left + column / 2
    return [right_centre, left_centre, (left_centre + right_centre) / 2][:count], column


def _draw_signatories(canvas, design: Design, layout: Layout):
    name_y = MARGIN + 26
    column = layout.column
    for centre, signatory in zip(layout.centres, design.signatories, strict=True):
        canvas.setFont(REGULAR, 10.5)
        lines = split_lines(signatory.position, REGULAR, 10.5, column - 16)[:3]
        top = _position_top(len(lines))
        for offset, line in enumerate(lines):
            canvas.drawCentredString(centre, top - 13 * offset, line)
        if signatory.signature:
            canvas.drawImage(ImageReader(io.BytesIO(signatory.signature)), centre - 70, name_y + 10, 140,
                             SIGNATURE_HEIGHT, preserveAspectRatio=True, anchor="c", mask="auto")
        size = fit_size(signatory.name, BOLD, 11, 7, column - 12)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(centre, name_y, signatory.name)
        name_width = text_width(signatory.name, BOLD, size)
        canvas.setLineWidth(0.6)
        canvas.line(centre - name_width / 2, name_y - 2, centre + name_width / 2, name_y - 2)
        if signatory.nip:
            canvas.setFont(REGULAR, 9.5)
            canvas.drawCentredString(centre, name_y - 14, f"NIP. {signatory.nip}")


def _signatory_block_top(design: Design) -> float:
    """The highest point the signatories reach, with the place-and-date line above them."""
    centres, column = _signatory_columns(design)
    lines = max((len(split_lines(s.position, REGULAR, 10.5, column - 16)[:3]) for s in design.signatories),
                default=0)
    return _position_top(lines) + 18


def _position_top(lines: int) -> float:
    """Baseline of the first line of a signatory's position, above the signature and the name."""
    return MARGIN + 26 + SIGNATURE_HEIGHT + 12 + 13 * lines


# --- the part that differs per certificate -------------------------------------------------------

def name_layout(name: str, width: float) -> tuple[float, list[str]]:
    """Font size and lines for the holder's name: one line, shrunk down to NAME_MIN_SIZE, then wrapped."""
    size = fit_size(name, BOLD, NAME_MAX_SIZE, NAME_MIN_SIZE, width)
    if text_width(name, BOLD, size) <= width:
        return size, [name]
    return NAME_MIN_SIZE, split_lines(name, BOLD, NAME_MIN_SIZE, width)


def body_layout(text: str, width: float, height: float) -> tuple[float, list[str]]:
    """Font size and lines of the body: the largest size of BODY_SIZES whose lines fit the height.

    The body is drawn as plain lines of text, never through reportlab's
    Paragraph markup, so nothing the user typed (``<font …>``, ``&``) can be
    read as markup: it prints as written. A date is never broken over two lines.
    """
    paragraphs = text.strip().splitlines() or [""]
    for size in BODY_SIZES:
        lines = [line for paragraph in paragraphs for line in (split_lines(paragraph, REGULAR, size, width) or [""])]
        if len(lines) * size * BODY_LEADING <= height:
            break
    return size, lines


def _draw_page(canvas, page: Page, layout: Layout):
    design = page.design
    width, height = design.pagesize
    text_width_ = width - 2 * MARGIN - 40
    y = _title_baseline(design) - 24
    canvas.setFillColor(INK)
    _centred(canvas, width / 2, y, f"Nomor: {page.number}", REGULAR, 11)
    # The preamble, the name and the body form one block, set a little above the middle of the free space.
    region_top = y - 18
    region_bottom = max(layout.block_top + 16, MARGIN + QR_SIZE + 24)
    size, lines = name_layout(page.holder_name, text_width_)
    head = (22 if design.preamble else 0) + len(lines) * size * 1.2 + 14
    body_form, needed = _body_form(canvas, layout, page.body, text_width_ - 40, region_top - region_bottom - head,
                                   width / 2)
    y = region_top - max(0, (region_top - region_bottom - head - needed) * 0.4)
    if design.preamble:
        _centred(canvas, width / 2, y - 12, design.preamble, ITALIC, 12)
        y -= 22
    for line in lines:
        y -= size * 1.2
        _centred(canvas, width / 2, y + size * 0.2, line, BOLD, size)
    y -= 14
    canvas.saveState()
    canvas.translate(0, y)
    canvas.doForm(body_form)
    canvas.restoreState()
    _draw_place_and_date(canvas, page, layout)
    if page.verify_url:
        draw_qr(canvas, page.verify_url, MARGIN, MARGIN + 12, QR_SIZE)
        link = page.short_url or page.verify_url
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, fit_size(link, REGULAR, LINK_SIZES[0], LINK_SIZES[-1], layout.column + QR_SIZE))
        canvas.drawString(MARGIN, MARGIN - 1, link)
    if page.revoked_note:
        _stamp(canvas, design, "DICABUT", colors.Color(0.63, 0.15, 0.17, alpha=0.35), page.revoked_note)
    elif page.specimen:
        _stamp(canvas, design, "CONTOH", colors.Color(0.3, 0.33, 0.4, alpha=0.25),
               "Pratinjau dengan data contoh, bukan sertifikat.")


def _body_form(canvas, layout: Layout, body: str, width: float, height: float, centre: float):
    """The body's lines as a form, hanging from y = 0, and their height; made once per body text and room.

    Certificates of one region print the same body, so a document of a
    thousand draws a few dozen bodies, not a thousand.
    """
    key = (body, round(height, 2))
    if key not in layout.body_forms:
        name = f"{layout.form}Body{len(layout.body_forms) + 1}"
        size, lines = body_layout(body, width, height)
        needed = len(lines) * size * BODY_LEADING
        # The lines hang below y = 0: the form's box must reach down to them, or viewers clip them away.
        canvas.beginForm(name, lowerx=0, lowery=-needed - size, upperx=2 * centre, uppery=size)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, size)
        y = 0
        for line in lines:
            y -= size * BODY_LEADING
            canvas.drawCentredString(centre, y + size * 0.3, line)
        canvas.endForm()
        layout.body_forms[key] = (name, needed)
    return layout.body_forms[key]


def _draw_place_and_date(canvas, page: Page, layout: Layout):
    design = page.design
    text = ", ".join(part for part in (design.place, page.date) if part)
    if not text:
        return
    width, _height = design.pagesize
    canvas.setFillColor(INK)
    _centred(canvas, layout.centres[0] if layout.centres else width - MARGIN - 100, layout.block_top, text,
             REGULAR, 10.5)


def _centred(canvas, x: float, y: float, text: str, font: str, size: float):
    """drawCentredString with the width remembered (bimtek.pdf.text_width): the same words recur on every page."""
    canvas.setFont(font, size)
    canvas.drawString(x - text_width(text, font, size) / 2, y, text)


def _stamp(canvas, design: Design, word: str, colour, note: str):
    width, height = design.pagesize
    canvas.saveState()
    canvas.setFillColor(colour)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(24)
    canvas.setFont(BOLD, 110)
    canvas.drawCentredString(0, -30, word)
    canvas.setFont(BOLD, 14)
    canvas.drawCentredString(0, -60, note)
    canvas.restoreState()
