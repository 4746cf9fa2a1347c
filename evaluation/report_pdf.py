"""The one-page evaluation report of a region (letterhead, scores, strongest and weakest dimension, the
assessors' notes, signature block), and every region's report as one PDF. Always in Indonesian, like the
program's other official documents. Pure apart from reading the program's letter settings."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bimtek.downloads import clean_filename
from bimtek.formats import decimal_text, long_date_id
from bimtek.official import letterhead_flowables, signature_lines
from bimtek.pdf import BOLD, REGULAR, register_fonts
from sessions.selectors import letters as letter_reads
from sessions.selectors.schedule import attendance_policy

MARGIN = 18 * mm
VERTICAL_MARGIN = 14 * mm
# The page's frame less its padding (6 points on each side).
FRAME_HEIGHT = A4[1] - 2 * VERTICAL_MARGIN - 12
WIDTH = A4[0] - 2 * MARGIN
NOTES_MAX = 10  # more would push the report past one page; the scores page shows them all
NOTE_CHARS = 200


def _styles():
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    return {"body": body, "title": ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, alignment=1),
            "sub": ParagraphStyle("sub", parent=body, alignment=1),
            "h": ParagraphStyle("h", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6),
            "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11),
            "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=10.5)}


def _number(value, places=2):
    return decimal_text(value, places) if value is not None else "–"


def _dimension(item):
    if not item:
        return "–"
    return _("%(dimension)s (%(share)s%% of its programs done)") % {"dimension": item[0].name,
                                                                   "share": _number(item[1], 0)}


def _report(round_team, scores, styles, letterhead, settings, place) -> list:
    evaluation_round = round_team.round
    story = letterhead_flowables(letterhead, WIDTH)
    story += [Paragraph(escape(_("EVALUATION REPORT")), styles["title"]),
              Paragraph(escape(f"{round_team.team.region} · {evaluation_round.title}"), styles["sub"]),
              Paragraph(escape(_("Period evaluated: %(start)s – %(end)s") % {
                  "start": long_date_id(evaluation_round.period_start, with_day=False),
                  "end": long_date_id(evaluation_round.period_end, with_day=False)}), styles["sub"]),
              Spacer(1, 4 * mm)]
    change = (round_team.index - round_team.previous_index) if round_team.previous_index is not None else None
    summary = _("Achievement index: %(index)s of 100") % {"index": _number(round_team.index)}
    if change is not None:
        summary += " · " + _("previous: %(previous)s (change %(change)s)") % {
            "previous": _number(round_team.previous_index), "change": ("+" if change >= 0 else "") + _number(change)}
    story.append(Paragraph(f"<b>{escape(summary)}</b>", styles["body"]))
    shares = _("Register programs done: %(programs)s%% · quick wins delivered: %(quick)s%%") % {
        "programs": _number(round_team.programs_done_share, 0), "quick": _number(round_team.quick_wins_done_share, 0)}
    story.append(Paragraph(escape(shares), styles["body"]))
    rows = [[_("Aspect"), _("Weight (%)"), _("Score"), _("Points")]]
    rows += [[Paragraph(escape(f.aspect.name), styles["cell"]), decimal_text(f.aspect.weight, 0), _number(f.score),
              _number(f.contribution)] for f in scores["finals"]]
    rows.append([_("Index"), "100", "", _number(round_team.index)])
    table = Table(rows, colWidths=[WIDTH - 90 * mm, 30 * mm, 30 * mm, 30 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), ("FONT", (0, 0), (-1, 0), BOLD, 9),
                               ("FONT", (0, -1), (-1, -1), BOLD, 9), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f6"))]))
    strongest = _("Strongest dimension: %(dimension)s") % {"dimension": _dimension(scores["strongest"])}
    weakest = _("Weakest dimension: %(dimension)s") % {"dimension": _dimension(scores["weakest"])}
    story += [Spacer(1, 3 * mm), table, Spacer(1, 3 * mm), Paragraph(escape(strongest), styles["body"]),
              Paragraph(escape(weakest), styles["body"])]
    story.append(Paragraph(escape(_("Assessors' notes")), styles["h"]))
    notes = scores["notes"][:NOTES_MAX]
    for note in notes:
        text = note.note if len(note.note) <= NOTE_CHARS else note.note[:NOTE_CHARS] + "…"
        story.append(Paragraph(f"<b>{escape(note.aspect.name)}</b> ({escape(str(note.assessment.assessor))}): "
                               f"{escape(text)}", styles["small"]))
    if not notes:
        story.append(Paragraph(escape(_("No notes.")), styles["small"]))
    lines, width = signature_lines(
        place_and_date=f"{place}, {long_date_id(timezone.localdate(), with_day=False)}",
        position=settings.official_position or _("Head of the program"), name=settings.official_name,
        nip=settings.official_nip, max_width=WIDTH / 2)
    block = Table([["", lines]], colWidths=[WIDTH - width, width])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 5 * mm), block]
    return story


def reports_pdf(reports, program) -> bytes:
    """[(round team, its scores from evaluation.selectors.results)] as one PDF, one page per region."""
    register_fonts()
    styles = _styles()
    letterhead = letter_reads.letterhead(program)
    settings = letter_reads.letter_settings(program)
    place = attendance_policy(program).place or "Jakarta"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=VERTICAL_MARGIN, bottomMargin=VERTICAL_MARGIN,
                                 title=_("Evaluation report"))
    story = []
    with translation.override("id"):
        for number, (round_team, scores) in enumerate(reports):
            if number:
                story.append(PageBreak())
            # A region's report is one page: what would not fit shrinks (long notes), never spills over.
            story.append(KeepInFrame(WIDTH, FRAME_HEIGHT, _report(round_team, scores, styles, letterhead, settings,
                                                                  place), mode="shrink"))
        if not story:
            story.append(Paragraph(escape(_("No team of this round is finalised yet.")), styles["body"]))
        document.build(story)
    return buffer.getvalue()


def team_report_pdf(round_team, scores) -> bytes:
    return reports_pdf([(round_team, scores)], round_team.round.program)


def report_filename(round_team) -> str:
    return clean_filename(f"Laporan evaluasi {round_team.team.region}.pdf")
