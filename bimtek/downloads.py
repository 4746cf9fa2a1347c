"""Serve a stored file as a download: streamed, attachment, never sniffed."""

import re
import unicodedata
from collections.abc import Iterable

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header


def clean_filename(name: str, *, default: str = "berkas") -> str:
    """The user's file name without a path or control characters, for Content-Disposition only."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip(" .")
    return name[:150] or default


def file_download(field_file, *, filename: str, content_type: str = "application/octet-stream") -> FileResponse:
    """A streaming attachment response for a FileField value, with a safely encoded name."""
    field_file.open("rb")
    response = FileResponse(field_file, as_attachment=True, filename=clean_filename(filename),
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _document_headers(response, *, filename: str, inline: bool = False):
    response["Content-Disposition"] = content_disposition_header(as_attachment=not inline,
                                                                 filename=clean_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def bytes_download(content: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    """A made-up document (an XLSX export, a PDF) as an attachment, or ``inline`` to show in the browser;
    never cached or sniffed."""
    return _document_headers(HttpResponse(content, content_type=content_type), filename=filename, inline=inline)


def stream_download(chunks: Iterable[bytes], *, filename: str, content_type: str) -> StreamingHttpResponse:
    """A document made while it is sent (a ZIP) as an attachment, never cached or sniffed."""
    return _document_headers(StreamingHttpResponse(chunks, content_type=content_type), filename=filename)
