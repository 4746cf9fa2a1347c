"""The Daftar Hadir (attendance sheet) of a session, in the usual Indonesian government format.

Always in Indonesian, whatever the reader's interface language. Pure: takes
the sheet's data, returns PDF bytes. A4 landscape, so the NIP fits on one line
and each signature half is wide enough to sign. The table is a platypus Table
of plain strings; only a cell whose text is wider than its column becomes a
Paragraph, which keeps a thousand-row sheet fast (see bench/attendance_sheet.py).
The rows are laid out one page's table at a time (_PagedRows), so the time
grows with the rows, not with their square (bench/daftar_hadir_growth.py).
The signature block follows the table's last rows on the same page, so it
never stands alone on the last page (_TableEnd).
"""

import io
import zlib
import zoneinfo
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bimtek.formats import long_date_id, nip_grouped, place_id, time_range_all_zones, time_range_id
from bimtek.official import Letterhead, fitted_cell, letterhead_flowables, signature_lines
from bimtek.pdf import BOLD, REGULAR, compress_shown_page, register_fonts

BLANK, RECAP = "blank", "recap"
STATUS_ID = {"hadir": "Hadir", "terlambat": "Terlambat", "izin": "Izin", "tidak_hadir": "Tidak hadir"}
PAGE = landscape(A4)
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FONT_SIZE = 9
LEADING = FONT_SIZE + 2
NIP_SIZE = 8.5
PADDING = 4
# At least 12 mm for every row of the blank sheet, one-line rows too: room to sign.
ROW_PADDING = 12
# No | Nama | NIP | Jabatan | Instansi/OPD | Tanda Tangan (two halves, so signatures alternate left and right).
BLANK_WIDTHS = [10 * mm, 60 * mm, 42 * mm, 45 * mm, 54 * mm, 28 * mm, 28 * mm]
RECAP_WIDTHS = [10 * mm, 60 * mm, 42 * mm, 45 * mm, 54 * mm, 30 * mm, 26 * mm]
KEEP_WITH_SIGNATURE = 2  # table rows that stay on the signature's page
CANCELLED = "DIBATALKAN"


@dataclass
class SheetRow:
    name: str
    nip: str = ""
    position: str = ""
    agency: str = ""
    region: str = ""
    status: str = ""  # for the recap: hadir, terlambat, izin, tidak_hadir or "" (not recorded)
    time: str = ""  # for the recap: check-in time, e.g. "08.57"
    note: str = ""


@dataclass
class SheetHeader:
    program: str
    institution: str
    stage: str
    title: str
    date: str  # "Kamis, 27 November 2026"
    time: str  # "09.00–12.00 WIB", or the same in all three zones for a national online plenary
    place: str
    zone: str = "WIB"  # the session's zone, named in the recap's "Jam" column
    official_name: str = ""
    official_position: str = ""
    official_nip: str = ""
    signed_place: str = ""  # "Jakarta"
    signed_at: str = ""  # the date written above the official's signature
    cancelled: bool = False
    cancel_reason: str = ""
    letterhead: Letterhead | None = None
    rows: list = field(default_factory=list)

    @property
    def signed_line(self):
        date = self.signed_at or self.date.split(", ", 1)[-1]
        return f"{self.signed_place}, {date}" if self.signed_place else date


def _styles():
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER),
        "cancelled": ParagraphStyle("cancelled", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
                                    textColor=colors.Color(0.75, 0, 0)),
        "label": ParagraphStyle("label", fontName=REGULAR, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=FONT_SIZE, leading=LEADING),
    }


def _numbered_canvas(header: SheetHeader, variant: str):
    """A canvas that writes "Halaman x dari y" on every page once the page count is known."""
    name = "Daftar Hadir" if variant == BLANK else "Rekapitulasi Kehadiran"

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            # Kept until the page count is known; its drawing compressed meanwhile, so a sheet of
            # thousands of pages holds a tenth of it in memory.
            state = dict(self.__dict__)
            state["_code"] = zlib.compress("\n".join(self._code).encode("utf8"))
            self._pages.append(state)
            self._startPage()

        def save(self):
            pages = self._pages
            total = len(pages)
            for index, state in enumerate(pages):
                pages[index] = None  # let go of each page once drawn
                self.__dict__.update(state)
                self._code = [zlib.decompress(state["_code"]).decode("utf8")]
                self._footer(total)
                super().showPage()
                compress_shown_page(self)
            super().save()

        def _footer(self, total):
            width, height = PAGE
            self.setFont(REGULAR, 8)
            self.setFillColor(colors.black)
            self.drawString(MARGIN, 9 * mm, f"{name} · {header.title} · {header.date}"[:150])
            self.drawRightString(width - MARGIN, 9 * mm, f"Halaman {self._pageNumber} dari {total}")
            if self._pageNumber > 1:
                self.drawString(MARGIN, height - 10 * mm, f"{header.program} · {header.stage}"[:150])
            if header.cancelled:
                self.saveState()
                self.setFillColor(colors.Color(0.8, 0, 0, alpha=0.25))
                self.setFont(BOLD, 90)
                self.translate(width / 2, height / 2)
                self.rotate(25)
                self.drawCentredString(0, -30, CANCELLED)
                self.restoreState()

    return NumberedCanvas


def _header_flowables(header: SheetHeader, styles, variant):
    title = "DAFTAR HADIR" if variant == BLANK else "REKAPITULASI KEHADIRAN"
    details = [
        ("Kegiatan", header.title),
        ("Program", header.program),
        ("Tahap", header.stage),
        ("Hari, tanggal", header.date),
        ("Waktu", header.time),
        ("Tempat", header.place or "-"),
    ]
    if header.cancelled:
        details.append(("Keterangan", " — ".join(part for part in (f"Kegiatan {CANCELLED.lower()}",
                                                                  header.cancel_reason) if part)))
    table = Table([[label, ":", Paragraph(escape(value), styles["label"])] for label, value in details],
                  colWidths=[28 * mm, 4 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    story = letterhead_flowables(header.letterhead, WIDTH)
    story += [Paragraph(title, styles["title"])]
    if header.cancelled:
        story += [Paragraph(CANCELLED, styles["cancelled"])]
    return story + [Spacer(1, 1 * mm), Paragraph(escape(header.institution), styles["subtitle"]),
                    Spacer(1, 5 * mm), table, Spacer(1, 5 * mm)]


def _closing(header: SheetHeader, styles, variant) -> list:
    """What follows the table's last rows: the recap's totals, then the signature block on the right."""
    room = WIDTH - 2 * PADDING
    lines, width = signature_lines(place_and_date=header.signed_line, preamble="Mengetahui,",
                                   position=header.official_position or "Penanggung Jawab Kegiatan",
                                   name=header.official_name, nip=header.official_nip, max_width=room)
    block = Table([["", lines]], colWidths=[room - width, width])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    closing = [Spacer(1, 5 * mm), block]
    if variant == RECAP:
        closing = [_summary(header, styles)] + closing
    return closing


def _summary(header: SheetHeader, styles):
    counts = {label: 0 for label in list(STATUS_ID.values()) + ["Belum dicatat"]}
    for row in header.rows:
        counts[STATUS_ID.get(row.status, "Belum dicatat")] += 1
    text = " · ".join(f"{label}: {count}" for label, count in counts.items())
    return Paragraph(f"Jumlah: {len(header.rows)} orang. {escape(text)}.", styles["label"])


class _TableEnd(Flowable):
    """The table's last rows and its closing (totals, signature), never apart.

    Right under the rest of the table when they fit there; otherwise together
    at the top of the next page, with the header row repeated.
    """

    def __init__(self, *, plain: list, headed: list):
        super().__init__()
        self._plain, self._headed = plain, headed
        self._parts, self._sizes = headed, []

    def wrap(self, avail_width, avail_height):
        frame = getattr(self, "_frame", None)
        self._parts = self._headed if frame is None or frame._atTop else self._plain
        self._sizes = [part.wrap(avail_width, avail_height) for part in self._parts]
        self.width, self.height = avail_width, sum(height for _width, height in self._sizes)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []  # moves whole to the next page

    def draw(self):
        y = self.height
        for part, (_width, height) in zip(self._parts, self._sizes, strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)


def _data(header: SheetHeader, styles, variant) -> tuple[list, list]:
    """The rows of people and each row's height, measured here once.

    Given their heights, the table need not measure every remaining row again
    at each page break, which is most of the time a long sheet takes.
    """
    widths = BLANK_WIDTHS if variant == BLANK else RECAP_WIDTHS
    padding = 2 * (ROW_PADDING if variant == BLANK else 4)

    def fit(text, width):
        return fitted_cell(text, width, styles["cell"], padding=PADDING)

    def height(cell, width):
        if isinstance(cell, str):
            return LEADING * (cell.count("\n") + 1)
        return cell.wrap(width - 2 * PADDING, PAGE[1])[1]

    data, heights = [], []
    for number, row in enumerate(header.rows, start=1):
        place = "\n".join(part for part in (row.agency, row.region) if part)
        line = [str(number), fit(row.name, widths[1]), nip_grouped(row.nip), fit(row.position, widths[3]),
                fit(place, widths[4])]
        if variant == BLANK:
            # Odd numbers sign in the left half, even numbers in the right half.
            line += [f"{number}.", ""] if number % 2 else ["", f"{number}."]
        else:
            status = STATUS_ID.get(row.status, "Belum dicatat")
            line += [fit(status + (f"\n{row.note}" if row.note else ""), widths[5]), row.time]
        data.append(line)
        heights.append(max(height(cell, width) for cell, width in zip(line, widths, strict=True)) + padding)
    return data, heights


def _table(header: SheetHeader, rows: list, heights: list, variant, *, with_header: bool):
    widths = BLANK_WIDTHS if variant == BLANK else RECAP_WIDTHS
    if variant == BLANK:
        titles = ["No", "Nama", "NIP", "Jabatan", "Instansi/OPD", "Tanda Tangan", ""]
    else:
        titles = ["No", "Nama", "NIP", "Jabatan", "Instansi/OPD", "Kehadiran", f"Jam ({header.zone})"]
    first = 1 if with_header else 0  # the first row of people
    table = Table([titles] + rows if with_header else rows, colWidths=widths, repeatRows=first,
                  rowHeights=[None] + heights if with_header else heights)
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, FONT_SIZE),
        ("FONT", (2, first), (2, -1), REGULAR, NIP_SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, first), (0, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, first), (-1, -1), ROW_PADDING if variant == BLANK else 4),
        ("BOTTOMPADDING", (0, first), (-1, -1), ROW_PADDING if variant == BLANK else 4),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (4, -1), 0.5, colors.black),
    ]
    if variant == RECAP:
        commands.append(("LINEAFTER", (5, 0), (5, -1), 0.5, colors.black))
    if with_header:
        commands += [("FONT", (0, 0), (-1, 0), BOLD, FONT_SIZE),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94)),
                     ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
        if variant == BLANK:
            # "Tanda Tangan" centred over both halves without a SPAN, which would make
            # every page split of a long table walk all its cells again.
            both = widths[5] + widths[6]
            commands += [("ALIGN", (5, 0), (5, 0), "LEFT"),
                         ("LEFTPADDING", (5, 0), (5, 0), (both - stringWidth("Tanda Tangan", BOLD, FONT_SIZE)) / 2)]
    table.setStyle(TableStyle(commands))
    return table


class _PagedRows(Flowable):
    """The table's rows from ``start`` on, cut into one table per page with the header row on each.

    A platypus Table split at a page break restyles every row left after it, so
    a sheet of n rows took time in n²; here each page's table holds only that
    page's rows, and the rows' heights are known (_data), so the cut is found by
    adding heights. It falls where the Table's own split would, so the pages look the same.
    """

    hAlign = "CENTER"  # as the Table it stands for

    def __init__(self, header: SheetHeader, data: list, heights: list, variant, *, start=0, shared=None):
        super().__init__()
        self._header, self._data, self._heights, self._variant, self._start = header, data, heights, variant, start
        if shared is None:
            head = _table(header, [], [], variant, with_header=True)
            ends, total = [], 0
            for height in heights:
                total += height
                ends.append(total)
            shared = {"head": head.wrap(WIDTH, PAGE[1])[1], "ends": ends}
        self._shared = shared
        self.width = sum(BLANK_WIDTHS if variant == BLANK else RECAP_WIDTHS)

    def _rows_height(self, start, stop):
        ends = self._shared["ends"]
        return ends[stop - 1] - (ends[start - 1] if start else 0)

    def _page(self, stop):
        return _table(self._header, self._data[self._start:stop], self._heights[self._start:stop], self._variant,
                      with_header=True)

    def wrap(self, avail_width, avail_height):
        self.height = self._shared["head"] + self._rows_height(self._start, len(self._data))
        return self.width, self.height

    def split(self, avail_width, avail_height):
        room = avail_height - self._shared["head"]
        stop = self._start
        while stop < len(self._data) and self._heights[stop] <= room:
            room -= self._heights[stop]
            stop += 1
        if stop == self._start:
            frame = getattr(self, "_frame", None)
            if frame is None or not frame._atTop:
                return []  # not even one row here: all to the next page
            stop += 1  # a row taller than a page: let it run over rather than never place it
        if stop == len(self._data):
            return [self._page(stop)]
        return [self._page(stop), _PagedRows(self._header, self._data, self._heights, self._variant, start=stop,
                                             shared=self._shared)]

    def draw(self):
        table = self._page(len(self._data))
        table.wrap(self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def _tabled_story(header: SheetHeader, styles, variant) -> list:
    """The table of people, its last rows kept with the closing (see _TableEnd)."""
    data, heights = _data(header, styles, variant)
    cut = max(len(data) - KEEP_WITH_SIGNATURE, 0)
    closing = _closing(header, styles, variant)
    headed = [_table(header, data[cut:], heights[cut:], variant, with_header=True)] + closing
    if not cut:
        return [_TableEnd(plain=headed, headed=headed)]
    plain = [_table(header, data[cut:], heights[cut:], variant, with_header=False)] + closing
    return [_PagedRows(header, data[:cut], heights[:cut], variant), _TableEnd(plain=plain, headed=headed)]


def attendance_sheet_pdf(header: SheetHeader, *, variant: str = BLANK) -> bytes:
    """The Daftar Hadir as PDF bytes: ``blank`` to sign on the day, ``recap`` with the statuses filled in."""
    if variant not in (BLANK, RECAP):
        raise ValueError(f"unknown variant {variant!r}")
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    name = "Daftar Hadir" if variant == BLANK else "Rekapitulasi Kehadiran"
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=f"{name} - {header.title}", author=header.institution,
                            subject=f"{header.program} - {header.stage}", lang="id",
                            # Otherwise every page still lists Helvetica, though no text uses it.
                            initialFontName=REGULAR, initialFontSize=FONT_SIZE)
    story = _header_flowables(header, styles, variant) + _tabled_story(header, styles, variant)
    doc.build(story, canvasmaker=_numbered_canvas(header, variant))
    return buffer.getvalue()


def short_region(name: str) -> str:
    """'Kabupaten Kotawaringin Timur' -> 'Kab. Kotawaringin Timur', as official documents abbreviate it."""
    return "Kab. " + name[len("Kabupaten "):] if name.startswith("Kabupaten ") else name


def session_time_id(session) -> str:
    """The session's time in its own zone; a national online plenary's in all three zones."""
    if session.is_national_online:
        return time_range_all_zones(session.starts_at, session.ends_at)
    return time_range_id(session.starts_at, session.ends_at, zoneinfo.ZoneInfo(session.time_zone))


def sheet_for_session(session, entries, policy, *, letterhead: Letterhead | None = None,
                      with_nip: bool = True) -> SheetHeader:
    """The sheet's data from a session and its roster (``selectors.roster``), without any query.

    Without ``with_nip`` (a reader who may not see personal data) the NIP column is left for people to fill in.
    """
    zone = zoneinfo.ZoneInfo(session.time_zone)
    first, last = (timezone.localtime(session.starts_at, zone).date(),
                   timezone.localtime(session.ends_at, zone).date())
    date = long_date_id(first) if first == last else f"{long_date_id(first)} – {long_date_id(last)}"
    stage = session.stage
    rows = []
    for entry in entries:
        attendance = entry.attendance
        position = "\n".join(part for part in ("Narasumber", entry.position) if part) if entry.is_mentor \
            else entry.position
        rows.append(SheetRow(
            name=entry.name, nip=entry.nip if with_nip else "", position=position, agency=entry.agency,
            region=short_region(entry.region), status=attendance.status if attendance else "",
            # Every way of marking that knows a time (check-in, imported report) left it here.
            time=(f"{timezone.localtime(attendance.checked_in_at, zone):%H.%M}"
                  if attendance and attendance.checked_in_at else ""),
            note=attendance.note if attendance else ""))
    return SheetHeader(
        program=stage.program.name, institution=stage.program.institution,
        stage=f"Tahap {stage.roman}: {stage.title}", title=session.title, date=date,
        time=session_time_id(session), place=place_id(session.venue, session.meeting_url),
        zone=session.zone_label, official_name=policy.official_name, official_position=policy.official_position,
        official_nip=policy.official_nip, signed_place=policy.place, signed_at=long_date_id(last, with_day=False),
        cancelled=session.is_cancelled, cancel_reason=session.cancel_reason, letterhead=letterhead, rows=rows)
