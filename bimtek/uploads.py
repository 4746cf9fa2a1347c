"""Check uploaded files by their bytes, never by their name.

Every upload in bimtek (drafts, materials, scanned attendance sheets,
certificate backgrounds) passes through ``check_upload``: it reads the file's
signature and, for Office/OpenDocument files, the ZIP directory, and refuses
anything that is empty, too large, of another kind, or a ZIP that escapes its
folder or expands far beyond its size (a "zip bomb").
"""

import hashlib
import posixpath
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND_LABELS = {
    "pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument Text (ODT)", "ods": "OpenDocument Spreadsheet (ODS)", "png": "PNG", "jpeg": "JPEG",
    "csv": "CSV",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "ods": "ods",
              "png": "png", "jpeg": "jpg", "csv": "csv"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
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
ODF_MIMETYPE = {"odt": b"application/vnd.oasis.opendocument.text",
                "ods": b"application/vnd.oasis.opendocument.spreadsheet"}

MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_RATIO = 100  # uncompressed / compressed, over the whole archive
MAX_ZIP_UNCOMPRESSED = 2 * 1024 ** 3

NOT_ALLOWED = gettext_lazy("This file is not one of the allowed kinds (%(kinds)s). It looks like: %(found)s.")


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    size: int
    sha256: str

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]


def _read_head(file, length=8):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _zip_kind(file):
    """The Office/OpenDocument kind of a ZIP file, or raise ValidationError for a dangerous archive."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise ValidationError(_("The file holds too many parts to be a document."))
        total = 0
        for info in infos:
            name = info.filename
            normal = posixpath.normpath(name)
            if name.startswith(("/", "\\")) or normal.startswith("..") or ":" in name.split("/")[0]:
                raise ValidationError(_("The file holds a part that points outside the document."))
            total += info.file_size
        packed = max(sum(info.compress_size for info in infos), 1)
        if total > MAX_ZIP_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
            raise ValidationError(_("The file expands to far more than its size; it is refused."))
        names = {info.filename for info in infos}
        if "mimetype" in names:
            mimetype = archive.read("mimetype").strip()
            for kind, expected in ODF_MIMETYPE.items():
                if mimetype == expected:
                    return kind
            return None
        if "[Content_Types].xml" in names:
            types = archive.read("[Content_Types].xml")
            if len(types) > 1024 * 1024:
                return None
            for kind, main in OOXML_MAIN_PART.items():
                # A macro-enabled workbook or document declares another main type and is refused.
                if main.encode() in types:
                    return kind
    return None


def detect_kind(file):
    """The kind of the file's content ('pdf', 'docx', …) or None when unknown."""
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


def check_upload(file, *, kinds, max_bytes) -> CheckedUpload:
    """Refuse an empty, oversized or wrong-kind file; return its kind, size and sha256.

    Reads the file in chunks, so a 100 MB upload that Django spooled to disk
    never sits in memory whole.
    """
    size = file.size if getattr(file, "size", None) is not None else None
    if not size:
        raise ValidationError(_("The file is empty."))
    if size > max_bytes:
        raise ValidationError(_("The file is %(size)s; the limit is %(limit)s.") % {
            "size": human_size(size), "limit": human_size(max_bytes)})
    kind = detect_kind(file)
    if kind is None or kind not in kinds:
        raise ValidationError(NOT_ALLOWED % {
            "kinds": ", ".join(KIND_LABELS[k] for k in kinds),
            "found": KIND_LABELS.get(kind, _("an unknown kind")),
        })
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return CheckedUpload(kind=kind, size=size, sha256=digest.hexdigest())


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
