"""A ZIP archive written while it is sent: nothing is built in memory or on disk first.

Python's zipfile writes to a stream it cannot seek in by putting each entry's
sizes in a data descriptor after the data, so the archive can go out chunk by
chunk (into a worker's spool file, or a StreamingHttpResponse).
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from bimtek.downloads import clean_filename

CHUNK = 256 * 1024


class ZipPipe(io.RawIOBase):
    """A write-only, unseekable sink whose written bytes the generator takes out after each step."""

    def __init__(self):
        self._chunks = []

    def writable(self):
        return True

    def write(self, data):
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


@dataclass
class ZipMember:
    name: str
    field_file: object  # a FieldFile, opened and read in chunks
    size: int
    modified: object  # an aware datetime


def zip_chunks(members: Iterable[ZipMember]) -> Iterator[bytes]:
    """The bytes of a ZIP holding ``members``, yielded as they are produced.

    Office files and PDFs are compressed already, so entries are deflated at the
    fastest level: the archive stays small where it can and costs little CPU.
    """
    pipe = ZipPipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        used = set()
        for member in members:
            name = _unique(clean_filename(member.name), used)
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(member.modified).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = member.size
            with member.field_file.open("rb") as source, archive.open(info, mode="w") as target:
                for chunk in iter(lambda: source.read(CHUNK), b""):  # noqa: B023 (read right here)
                    target.write(chunk)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def _unique(name: str, used: set) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, counter = name, 2
    while candidate.lower() in used:
        candidate = f"{stem} ({counter}){dot}{extension}" if dot else f"{name} ({counter})"
        counter += 1
    used.add(candidate.lower())
    return candidate
