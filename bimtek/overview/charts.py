"""Small SVG charts drawn on the server: no JavaScript, no library, readable without colour.

Every series has its own fill pattern as well as its own colour (solid,
stripes, cross-hatch, dots), numbers are written on the bars, and the chart
carries a title and a description for screen readers; pages show the same
numbers in a table next to it.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from bimtek.formats import percent_text

# (fill colour, pattern kind); each tells itself apart in greyscale and on paper too.
SERIES_STYLES = {
    "ok": ("#1b6e3a", "solid"),
    "info": ("#0b5394", "stripes"),
    "bad": ("#a1262b", "cross"),
    "neutral": ("#6b7383", "dots"),
}


def _patterns(chart_id):
    """One <pattern> per style, ids prefixed with ``chart_id`` so several charts can share a page."""
    parts = []
    for name, (colour, kind) in SERIES_STYLES.items():
        pattern_id = f"{chart_id}-{name}"
        if kind == "solid":
            body = f'<rect width="8" height="8" fill="{colour}"/>'
        elif kind == "stripes":
            body = (f'<rect width="8" height="8" fill="{colour}"/>'
                    f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="1.6"/>')
        elif kind == "cross":
            body = (f'<rect width="8" height="8" fill="{colour}"/>'
                    f'<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.4"/>')
        else:
            body = (f'<rect width="8" height="8" fill="#ffffff"/>'
                    f'<circle cx="4" cy="4" r="1.6" fill="{colour}"/>')
        parts.append(f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>')
    return "<defs>" + "".join(parts) + "</defs>"


def _opening(chart_id, title, description, width, height) -> list:
    """The <svg> element named for screen readers by its title and description, and the fill patterns."""
    return [format_html('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
                        'aria-labelledby="{}-title {}-desc" class="chart">', width, height, chart_id,
                        chart_id),
            format_html('<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>', chart_id, title, chart_id,
                        description),
            mark_safe(_patterns(chart_id))]


def _fill(chart_id, style):
    return f"url(#{chart_id}-{style})"


def stacked_bars(*, chart_id: str, title: str, description: str, rows, series) -> str:
    """Horizontal stacked bars, one per row.

    ``rows``: [(label, {series key: count})]; ``series``: [(key, label, style)]
    with style one of SERIES_STYLES. Counts are written inside segments wide
    enough to hold them; the legend repeats every pattern with its words.
    """
    label_width, bar_width, row_height, gap, top = 76, 330, 30, 10, 8
    legend_y = top + len(rows) * (row_height + gap) + 8
    legend_rows = (len(series) + 1) // 2
    height = legend_y + legend_rows * 26 + 4
    width = label_width + bar_width + 8
    parts = _opening(chart_id, title, description, width, height)
    for index, (label, counts) in enumerate(rows):
        y = top + index * (row_height + gap)
        total = sum(counts.get(key, 0) for key, _label, _style in series)
        parts.append(format_html('<text x="0" y="{}" font-size="14" dominant-baseline="middle" fill="#1d2433">{}'
                                 '</text>', y + row_height / 2, label))
        parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" stroke="#8a93a3"/>',
                                 label_width, y, bar_width, row_height))
        x = label_width
        for key, series_label, style in series:
            count = counts.get(key, 0)
            if not count or not total:
                continue
            segment = bar_width * count / total
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#1d2433" stroke-width="0.75">'
                '<title>{}: {}</title></rect>', f"{x:.1f}", y, f"{segment:.1f}", row_height,
                _fill(chart_id, style), series_label, count))
            if segment >= 24:  # the count on a white tag, legible on any pattern
                tag = 8 + 8 * len(str(count))
                centre = x + segment / 2
                parts.append(format_html(
                    '<rect x="{}" y="{}" width="{}" height="18" rx="3" fill="#ffffff" stroke="#1d2433" '
                    'stroke-width="0.75"/><text x="{}" y="{}" font-size="13" font-weight="700" text-anchor="middle" '
                    'dominant-baseline="central" fill="#1d2433">{}</text>', f"{centre - tag / 2:.1f}",
                    y + row_height / 2 - 9, tag, f"{centre:.1f}", y + row_height / 2, count))
            x += segment
    for index, (_key, series_label, style) in enumerate(series):
        x = label_width + (index % 2) * (bar_width / 2)
        y = legend_y + (index // 2) * 26
        parts.append(format_html('<rect x="{}" y="{}" width="18" height="18" fill="{}" stroke="#1d2433"/>'
                                 '<text x="{}" y="{}" font-size="13" dominant-baseline="central" fill="#1d2433">{}'
                                 '</text>', x, y, _fill(chart_id, style), x + 24, y + 9, series_label))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def percent_bars(*, chart_id: str, title: str, description: str, rows) -> str:
    """Vertical bars of percentages, one per ``rows`` item (label, fraction or None), each with its value."""
    left, bottom, plot_height, bar_width, gap = 44, 30, 160, 56, 28
    width = left + len(rows) * (bar_width + gap) + gap
    height = plot_height + bottom + 24
    top = 16
    parts = _opening(chart_id, title, description, width, height)
    for tick in (0, 50, 100):
        y = top + plot_height * (1 - tick / 100)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d5dae3"/>'
                                 '<text x="{}" y="{}" font-size="12" text-anchor="end" dominant-baseline="middle" '
                                 'fill="#4d5566">{}%</text>', left, width, y, y, left - 6, y, tick))
    for index, (label, fraction) in enumerate(rows):
        x = left + gap + index * (bar_width + gap)
        value = percent_text(fraction)
        bar = 0 if fraction is None else plot_height * min(max(fraction, 0), 1)
        y = top + plot_height - bar
        if bar:
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#1d2433" '
                                     'stroke-width="0.5"><title>{}: {}</title></rect>', x, f"{y:.1f}", bar_width,
                                     f"{bar:.1f}", _fill(chart_id, "info"), label, value))
        parts.append(format_html('<text x="{}" y="{}" font-size="13" font-weight="700" text-anchor="middle" '
                                 'fill="#1d2433">{}</text>', x + bar_width / 2, f"{max(y - 6, 12):.1f}", value))
        parts.append(format_html('<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#1d2433">{}</text>',
                                 x + bar_width / 2, top + plot_height + 20, label))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))
