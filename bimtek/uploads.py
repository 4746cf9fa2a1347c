"""Check uploaded files by their bytes, never by their name.

Every upload in bimtek (drafts, materials, scanned attendance sheets,
certificate backgrounds) passes through ``check_upload``: it reads the file's
signature and, for Office/OpenDocument files, the whole ZIP archive, and
refuses anything that is empty, too large, of another kind, password
protected, carrying macros, or a ZIP that escapes its folder or expands far
beyond its size (a "zip bomb"). The expansion is measured by inflating every
entry, because the sizes an archive declares are written by whoever made it.

Files are read in chunks, so a 100 MB upload that Django spooled to disk never
sits in memory whole. ``SizeLimitUploadHandler`` stops an oversized file while
it is still arriving, before it fills the disk.
"""

import codecs
import hashlib
import posixpath
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bimtek.formats import size_text

KIND_LABELS = {
    "pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument Text (ODT)", "ods": "OpenDocument Spreadsheet (ODS)",
    "odp": "OpenDocument Presentation (ODP)", "png": "PNG", "jpeg": "JPEG", "csv": "CSV",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "ods": "ods",
              "odp": "odp", "png": "png", "jpeg": "jpg", "csv": "csv"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "csv": "text/csv",
}
# The main part each Office Open XML kind must declare in [Content_Types].xml.
OOXML_MAIN_PART = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
OOXML_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Content types that only macro-enabled documents (.docm, .xlsm, .pptm, …) carry.
OOXML_MACRO_MARKERS = ("macroenabled", "vbaproject", "vbadata", "activex")
ODF_MIMETYPE = {b"application/vnd.oasis.opendocument.text": "odt",
                b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                b"application/vnd.oasis.opendocument.presentation": "odp"}

MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_RATIO = 100  # uncompressed / compressed, over the whole archive
MAX_ZIP_UNCOMPRESSED = 2 * 1024 ** 3
MAX_MANIFEST_BYTES = 1024 * 1024  # [Content_Types].xml or mimetype
CHUNK = 256 * 1024
TEXT_SAMPLE = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, file name length, extra field length

NOT_ALLOWED = gettext_lazy("This file is not one of the allowed kinds (%(kinds)s). It looks like: %(found)s.")


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    size: int
    sha256: str

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self):
        return EXTENSIONS[self.kind]


def _refuse(message):
    raise ValidationError(message, code="refused_file")


def _read_head(file, length=8):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _check_entry_names(infos):
    """Refuse entries that could land outside a folder they are unpacked into, or that are ambiguous."""
    names = set()
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = name.split("/")
        if (name.startswith("/") or ":" in parts[0] or ".." in parts or "\x00" in name
                or posixpath.normpath(name).startswith("../")):
            _refuse(_("The file holds a part that points outside the document."))
        if stat.S_ISLNK(info.external_attr >> 16):
            _refuse(_("The file holds a link to another place; it is refused."))
        if name in names:
            # Two parts with one name: programs would disagree about which one is the document.
            _refuse(_("The file holds the same part twice; it is damaged or crafted."))
        names.add(name)
        if info.flag_bits & 0x1:
            _refuse(_("The file is protected with a password. Remove the password and upload it again."))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _refuse(_("The file is packed in a way office programs do not use; it is refused."))


def _inflated_size(file, info, limit):
    """The real number of bytes the entry expands to (at most ``limit`` + 1), read in chunks."""
    file.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(file.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        _refuse(_("The file is damaged: one of its parts cannot be found."))
    file.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    remaining = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return remaining
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        while remaining > 0 and not inflater.eof:
            data = file.read(min(remaining, CHUNK))
            if not data:
                break
            remaining -= len(data)
            while data and produced <= limit:
                produced += len(inflater.decompress(data, CHUNK))
                data = inflater.unconsumed_tail
            if produced > limit:
                return produced
        produced += len(inflater.flush())
    except zlib.error:
        _refuse(_("The file is damaged: one of its parts cannot be unpacked."))
    return produced


def _check_expansion(file, infos):
    """Refuse archives that expand beyond MAX_ZIP_RATIO or MAX_ZIP_UNCOMPRESSED, measured, not declared."""
    packed = max(sum(info.compress_size for info in infos), 1)
    budget = min(MAX_ZIP_UNCOMPRESSED, packed * MAX_ZIP_RATIO)
    declared = sum(info.file_size for info in infos)
    if declared > budget:
        _refuse(_("The file expands to far more than its size; it is refused."))
    total = 0
    for info in infos:
        size = _inflated_size(file, info, budget - total)
        total += size
        if total > budget:
            _refuse(_("The file expands to far more than its size; it is refused."))
        if size != info.file_size:
            _refuse(_("The file is damaged: one of its parts is not the size it claims."))


def _ooxml_kind(archive, by_name):
    info = by_name["[Content_Types].xml"]
    if info.file_size > MAX_MANIFEST_BYTES:
        return None
    try:
        root = ElementTree.fromstring(archive.read(info))
    except Exception:  # defusedxml refuses entities and DTDs; a broken manifest is not an Office file
        return None
    overrides = {}
    for element in root:
        content_type = (element.get("ContentType") or "").strip()
        if any(marker in content_type.lower() for marker in OOXML_MACRO_MARKERS):
            _refuse(_("The file contains macros. Save it as a normal document without macros and upload it "
                      "again."))
        if element.tag == f"{OOXML_TYPES_NS}Override":
            overrides[content_type] = (element.get("PartName") or "").lstrip("/")
    for name in by_name:
        if name.lower().endswith("vbaproject.bin"):
            _refuse(_("The file contains macros. Save it as a normal document without macros and upload it "
                      "again."))
    for kind, main in OOXML_MAIN_PART.items():
        if overrides.get(main) in by_name:
            return kind
    return None


def _odf_kind(archive, by_name):
    info = by_name["mimetype"]
    if info.file_size > 100:
        return None
    return ODF_MIMETYPE.get(archive.read(info).strip())


def _zip_kind(file):
    """The Office/OpenDocument kind of a ZIP file; None for another archive; ValidationError if dangerous."""
    try:
        archive = zipfile.ZipFile(file)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        return None
    with archive:
        if len(infos) > MAX_ZIP_ENTRIES:
            _refuse(_("The file holds too many parts to be a document."))
        _check_entry_names(infos)
        by_name = {info.filename: info for info in infos}
        try:
            _check_expansion(file, infos)
            if "mimetype" in by_name:
                return _odf_kind(archive, by_name)
            if "[Content_Types].xml" in by_name:
                return _ooxml_kind(archive, by_name)
        # A damaged directory can point before the file's start (ValueError) or at garbage (struct.error).
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, struct.error):
            _refuse(_("The file is damaged: one of its parts cannot be unpacked."))
    return None


def detect_kind(file):
    """The kind of the file's content ('pdf', 'docx', …) or None when unknown.

    Raises ValidationError for an Office file that must not be accepted whatever
    kinds are allowed (escaping paths, zip bombs, macros, passwords, damage).
    """
    head = _read_head(file, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_kind(file)
        finally:
            file.seek(0)
    return None


def kinds_label(kinds) -> str:
    return ", ".join(KIND_LABELS[kind] for kind in kinds)


def too_large_message(size, max_bytes) -> str:
    return _("The file is %(size)s; the limit is %(limit)s.") % {
        "size": size_text(size), "limit": size_text(max_bytes)}


def looks_like_text(file) -> bool:
    """The file's first 64 KB are text: UTF-8, Windows-1252, or UTF-16 with its byte-order mark.

    Plain text has no signature; a CSV is recognised by decoding, and by the
    absence of NUL bytes that binary files are full of.
    """
    sample = _read_head(file, TEXT_SAMPLE)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in sample:
        return False
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            # Incremental, so a character cut at the end of the sample is not an error.
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_upload(file, *, kinds, max_bytes) -> CheckedUpload:
    """Refuse an empty, oversized or wrong-kind file; return its kind, size and sha256.

    The size limit is checked first, so an oversized file is never read. With
    "csv" among ``kinds``, a file of no known kind that reads as text is a CSV.
    """
    size = getattr(file, "size", None)
    if not size:
        _refuse(_("The file is empty."))
    if size > max_bytes:
        _refuse(too_large_message(size, max_bytes))
    kind = detect_kind(file)
    if kind is None and "csv" in kinds and looks_like_text(file):
        kind = "csv"
    if kind is None or kind not in kinds:
        _refuse(NOT_ALLOWED % {"kinds": kinds_label(kinds),
                               "found": KIND_LABELS.get(kind, _("an unknown kind"))})
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return CheckedUpload(kind=kind, size=size, sha256=digest.hexdigest())


class SizeLimitUploadHandler(FileUploadHandler):
    """Drop a file field as soon as it passes ``max_bytes``, while it is still arriving.

    Put it first in ``request.upload_handlers`` before the request body is read;
    Django then closes (and deletes) the half-written temporary file and goes on
    reading the other fields. ``oversized`` names the fields that were dropped.
    """

    def __init__(self, request=None, *, max_bytes):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.oversized = set()
        self._received = 0

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.oversized.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(request, max_bytes) -> SizeLimitUploadHandler:
    """Install a SizeLimitUploadHandler on a request whose body has not been read yet."""
    handler = SizeLimitUploadHandler(request, max_bytes=max_bytes)
    request.upload_handlers.insert(0, handler)
    return handler
