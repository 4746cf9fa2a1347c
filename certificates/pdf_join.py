"""PDF files joined into one, written out part by part: memory holds one part, not the whole document.

reportlab keeps every page of a document until it saves it, so all of a
program's certificates on one canvas grew with the program (tens of thousands of
pages). They are drawn in parts instead (certificates.documents) and joined here.
Each part's objects are copied as they are, renumbered after the parts before
it; its catalog and page tree are dropped and its pages hung under one page tree
at the end. Meant for the files reportlab (and pypdf, which lays PDF backgrounds)
write: plain objects with direct stream lengths, a classic cross-reference table.
"""

import re

OBJECT = re.compile(rb"(\d+)\s+0\s+obj\b\s*")
REFERENCE = re.compile(rb"(\d+)\s+0\s+R\b")
LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
PAGES, CATALOG, INFO = 1, 2, 3  # the joined file's own objects


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's number -> (its dictionary or value, its stream's bytes or None)."""
    found, position = {}, 0
    while (match := OBJECT.search(data, position)) is not None:
        start = match.end()
        end = data.find(b"endobj", start)
        stream = data.find(b"stream", start, end)
        if stream == -1:
            found[int(match.group(1))] = (data[start:end].rstrip(), None)
        else:
            head = data[start:stream]
            length = int(LENGTH.search(head).group(1))
            body = stream + len(b"stream")
            body += 2 if data[body:body + 2] == b"\r\n" else 1
            found[int(match.group(1))] = (head.rstrip(), data[body:body + length])
            end = data.find(b"endobj", body + length)
        position = end + len(b"endobj")
    return found


def _reference(text: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", text)
    return int(match.group(1)) if match else None


def _page_tree(objects, number, nodes: set, pages: list):
    """Walk the page tree from ``number``: its inner nodes into ``nodes``, its pages in order into ``pages``."""
    head = objects[number][0]
    if re.search(rb"/Type\s*/Pages\b", head):
        nodes.add(number)
        kids = re.search(rb"/Kids\s*\[(.*?)\]", head, re.S).group(1)
        for kid in REFERENCE.findall(kids):
            _page_tree(objects, int(kid), nodes, pages)
    else:
        pages.append(number)


class PdfJoiner:
    """``add`` each part's bytes in order, then ``finish``; the joined PDF goes to ``output`` as it is made."""

    def __init__(self, output):
        self.output, self.offsets, self.pages, self.info = output, {}, [], None
        self.next_number = INFO + 1
        self.written = 0
        self._write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e\n")

    def _write(self, data: bytes):
        self.output.write(data)
        self.written += len(data)

    def _object(self, number: int, head: bytes, body: bytes | None = None):
        self.offsets[number] = self.written
        self._write(b"%d 0 obj\n" % number + head + b"\n")
        if body is not None:
            self._write(b"stream\n" + body + b"\nendstream\n")
        self._write(b"endobj\n")

    def add(self, data: bytes):
        objects = _objects(data)
        trailer = TRAILER.search(data, data.rfind(b"trailer")).group(1)
        root, info = _reference(trailer, b"Root"), _reference(trailer, b"Info")
        tree, pages = set(), []
        _page_tree(objects, _reference(objects[root][0], b"Pages"), tree, pages)
        dropped = tree | {root, info}
        kept = sorted(number for number in objects if number not in dropped)
        numbers = {old: self.next_number + index for index, old in enumerate(kept)}
        self.next_number += len(kept)

        def renumber(match):
            old = int(match.group(1))
            return b"%d 0 R" % (PAGES if old in tree else numbers[old])

        for old in kept:
            head, body = objects[old]
            self._object(numbers[old], REFERENCE.sub(renumber, head), body)
        self.pages += [numbers[page] for page in pages]
        if self.info is None and info in objects:
            self.info = objects[info][0]  # title, author, subject: the first part's

    def finish(self):
        kids = b" ".join(b"%d 0 R" % page for page in self.pages)
        self._object(PAGES, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(self.pages), kids))
        self._object(CATALOG, b"<< /Type /Catalog /Pages %d 0 R /PageMode /UseNone >>" % PAGES)
        self._object(INFO, self.info or b"<< >>")
        start = self.written
        size = self.next_number
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        table += [b"%010d 00000 n \n" % self.offsets[number] for number in range(1, size)]
        self._write(b"".join(table))
        self._write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                    % (size, CATALOG, INFO, start))
