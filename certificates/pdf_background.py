"""Lay a designed one-page PDF under certificate pages (pypdf).

The background page becomes one form XObject, stored once in the file, and
each page gets a tiny content stream in front of its own that scales the form
to the page and draws it: a thousand certificates over a 2 MB design stay about
2 MB bigger, not 2 GB. The page's own content is referenced, not copied.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

FORM_NAME = "/BimtekBackground"


def background_page(data: bytes):
    """The only page of a background PDF (raises ValueError if there is not exactly one)."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted")
    if len(reader.pages) != 1:
        raise ValueError(f"{len(reader.pages)} pages")
    return reader.pages[0]


def displayed_size(page) -> tuple[float, float]:
    """Width and height of the page as a viewer shows it (its /Rotate applied)."""
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    return (height, width) if page.rotation % 180 else (width, height)


def _placement(page, target_width: float, target_height: float) -> list[float]:
    """The matrix [a b c d e f] that maps the background's space onto the whole target page."""
    box = page.cropbox
    x0, y0, w, h = float(box.left), float(box.bottom), float(box.width), float(box.height)
    rotation = page.rotation % 360
    a, b, c, d, e, f = {
        0: (1, 0, 0, 1, 0, 0),
        90: (0, -1, 1, 0, 0, w),
        180: (-1, 0, 0, -1, w, h),
        270: (0, 1, -1, 0, h, 0),
    }[rotation]
    e, f = e - a * x0 - c * y0, f - b * x0 - d * y0
    shown_w, shown_h = displayed_size(page)
    sx, sy = target_width / shown_w, target_height / shown_h
    return [a * sx, b * sy, c * sx, d * sy, e * sx, f * sy]


def _form_from_page(writer: PdfWriter, page):
    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")
    form = form.flate_encode()
    box = page.cropbox
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)),
        NameObject("/Resources"): page.get("/Resources", DictionaryObject()).clone(writer),
    })
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].clone(writer)
    return writer._add_object(form)


def lay_backgrounds(document: bytes, backgrounds: dict) -> bytes:
    """``document`` with each page index in ``backgrounds`` drawn over its design's background PDF."""
    writer = PdfWriter(clone_from=io.BytesIO(document))
    forms = {}  # design key -> form reference
    prefixes = {}  # (design key, page size) -> content stream reference
    for index, design in backgrounds.items():
        page = writer.pages[index]
        if design.key not in forms:
            forms[design.key] = (_form_from_page(writer, background_page(design.background)),
                                 background_page(design.background))
        form_ref, source = forms[design.key]
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if (design.key, size) not in prefixes:
            matrix = " ".join(f"{value:.6f}" for value in _placement(source, *size))
            prefix = DecodedStreamObject()
            prefix.set_data(f"q {matrix} cm {FORM_NAME} Do Q\n".encode())
            prefixes[(design.key, size)] = writer._add_object(prefix)
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = DictionaryObject()
            resources[NameObject("/XObject")] = xobjects
        xobjects[NameObject(FORM_NAME)] = form_ref
        own = page.raw_get("/Contents")
        own = list(own) if isinstance(own, ArrayObject) else [own]
        page[NameObject("/Contents")] = ArrayObject([prefixes[(design.key, size)], *own])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
