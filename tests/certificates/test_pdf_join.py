"""All of a program's certificates in one PDF, drawn in parts and joined: the same pages, in number order."""

import io

import pytest
from pypdf import PdfReader

from certificates import documents, pdf, selectors
from certificates.pdf_join import PdfJoiner
from tests import factories
from tests.certificates.test_pdf import background_pdf, design, page

pytestmark = pytest.mark.django_db


def joined(certificates, title):
    return b"".join(documents.certificates_document_chunks(certificates, title=title))


def texts(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_certificates_drawn_in_parts_read_as_one_pdf_page_for_page_in_number_order(monkeypatch):
    monkeypatch.setattr(documents, "PART", 3)
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    team = factories.make_team(program)
    for n in range(1, 8):
        factories.issue_certificate(participant=factories.make_participant(team, full_name=f"Peserta Nomor {n}"),
                                    by=organizer)
    printable = selectors.printable(program)

    reader, pages = texts(joined(printable, "Sertifikat Uji"))
    _single, expected = texts(documents.certificates_document(printable, title="Sertifikat Uji"))

    assert len(pages) == 7 and pages == expected
    assert [next(n for n in range(1, 8) if f"Peserta Nomor {n}" in page) for page in pages] == list(range(1, 8))
    numbers = [certificate.number for certificate in printable]
    assert all(number in page for number, page in zip(numbers, pages, strict=True))
    assert reader.metadata.title == "Sertifikat Uji"


def test_a_program_without_certificates_still_gives_a_readable_pdf_saying_so():
    program = factories.make_program()
    _reader, pages = texts(joined(selectors.printable(program), "Sertifikat"))
    assert len(pages) == 1 and "Belum ada sertifikat" in pages[0]


def test_parts_with_a_pdf_background_join_with_the_background_under_every_page():
    background = design(background=background_pdf(), background_kind="pdf")
    output = io.BytesIO()
    joiner = PdfJoiner(output)
    for part in range(2):
        joiner.add(pdf.certificates_pdf([page(design=background, name=f"Peserta {part}{n}") for n in range(2)]))
    joiner.finish()

    _reader, pages = texts(output.getvalue())
    assert [page_text.count("LATAR BELAKANG") for page_text in pages] == [1, 1, 1, 1]
    assert all(f"Peserta {part}{n}" in pages[2 * part + n] for part in range(2) for n in range(2))
