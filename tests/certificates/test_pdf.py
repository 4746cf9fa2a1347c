"""The certificate PDF, read back with pypdf: text, escaping, the name's fitting, the QR path, backgrounds."""

import io

import pytest
import segno
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from bimtek.pdf import BOLD, missing_characters, register_fonts
from certificates import pdf
from certificates.pdf_background import background_page, displayed_size
from tests.bimtek.test_pdf import NAMES

URL = "https://bimtek.example.go.id/v/Q1w2E3r4T5y6U7i8O9p0-_aSdFgHjKlZ/"
SIGNATORIES = (pdf.SignatoryDesign("Dr. Ir. Bambang Sutrisno, M.Sc.", "Direktur Jenderal Aplikasi Informatika",
                                   "196805121994031002"),
               pdf.SignatoryDesign("Prof. Dr. Suhono Harso Wibowo", "Ketua Tim Narasumber"))


def design(**fields):
    return pdf.Design(**{"key": "t1", "title": "SERTIFIKAT", "preamble": "diberikan kepada:", "place": "Jakarta",
                         "signatories": SIGNATORIES, **fields})


def page(name="Dr. Ir. H. Ahmad Fauzi, M.Si.", **fields):
    return pdf.Page(**{"design": design(), "holder_name": name, "number": "012/BIMTEK-SC/2026",
                       "body": "Atas partisipasinya sebagai Peserta dalam Bimbingan Teknis.",
                       "date": "15 Desember 2026", "verify_url": URL, "short_url": URL[8:], **fields})


def text_of(data: bytes, index=0) -> str:
    return PdfReader(io.BytesIO(data)).pages[index].extract_text()


def test_the_page_carries_every_part_of_the_certificate():
    text = text_of(pdf.certificate_pdf(page()))
    for part in ["SERTIFIKAT", "Nomor: 012/BIMTEK-SC/2026", "diberikan kepada:", "Dr. Ir. H. Ahmad Fauzi, M.Si.",
                 "Atas partisipasinya sebagai Peserta", "Jakarta, 15 Desember 2026", "Dr. Ir. Bambang Sutrisno, M.Sc.",
                 "Direktur Jenderal Aplikasi Informatika", "NIP. 196805121994031002", "Ketua Tim Narasumber",
                 URL[8:]]:
        assert part in text, part


def test_the_fonts_are_embedded_truetype():
    reader = PdfReader(io.BytesIO(pdf.certificate_pdf(page())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] in ("/TrueType", "/Type0")
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()


@pytest.mark.parametrize("name", ['<font color="red">Budi</font> & Co', "Ma'ruf <b>Amin</b>", "A<br/>B"])
def test_user_text_prints_literally_not_as_markup(name):
    data = pdf.certificate_pdf(page(name=name, body=f"Untuk {name} & <i>semua</i>"))
    text = text_of(data)
    assert name in text
    assert f"Untuk {name} & <i>semua</i>" in text


def test_names_keep_their_titles_and_letters_as_written():
    name = "Prof. Dr. Ir. H. Müller Sánchez, M.Sc., Ph.D."
    assert name in text_of(pdf.certificate_pdf(page(name=name)))


@pytest.mark.parametrize("name", NAMES)
def test_names_with_letters_beyond_latin_1_print_as_written(name):
    assert missing_characters(name, BOLD) == set()
    assert name in text_of(pdf.certificate_pdf(page(name=name)))


def test_a_long_name_shrinks_to_one_line_then_wraps_at_the_smallest_size():
    register_fonts()
    width = 700
    short = "Ahmad Fauzi"
    assert pdf.name_layout(short, width) == (pdf.NAME_MAX_SIZE, [short])
    longer = "Dr. Ir. H. Raden Mas Ahmad Fauzi Wicaksono Hadiningrat, S.T., M.Si., M.Sc."
    size, lines = pdf.name_layout(longer, width)
    assert pdf.NAME_MIN_SIZE <= size < pdf.NAME_MAX_SIZE and lines == [longer]
    assert stringWidth(longer, BOLD, size) <= width
    longest = " ".join([longer] * 3)
    size, lines = pdf.name_layout(longest, width)
    assert size == pdf.NAME_MIN_SIZE and len(lines) > 1 and " ".join(lines) == longest
    assert all(stringWidth(line, BOLD, size) <= width for line in lines)
    text = text_of(pdf.certificate_pdf(page(name=longest))).replace("\n", " ")
    assert "Hadiningrat, S.T., M.Si., M.Sc. Dr. Ir. H. Raden Mas" in text


def qr_drawn(data: bytes):
    """(fill operator, rectangles, the transform before them) of the filled path with the most rectangles."""
    reader = PdfReader(io.BytesIO(data))
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    paths, current, transforms = [], [], []
    for operands, operator in operations:
        if operator == b"cm":
            transforms.append([float(v) for v in operands])
        elif operator == b"re":
            current.append([float(v) for v in operands])
        elif operator in (b"f", b"f*", b"B", b"b", b"S"):
            if current:
                paths.append((operator, current, transforms[-1] if transforms else None))
            current = []
        elif operator == b"Q":
            transforms = []
    return max(paths, key=lambda item: len(item[1]), default=(None, [], None))


def test_the_qr_code_is_one_vector_path_that_encodes_the_verification_address():
    operator, rects, transform = qr_drawn(pdf.certificate_pdf(page()))
    assert operator == b"f"  # one non-zero fill for the whole symbol
    matrix = segno.make(URL, error="m", micro=False).matrix
    size = len(matrix)
    unit = pdf.QR_SIZE / (size + 8)
    # Placed in the bottom-left corner inside its quiet zone, one unit per module.
    assert transform == pytest.approx([unit, 0, 0, unit, pdf.MARGIN + 4 * unit, pdf.MARGIN + 12 + 4 * unit],
                                      abs=0.001)
    dark = set()
    for x, y, w, _h in rects:
        dark.update((size - 1 - round(y), column) for column in range(round(x), round(x + w)))
    expected = {(r, c) for r in range(size) for c in range(size) if matrix[r][c]}
    assert dark == expected
    # Runs of dark modules share a rectangle: far fewer objects than modules.
    assert len(rects) < 0.6 * len(expected)


def test_the_page_has_no_qr_code_without_an_address():
    _operator, rects, _transforms = qr_drawn(pdf.certificate_pdf(page(verify_url="")))
    assert len(rects) < 10


LANDSCAPE_A4 = landscape(A4)


def background_pdf(text="LATAR BELAKANG", size=LANDSCAPE_A4, rotate=0) -> bytes:
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=size)
    canvas.setFillColorRGB(0.9, 0.95, 1)
    canvas.rect(10, 10, size[0] - 20, size[1] - 20, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawString(100, 100, text)
    canvas.showPage()
    canvas.save()
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=io.BytesIO(buffer.getvalue()))
    writer.pages[0].rotation = rotate
    rotated = io.BytesIO()
    writer.write(rotated)
    return rotated.getvalue()


def test_a_pdf_background_lies_under_every_page_and_is_stored_once():
    background = design(background=background_pdf(), background_kind="pdf")
    pages = [page(design=background, name=f"Peserta {n}") for n in range(5)]
    data = pdf.certificates_pdf(pages)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 5
    forms = set()
    for index, one in enumerate(reader.pages):
        text = one.extract_text()
        assert "LATAR BELAKANG" in text and f"Peserta {index}" in text
        forms.add(one["/Resources"]["/XObject"].raw_get("/BimtekBackground").idnum)
        # The background comes first, so the certificate's own text is drawn over it.
        assert one.get_contents().get_data().lstrip().startswith(b"q")
    assert len(forms) == 1


def test_a_rotated_background_page_is_turned_to_fit_the_page():
    rotated = background_pdf(size=A4, rotate=90)
    assert displayed_size(background_page(rotated)) == pytest.approx(landscape(A4))
    data = pdf.certificates_pdf([page(design=design(background=rotated, background_kind="pdf"))])
    assert "LATAR BELAKANG" in text_of(data)


def test_an_image_background_and_logo_are_stored_once_for_many_pages():
    picture = io.BytesIO()
    Image.new("RGB", (1169, 827), (230, 240, 255)).save(picture, "PNG")
    logo = io.BytesIO()
    Image.new("RGBA", (200, 80), (11, 83, 148, 255)).save(logo, "PNG")
    pictured = design(background=picture.getvalue(), background_kind="image", logo=logo.getvalue())
    one = pdf.certificates_pdf([page(design=pictured)])
    four = pdf.certificates_pdf([page(design=pictured, name=f"P{n}") for n in range(4)])
    assert len(PdfReader(io.BytesIO(four)).pages) == 4
    # Background, logo and the logo's transparency mask: three images, however many pages.
    assert one.count(b"/Subtype /Image") == four.count(b"/Subtype /Image") == 3
    assert len(four) - len(one) < 3 * 8000


def test_a_revoked_certificate_is_stamped_and_a_preview_is_marked_as_a_sample():
    assert "DICABUT" in text_of(pdf.certificate_pdf(page(revoked_note="Dicabut 1 Desember 2026")))
    assert "CONTOH" in text_of(pdf.certificate_pdf(page(specimen=True)))
    assert "CONTOH" not in text_of(pdf.certificate_pdf(page()))


def test_portrait_pages_and_many_certificates_in_one_document():
    portrait = design(orientation="portrait", key="t2")
    data = pdf.certificates_pdf([page(), page(design=portrait, name="Portrait")])
    reader = PdfReader(io.BytesIO(data))
    assert [round(float(p.mediabox.width)) for p in reader.pages] == [842, 595]
    assert "Portrait" in reader.pages[1].extract_text()
