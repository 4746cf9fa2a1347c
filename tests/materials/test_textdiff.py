"""'What changed': text read from DOCX, ODT and PDF, compared paragraph by paragraph."""

import io
import zipfile

import docx
import openpyxl
import pytest

from materials import textdiff
from materials.textdiff import TextUnavailable, compare_paragraphs, docx_paragraphs, odt_paragraphs, pdf_paragraphs
from tests import factories

pytestmark = pytest.mark.usefixtures("english")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document {W}><w:body>{body}</w:body></w:document>')
    buffer.seek(0)
    return buffer


def test_docx_paragraphs_in_reading_order_with_tables_and_runs_joined():
    document = docx.Document()
    document.add_heading("Bab II Analisis", level=1)
    paragraph = document.add_paragraph("Kabupaten ini memiliki ")
    paragraph.add_run("infrastruktur").bold = True
    paragraph.add_run(" yang   baik.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Kekuatan", "SDM <terlatih>"
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_paragraphs(io.BytesIO(buffer.getvalue())) == [
        "Bab II Analisis", "Kabupaten ini memiliki infrastruktur yang baik.", "Kekuatan", "SDM <terlatih>"]


def test_docx_text_deleted_with_track_changes_is_left_out_and_a_text_box_counts_once():
    body = ('<w:p><w:r><w:t>Target </w:t></w:r><w:del><w:r><w:delText>2025</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>2027</w:t></w:r></w:ins></w:p>'
            '<w:p><w:r><w:t>Utama</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>Kotak</w:t></w:r></w:p>'
            '</w:txbxContent></w:r></w:p>')
    assert docx_paragraphs(docx_with_body(body)) == ["Target 2027", "Kotak", "Utama"]


def test_a_docx_entity_is_not_expanded():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                         f'"file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
                         '</w:body></w:document>')
    buffer.seek(0)
    assert "root:" not in " ".join(docx_paragraphs(buffer))


def test_odt_paragraphs_and_headings():
    buffer = io.BytesIO()
    ns = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", f'<office {ns}><text:h>Bab I</text:h><text:p>Visi <text:span>kota'
                                        '</text:span> cerdas</text:p></office>')
    buffer.seek(0)
    assert odt_paragraphs(buffer) == ["Bab I", "Visi kota cerdas"]


def test_pdf_lines_are_joined_where_a_sentence_runs_on():
    content = factories.pdf_bytes(
        "Bab II Analisis",
        "Analisis kesiapan daerah mencakup infrastruktur, suprastruktur",
        "dan budaya digital masyarakat di seluruh kecamatan.",
        "Kekuatan utama adalah komitmen kepala daerah yang tinggi sekali.")
    assert pdf_paragraphs(io.BytesIO(content)) == [
        "Bab II Analisis",
        "Analisis kesiapan daerah mencakup infrastruktur, suprastruktur dan budaya digital masyarakat di seluruh "
        "kecamatan.",
        "Kekuatan utama adalah komitmen kepala daerah yang tinggi sekali."]


def test_a_changed_paragraph_shows_the_words_that_changed():
    result = compare_paragraphs(["Target satu data tahun 2025."], ["Target satu data daerah tahun 2027."])
    assert (result.changed, result.added, result.removed) == (1, 0, 0)
    assert result.blocks[0].segments == [("same", "Target satu data "), ("added", "daerah "), ("same", "tahun "),
                                         ("removed", "2025"), ("added", "2027"), ("same", ".")]


def test_added_removed_and_rewritten_paragraphs_and_folded_unchanged_ones():
    old = [f"Paragraf tetap {n}." for n in range(10)] + ["Bagian lama yang dihapus seluruhnya."]
    new = ["Pendahuluan baru."] + [f"Paragraf tetap {n}." for n in range(10)] + ["Sesuatu yang sama sekali lain!"]
    result = compare_paragraphs(old, new)
    assert [b.kind for b in result.blocks] == ["added", "same", "skip", "same", "removed", "added"]
    assert result.blocks[2].count == 8 and (result.added, result.removed, result.changed) == (2, 1, 0)


def test_identical_texts_fold_into_one_skip():
    result = compare_paragraphs(["a", "b", "c"], ["a", "b", "c"])
    assert result.identical and [(b.kind, b.count) for b in result.blocks] == [("skip", 3)]


def test_the_text_of_a_version_is_read_once_and_cached_by_its_content(db, monkeypatch):
    program = factories.make_program()
    team = factories.make_team(program)
    factories.make_participant(team)
    version = factories.make_version(factories.make_assignment(program), team,
                                     content=factories.docx_bytes("Satu.", "Dua."), name="a.docx")
    reads = []
    monkeypatch.setitem(textdiff.READERS, "docx", lambda file: reads.append(1) or docx_paragraphs(file))
    assert textdiff.version_paragraphs(version) == ["Satu.", "Dua."]
    assert textdiff.version_paragraphs(version) == ["Satu.", "Dua."]
    assert len(reads) == 1


def test_versions_that_cannot_be_compared_say_why(db):
    program = factories.make_program()
    team = factories.make_team(program)
    factories.make_participant(team)
    assignment = factories.make_assignment(program)

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    sheet = factories.make_version(assignment, team, content=buffer.getvalue(), name="data.xlsx")
    with pytest.raises(TextUnavailable, match="v1 is Excel"):
        textdiff.version_paragraphs(sheet)
    broken = factories.make_version(assignment, team, content=b"%PDF-1.4\n garbage", name="rusak.pdf")
    with pytest.raises(TextUnavailable, match="cannot be read"):
        textdiff.version_paragraphs(broken)
