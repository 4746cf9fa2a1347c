"""Where things stand on the certificate, read back from the PDF: signatories, place and date, the link."""

import io

from pypdf import PdfReader
from pypdf.generic import ContentStream

from certificates import pdf
from tests.certificates.test_pdf import SIGNATORIES, URL, page


def pieces(data: bytes, index=0):
    """{text: (x, y, font size)} of every piece of text drawn on the page (forms included)."""
    found = {}

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found[text.strip()] = (x, y, size * tm[0] * cm[0])

    PdfReader(io.BytesIO(data)).pages[index].extract_text(visitor_text=visit)
    return found


def test_the_issuing_official_signs_on_the_right_under_place_and_date_with_nip():
    drawn = pieces(pdf.certificate_pdf(page()))
    place_date = drawn["Jakarta, 15 Desember 2026"]
    official, other = drawn["Dr. Ir. Bambang Sutrisno, M.Sc."], drawn["Prof. Dr. Suhono Harso Wibowo"]
    nip = drawn["NIP. 196805121994031002"]
    width = pdf.landscape(pdf.A4)[0]
    assert official[0] > width / 2 > other[0]  # the first signatory on the right, the second on the left
    assert place_date[1] > official[1] > nip[1]  # place and date above the official's name, NIP below it
    assert abs(drawn["Direktur Jenderal Aplikasi Informatika"][1] - drawn["Ketua Tim Narasumber"][1]) < 14


def test_a_lone_official_stands_on_the_right_under_place_and_date():
    drawn = pieces(pdf.certificate_pdf(page(design=pdf.Design(key="one", title="SERTIFIKAT", place="Jakarta",
                                                              signatories=SIGNATORIES[:1]))))
    assert drawn["Dr. Ir. Bambang Sutrisno, M.Sc."][0] > pdf.landscape(pdf.A4)[0] / 2
    assert drawn["Jakarta, 15 Desember 2026"][1] > drawn["Dr. Ir. Bambang Sutrisno, M.Sc."][1]


def test_a_date_in_the_body_is_never_split_over_two_lines():
    # Wide enough that "27 November 2026" would fall across the line end with ordinary spaces.
    filler = "Atas partisipasinya sebagai Peserta dalam Bimbingan Teknis Penyusunan Masterplan Smart City yang " \
             "diselenggarakan oleh Kementerian Komunikasi dan Digital pada"
    for extra in range(0, 40):
        body = f"{filler}{' x' * extra} 3 Agustus – 27 November 2026, Kamis, 27 November 2026 di Jakarta."
        size, lines = pdf.body_layout(body, 640, 200)
        assert all(not line.endswith(("27", "November", "Agustus", "3", "Kamis,")) for line in lines), lines
        assert " ".join(lines) == body


def test_the_verification_address_is_legible():
    drawn = pieces(pdf.certificate_pdf(page()))
    assert drawn[URL[8:]][2] >= 8  # points: typed by hand by whoever cannot scan


def test_the_pdf_names_its_title_author_and_subject():
    design = pdf.Design(key="m", title="SERTIFIKAT", signatories=SIGNATORIES,
                        institution="Kementerian Komunikasi dan Digital", program="Gerakan Menuju Smart City 2026")
    metadata = PdfReader(io.BytesIO(pdf.certificate_pdf(page(design=design)))).metadata
    assert metadata.title == "Sertifikat 012/BIMTEK-SC/2026"
    assert metadata.author == "Kementerian Komunikasi dan Digital"
    assert metadata.subject == "Sertifikat Gerakan Menuju Smart City 2026"


def test_what_the_reused_forms_draw_lies_inside_their_boxes():
    # A viewer clips a form to its /BBox: text outside it is in the file (and in extract_text) but never shows.
    reader = PdfReader(io.BytesIO(pdf.certificate_pdf(page())))
    forms = {name: ref.get_object() for name, ref in reader.pages[0]["/Resources"]["/XObject"].items()}
    assert len(forms) >= 2  # what every page shares, and the body
    for name, form in forms.items():
        left, bottom, right, top = (float(value) for value in form["/BBox"])
        origins = [(float(operands[4]), float(operands[5]))
                   for operands, operator in ContentStream(form, reader).operations if operator == b"Tm"]
        assert origins, name
        for x, y in origins:
            assert left <= x <= right and bottom <= y <= top, (name, x, y, form["/BBox"])
