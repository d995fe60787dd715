"""Charts drawn as SVG for the booklet (the deck gets native, editable pptx charts).

A chart is a horizontal bar per row, in the CSV's order: timelines run from the
axis start to each date, bar charts from zero. Highlighted rows take the accent
colour and show their value. The SVG scales to the text column; sizes are in
millimetres of an A5 column, so type stays at about 8 pt there.

Text is measured with the advance widths of the Biolinum the SVG is set in, so
the label column is as wide as the longest label needs (up to 45 % of the
width) and the axis leaves room for the values written after the bars. A label
that still does not fit is shortened with an ellipsis: nothing runs off the
drawing. The SVG declares Biolinum itself, so it is set in it wherever it is
drawn, the handout included.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from chapbook.blocks import Chart, ChartPoint
from chapbook.charts.axis import tick_label
from chapbook.plan.schema import ChartData
from chapbook.templates import bundled_templates

WIDTH = 115.0  # viewBox units: millimetres of an A5 text column
ROW = 4.3
BAR = 2.7
FONT = 2.85  # about 8 pt at A5
TOP = 5.0
BOTTOM = 8.0
MARGIN = 0.6  # kept clear at the left and right edges
LABEL_GAP = 1.5  # between a label and the axis start
VALUE_GAP = 1.2  # between a bar's end and its value
MAX_LABEL_SHARE = 0.45  # of the width, at most, for the label column
MAX_VALUE_SHARE = 0.25  # of the width, at most, for a highlighted value
TICK_GAP = 1.5  # at least this much between neighbouring tick labels
ELLIPSIS = "\u2026"
INK, MUTED, GRID, BAR_FILL, ACCENT = "#1d1d1b", "#5b5b57", "#e3e0d8", "#8a94a0", "#8b2323"
FONT_FILES = {False: "LinBiolinum_R.otf", True: "LinBiolinum_RB.otf"}
FALLBACK_EM = 0.62  # per character, when the font file is missing: wider than Biolinum


def plan_chart_svg(data: ChartData) -> Markup:
    """The same drawing from the deck plan's chart data (for the handout)."""
    points = tuple(ChartPoint(label, value, display, highlight) for label, value, display,
                   highlight in zip(data.labels, data.values, data.displays, data.highlights,
                                    strict=True))
    return chart_svg(Chart(chart_type=data.chart_type, src="", label_name=data.label_name,
                           value_name=data.value_name, points=points, axis=data.axis,
                           caption_html=Markup(escape(data.caption)),
                           caption_text=data.caption, alt=data.alt, number=None, id="",
                           line=0))


def chart_svg(chart: Chart) -> Markup:
    """The chart as an inline SVG element, described for screen readers by its alt text."""
    labels = [fit_text(p.label, WIDTH * MAX_LABEL_SHARE - MARGIN, p.highlight)
              for p in chart.points]
    label_column = max(text_width(t, p.highlight) for t, p in zip(labels, chart.points,
                                                                  strict=True))
    values = {i: fit_text(p.display, WIDTH * MAX_VALUE_SHARE, True)
              for i, p in enumerate(chart.points) if p.highlight}
    value_room = max((VALUE_GAP + text_width(v, True) for v in values.values()), default=0.0)

    timeline = chart.chart_type == "timeline"
    low, high, step = chart.axis.low, chart.axis.high, chart.axis.step
    ticks = chart.axis.ticks
    tick_labels = [tick_label(t, step, timeline) for t in ticks]
    first_half = text_width(tick_labels[0]) / 2 if ticks else 0.0
    last_half = text_width(tick_labels[-1]) / 2 if ticks else 0.0
    left = MARGIN + max(label_column + LABEL_GAP, first_half)
    right = WIDTH - MARGIN - max(value_room, last_half)
    height = TOP + ROW * len(chart.points) + BOTTOM

    def x(value: float) -> float:
        return left + (value - low) / (high - low or 1) * (right - left)

    alt = escape(chart.alt or chart.caption_text)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:.1f}" '
        f'width="100%" role="img" aria-label="{alt}" '
        f'font-family="Biolinum, sans-serif" font-size="{FONT}">',
        f"<title>{alt}</title>",
    ]
    bottom = TOP + ROW * len(chart.points)
    every = _label_every(ticks, tick_labels, x)
    for n, (tick, label) in enumerate(zip(ticks, tick_labels, strict=True)):
        tx = x(tick)
        parts.append(f'<line x1="{tx:.2f}" y1="{TOP - 1:.2f}" x2="{tx:.2f}" y2="{bottom:.2f}" '
                     f'stroke="{GRID}" stroke-width="0.2"/>')
        if (len(ticks) - 1 - n) % every == 0:  # the axis maximum always keeps its label
            parts.append(f'<text x="{tx:.2f}" y="{bottom + 4:.2f}" text-anchor="middle" '
                         f'fill="{MUTED}">{escape(label)}</text>')
    zero = max(low, 0) if chart.chart_type == "bar" else low
    for i, point in enumerate(chart.points):
        y = TOP + ROW * i
        baseline = y + ROW / 2 + FONT * 0.35
        colour = ACCENT if point.highlight else BAR_FILL
        weight = ' font-weight="bold"' if point.highlight else ""
        parts.append(f'<text x="{left - LABEL_GAP:.2f}" y="{baseline:.2f}" '
                     f'text-anchor="end" fill="{ACCENT if point.highlight else INK}"{weight}>'
                     f"{escape(labels[i])}</text>")
        x0, x1 = x(zero), x(point.value)
        parts.append(f'<rect x="{min(x0, x1):.2f}" y="{y + (ROW - BAR) / 2:.2f}" '
                     f'width="{abs(x1 - x0):.2f}" height="{BAR}" fill="{colour}"/>')
        if point.highlight:  # after the bar's end, or after zero for a negative bar
            parts.append(f'<text x="{max(x0, x1) + VALUE_GAP:.2f}" y="{baseline:.2f}" '
                         f'fill="{ACCENT}" font-weight="bold">{escape(values[i])}</text>')
    parts.append(f'<line x1="{left:.2f}" y1="{bottom:.2f}" x2="{right:.2f}" y2="{bottom:.2f}" '
                 f'stroke="{MUTED}" stroke-width="0.3"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


# --- measuring text -------------------------------------------------------------------


def _font_path(bold: bool) -> Path:
    return bundled_templates() / "booklet" / "fonts" / FONT_FILES[bold]


def _font(bold: bool):
    return _load(str(_font_path(bold)))


@lru_cache(maxsize=4)
def _load(path: str):
    from PIL import ImageFont

    return ImageFont.truetype(path, 100) if Path(path).is_file() else None


def _advance(char: str, bold: bool) -> float:
    """Advance width of one character, in ems."""
    return _char_advance(char, str(_font_path(bold)))


@lru_cache(maxsize=4096)
def _char_advance(char: str, path: str) -> float:
    font = _load(path)
    return font.getlength(char) / 100 if font is not None else FALLBACK_EM


def text_width(text: str, bold: bool = False) -> float:
    """Width of `text` in viewBox units at the chart's type size.

    WeasyPrint sets SVG text a character at a time, without kerning, so the
    width is the sum of the characters' advances (never less than the kerned
    width of the whole string, whatever renders it).
    """
    if not text:
        return 0.0
    ems = sum(_advance(c, bold) for c in text)
    font = _font(bold)
    if font is not None:
        ems = max(ems, font.getlength(text) / 100)
    return ems * FONT


def fit_text(text: str, width: float, bold: bool = False) -> str:
    """`text`, or as much of it as fits in `width` followed by an ellipsis."""
    if text_width(text, bold) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(text[:mid].rstrip() + ELLIPSIS, bold) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


# --- the axis -----------------------------------------------------------------------------


def _label_every(ticks: list[float], labels: list[str], x) -> int:
    """Label every tick, or every second, fifth... when their labels would touch."""
    if len(ticks) < 2:
        return 1
    spacing = x(ticks[1]) - x(ticks[0])
    widest = max(text_width(label) for label in labels)
    for every in (1, 2, 5, 10):
        if spacing * every >= widest + TICK_GAP:
            return every
    return len(ticks)
