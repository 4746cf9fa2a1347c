"""bimtek.uploads: files are judged by their bytes, and dangerous archives never get through."""

import hashlib
import io
import stat
import struct
import warnings
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from bimtek import uploads
from bimtek.uploads import check_upload, detect_kind
from tests import factories

pytestmark = pytest.mark.usefixtures("english")

OFFICE = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp"]
DOCX_MAIN = uploads.OOXML_MAIN_PART["docx"]


def content_types(*overrides, defaults=()):
    parts = "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in defaults)
    parts += "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in overrides)
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types">{parts}</Types>').encode()


def make_zip(entries, *, compression=zipfile.ZIP_DEFLATED):
    """entries: [(name or ZipInfo, bytes)] written in order (duplicates allowed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(kind, main_path, *extra):
    return make_zip([("[Content_Types].xml", content_types((main_path, uploads.OOXML_MAIN_PART[kind]))),
                     (main_path, b"<x/>"), *extra])


def odf(mimetype):
    return make_zip([("mimetype", mimetype), ("content.xml", b"<x/>"), ("META-INF/manifest.xml", b"<x/>")],
                    compression=zipfile.ZIP_STORED)


def xlsx_bytes():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def refused(content, kinds=OFFICE, max_bytes=10 * 1024 * 1024, name="file.bin"):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content), kinds=kinds, max_bytes=max_bytes)
    return " ".join(error.value.messages)


def patch_both_headers(data, *, local_offset, central_offset, fmt, value):
    """Rewrite one field in the first entry's local header and in its central directory record."""
    data = bytearray(data)
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into(fmt, data, local + local_offset, value)
    struct.pack_into(fmt, data, central + central_offset, value)
    return bytes(data)


@pytest.mark.parametrize(("kind", "content"), [
    ("pdf", lambda: factories.pdf_bytes("Bab II")),
    ("docx", lambda: factories.docx_bytes("Bab II")),
    ("xlsx", xlsx_bytes),
    ("pptx", lambda: ooxml("pptx", "ppt/presentation.xml")),
    ("odt", lambda: odf(b"application/vnd.oasis.opendocument.text")),
    ("ods", lambda: odf(b"application/vnd.oasis.opendocument.spreadsheet")),
    ("odp", lambda: odf(b"application/vnd.oasis.opendocument.presentation")),
    ("png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
    ("jpeg", lambda: b"\xff\xd8\xff\xe0" + b"\0" * 20),
])
def test_each_kind_is_recognised_by_content_whatever_its_name(kind, content):
    data = content()
    checked = check_upload(SimpleUploadedFile("no-extension", data), kinds=[kind], max_bytes=len(data))
    assert (checked.kind, checked.size, checked.sha256) == (kind, len(data), hashlib.sha256(data).hexdigest())


def test_a_file_of_another_kind_is_refused_naming_what_is_allowed_and_what_it_is():
    message = refused(factories.docx_bytes("Bab II"), kinds=["pdf"], name="laporan.pdf")
    assert "PDF" in message and "Word (DOCX)" in message


def test_a_web_page_renamed_to_pdf_is_refused():
    assert "unknown" in refused(b"<html><script>alert(1)</script></html>", name="laporan.pdf")


def test_an_empty_file_is_refused():
    assert "empty" in refused(b"")


def test_an_oversized_file_is_refused_before_it_is_read():
    class Unreadable:
        size = 101 * 1024 * 1024
        name = "big.pdf"

        def read(self, *args):
            raise AssertionError("an oversized file must not be read")

        seek = chunks = read

    with pytest.raises(ValidationError) as error:
        check_upload(Unreadable(), kinds=["pdf"], max_bytes=100 * 1024 * 1024)
    assert error.value.messages == ["The file is 101 MB; the limit is 100 MB."]


def test_exactly_the_limit_is_accepted():
    data = factories.pdf_bytes("x")
    assert check_upload(SimpleUploadedFile("a.pdf", data), kinds=["pdf"], max_bytes=len(data)).size == len(data)


def test_a_zip_that_declares_a_huge_expansion_is_refused():
    bomb = make_zip([("[Content_Types].xml", content_types(("word/document.xml", DOCX_MAIN))),
                     ("word/document.xml", b"\0" * (30 * 1024 * 1024))])
    assert "expands" in refused(bomb)


def test_a_zip_that_lies_about_its_size_is_measured_and_refused():
    # The headers claim 100 bytes, the data inflates to 30 MB: only inflating tells.
    honest = make_zip([("word/document.xml", b"\0" * (30 * 1024 * 1024)),
                       ("[Content_Types].xml", content_types(("word/document.xml", DOCX_MAIN)))])
    lying = patch_both_headers(honest, local_offset=22, central_offset=24, fmt="<I", value=100)
    assert zipfile.ZipFile(io.BytesIO(lying)).infolist()[0].file_size == 100
    assert "expands" in refused(lying)


def test_a_zip_whose_part_is_smaller_than_declared_is_refused_as_damaged():
    honest = ooxml("docx", "word/document.xml")
    padded = patch_both_headers(honest, local_offset=22, central_offset=24, fmt="<I", value=30)
    assert "damaged" in refused(padded)


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/windows/evil.xml",
                                  "word\\..\\..\\evil.xml"])
def test_a_part_that_points_outside_the_document_is_refused(name):
    assert "outside" in refused(ooxml("docx", "word/document.xml", (name, b"x")))


def test_a_part_that_is_a_link_is_refused():
    link = zipfile.ZipInfo("word/media/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert "link" in refused(ooxml("docx", "word/document.xml", (link, b"/etc/passwd")))


def test_the_same_part_twice_is_refused():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it writes
        data = ooxml("docx", "word/document.xml", ("word/document.xml", b"<other/>"))
    assert "twice" in refused(data)


def test_a_password_protected_archive_is_refused():
    data = patch_both_headers(ooxml("docx", "word/document.xml"), local_offset=6, central_offset=8, fmt="<H",
                              value=0x1)
    assert "password" in refused(data)


def test_an_archive_packed_with_an_unusual_method_is_refused():
    data = make_zip([("[Content_Types].xml", content_types(("word/document.xml", DOCX_MAIN))),
                     ("word/document.xml", b"<x/>")], compression=zipfile.ZIP_BZIP2)
    assert "packed" in refused(data)


def test_a_document_with_macros_is_refused_with_advice():
    macro_docx = make_zip([
        ("[Content_Types].xml", content_types(
            ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            defaults=[("bin", "application/vnd.ms-office.vbaProject")])),
        ("word/document.xml", b"<x/>"), ("word/vbaProject.bin", b"\0" * 10)])
    assert "macros" in refused(macro_docx, kinds=["docx"])


def test_a_hidden_macro_part_in_a_normal_document_is_refused():
    assert "macros" in refused(ooxml("docx", "word/document.xml", ("word/vbaProject.bin", b"\0")))


def test_content_types_naming_a_part_that_is_not_there_are_not_a_document():
    data = make_zip([("[Content_Types].xml", content_types(("word/document.xml", DOCX_MAIN))),
                     ("word/other.xml", b"<x/>")])
    assert "unknown" in refused(data)


def test_content_types_with_an_entity_expansion_are_not_a_document():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&b;</Types>')
    data = make_zip([("[Content_Types].xml", laughs), ("word/document.xml", b"<x/>")])
    assert "unknown" in refused(data)


def test_a_plain_zip_and_a_truncated_document_are_refused():
    assert "unknown" in refused(make_zip([("notes.txt", b"hello")]))
    assert "unknown" in refused(factories.docx_bytes("Bab II")[:2000])


def test_an_archive_with_too_many_parts_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRIES", 3)
    data = ooxml("docx", "word/document.xml", ("a.xml", b"1"), ("b.xml", b"2"))
    assert "too many" in refused(data)


def test_detect_kind_leaves_the_file_at_its_start():
    file = io.BytesIO(factories.docx_bytes("Bab II"))
    file.seek(100)
    assert detect_kind(file) == "docx" and file.tell() == 0


def test_the_size_limit_handler_drops_only_the_oversized_file(rf):
    body = encode_multipart(BOUNDARY, {"note": "catatan", "file": SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 5000),
                                       "after": "kept"})
    handler = uploads.SizeLimitUploadHandler(max_bytes=1000)

    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    post, files = MultiPartParser(meta, io.BytesIO(body), [handler, TemporaryFileUploadHandler()]).parse()
    assert handler.oversized == {"file"}
    assert "file" not in files and post["note"] == "catatan" and post["after"] == "kept"


@pytest.mark.parametrize("content", [
    b"Nama;NIP;Instansi\nAhmad Fauzi;198001012005011001;Bappeda\n",
    "Nama,Jabatan\nSiti Aminah,Kepala Dinas Kominfo\n".encode("cp1252"),
    "\ufeffNama\tDurasi\nBudi Śantoso\t45\n".encode("utf-16"),
])
def test_text_is_a_csv_only_where_a_csv_is_allowed(content):
    assert check_upload(SimpleUploadedFile("peserta.csv", content), kinds=["csv"], max_bytes=10_000).kind == "csv"
    assert "unknown" in refused(content, kinds=["pdf"])


def test_a_binary_file_named_csv_is_not_a_csv():
    assert "unknown" in refused(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, kinds=["csv"], name="peserta.csv")
