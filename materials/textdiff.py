"""What changed between two versions of a draft: their text, paragraph by paragraph.

DOCX and ODT text is read straight from the document's XML part, streamed
(python-docx would load every part, images included, into memory; a 100 MB
plan with photos does not need that to be compared). PDF text comes from pypdf,
page by page; its lines are joined into paragraphs where a sentence runs on.
Versions never change, so the paragraphs of a file are cached by its sha256.
"""

import difflib
import re
import zipfile
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _
from lxml import etree
from pypdf import PdfReader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
COMPARABLE_KINDS = ("docx", "pdf", "odt")
MAX_XML_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 600
MAX_CHARACTERS = 5_000_000
CACHE_SECONDS = 30 * 24 * 3600
WORD_DIFF_LIMIT = 3000  # words per paragraph; longer ones are shown removed and added whole


class TextUnavailable(Exception):
    """The text of a version cannot be read (kind, size, damage); the message says why, for the user."""


def _xml_paragraphs(stream, paragraph_tag, text_tag, spaces):
    """Paragraph texts of an XML part, streamed; a paragraph nested in another (a text box) counts once."""
    paragraphs, total = [], 0
    parser = etree.iterparse(stream, events=("end",), tag=paragraph_tag, resolve_entities=False,
                             no_network=True, huge_tree=False, load_dtd=False)
    for _event, element in parser:
        parts = [node.text or "" if node.tag == text_tag else " " for node in element.iter(text_tag, *spaces)]
        text = " ".join("".join(parts).split())
        element.clear()
        while element.getprevious() is not None:  # keep memory flat: drop what has been read
            del element.getparent()[0]
        if text:
            paragraphs.append(text)
            total += len(text)
            if total > MAX_CHARACTERS:
                raise TextUnavailable(_("The document is too long to compare."))
    return paragraphs


def _zip_part(file, name):
    archive = zipfile.ZipFile(file)
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise TextUnavailable(_("The document has no text part.")) from None
    if info.file_size > MAX_XML_BYTES:
        raise TextUnavailable(_("The document is too long to compare."))
    return archive.open(info)


def docx_paragraphs(file) -> list[str]:
    """Body paragraphs of a DOCX in reading order, table cells included, deleted (tracked) text left out."""
    with _zip_part(file, "word/document.xml") as part:
        return _xml_paragraphs(part, f"{W}p", f"{W}t", (f"{W}tab", f"{W}br"))


def odt_paragraphs(file) -> list[str]:
    """Paragraphs and headings of an ODT, in reading order."""
    with _zip_part(file, "content.xml") as part:
        paragraphs = []
        parser = etree.iterparse(part, events=("end",), tag=(f"{ODF_TEXT}p", f"{ODF_TEXT}h"),
                                 resolve_entities=False, no_network=True, load_dtd=False)
        for _event, element in parser:
            text = " ".join("".join(element.itertext()).split())
            element.clear()
            if text:
                paragraphs.append(text)
        return paragraphs


_SENTENCE_END = re.compile(r"[.!?:;)\]\"”]$")


def pdf_paragraphs(file) -> list[str]:
    """Text lines of a PDF joined into paragraphs: a line runs on when it ends mid-sentence.

    A line that ends a sentence, a short line (a heading) or a page end closes
    the paragraph. Page numbers alone on a line are dropped.
    """
    reader = PdfReader(file)
    if len(reader.pages) > MAX_PDF_PAGES:
        raise TextUnavailable(_("The document has more than %(pages)s pages; it is too long to compare.")
                              % {"pages": MAX_PDF_PAGES})
    paragraphs, current, total = [], [], 0
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        for line in lines:
            if not line or line.isdigit():
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            current.append(line)
            total += len(line)
            if _SENTENCE_END.search(line) or len(line) < 40:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
            current = []
        if total > MAX_CHARACTERS:
            raise TextUnavailable(_("The document is too long to compare."))
    return paragraphs


READERS = {"docx": docx_paragraphs, "odt": odt_paragraphs, "pdf": pdf_paragraphs}


def version_paragraphs(version) -> list[str]:
    """The paragraphs of a draft version, cached by the file's sha256 (versions never change)."""
    if version.kind not in READERS:
        raise TextUnavailable(_("Only Word (DOCX), OpenDocument text (ODT) and PDF versions can be compared; "
                                "v%(number)s is %(kind)s.") % {"number": version.number,
                                                               "kind": version.get_kind_display()})
    key = f"materials:paragraphs:v1:{version.kind}:{version.sha256}"
    paragraphs = cache.get(key)
    if paragraphs is None:
        try:
            with version.file.open("rb") as file:
                paragraphs = READERS[version.kind](file)
        except TextUnavailable:
            raise
        except Exception:  # a damaged document: pypdf and lxml raise many kinds of errors
            raise TextUnavailable(_("The text of v%(number)s cannot be read.") % {"number": version.number}) from None
        cache.set(key, paragraphs, CACHE_SECONDS)
    if not paragraphs:
        raise TextUnavailable(_("v%(number)s holds no text to compare; it may be a scanned image.")
                              % {"number": version.number})
    return paragraphs


@dataclass
class Block:
    """One piece of the comparison: unchanged, removed, added or changed paragraphs, or a skipped stretch."""

    kind: str  # "same", "skip", "removed", "added", "changed"
    old: str = ""
    new: str = ""
    count: int = 0
    segments: list = field(default_factory=list)  # for "changed": [("same"|"removed"|"added", text), …]


@dataclass
class Comparison:
    blocks: list
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def identical(self):
        return not (self.added or self.removed or self.changed)


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_segments(old: str, new: str) -> list[tuple[str, str]]:
    """The words of two versions of a paragraph as runs of same, removed and added text."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(b[j1:j2])))
    return segments


def _similar(old: str, new: str) -> bool:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5


def compare_paragraphs(old: list[str], new: list[str], *, context: int = 1) -> Comparison:
    """Paragraph-level difference; paragraphs that were edited (not replaced) show their changed words.

    Unchanged stretches longer than ``2 * context`` are folded into one "skip" block.
    """
    result = Comparison(blocks=[])
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = old[i1:i2]
            head = same[:context] if index > 0 else []
            tail = same[-context:] if index < len(opcodes) - 1 and context else []
            if len(same) <= len(head) + len(tail):
                head, tail = same, []
            result.blocks += [Block("same", old=text, new=text) for text in head]
            if len(same) > len(head) + len(tail):
                result.blocks.append(Block("skip", count=len(same) - len(head) - len(tail)))
            result.blocks += [Block("same", old=text, new=text) for text in tail]
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for a, b in zip(removed, added, strict=False):
            if _similar(a, b) and len(a.split()) + len(b.split()) <= WORD_DIFF_LIMIT:
                result.blocks.append(Block("changed", old=a, new=b, segments=word_segments(a, b)))
                result.changed += 1
            else:
                result.blocks += [Block("removed", old=a), Block("added", new=b)]
                result.removed += 1
                result.added += 1
        for a in removed[len(added):]:
            result.blocks.append(Block("removed", old=a))
            result.removed += 1
        for b in added[len(removed):]:
            result.blocks.append(Block("added", new=b))
            result.added += 1
    return result


def compare_versions(old_version, new_version) -> Comparison:
    return compare_paragraphs(version_paragraphs(old_version), version_paragraphs(new_version))
