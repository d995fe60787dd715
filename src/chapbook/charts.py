"""Charts drawn as SVG for the booklet (the deck gets native, editable pptx charts).

A chart is a horizontal bar per row, in the CSV's order: timelines run from the
axis start to each date, bar charts from zero. Highlighted rows take the accent
colour and show their value. The SVG scales to the text column; sizes are in
millimetres of an A5 column, so type stays at about 8 pt there.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from chapbook.model import Chart

WIDTH = 115.0  # viewBox units: millimetres of an A5 text column
ROW = 4.3
BAR = 2.7
FONT = 2.85  # about 8 pt at A5
TOP = 5.0
BOTTOM = 8.0
INK, MUTED, GRID, BAR_FILL, ACCENT = "#1d1d1b", "#5b5b57", "#e3e0d8", "#8a94a0", "#8b2323"


def chart_svg(chart: Chart) -> Markup:
    """The chart as an inline SVG element, described for screen readers by its alt text."""
    label_width = min(38.0, max(len(p.label) for p in chart.points) * FONT * 0.52 + 2)
    value_room = max((len(p.display) for p in chart.points if p.highlight), default=0)
    right = WIDTH - 2 - value_room * FONT * 0.5
    left = label_width + 1.5
    height = TOP + ROW * len(chart.points) + BOTTOM

    def x(value: float) -> float:
        span = chart.axis_max - chart.axis_min or 1
        return left + (value - chart.axis_min) / span * (right - left)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.1f}" '
        f'width="100%" role="img" aria-label="{escape(chart.alt or chart.caption_text)}" '
        f'font-family="Biolinum, sans-serif" font-size="{FONT}">',
        f"<title>{escape(chart.alt or chart.caption_text)}</title>",
    ]
    bottom = TOP + ROW * len(chart.points)
    for tick in _ticks(chart.axis_min, chart.axis_max):
        tx = x(tick)
        parts.append(f'<line x1="{tx:.2f}" y1="{TOP - 1:.2f}" x2="{tx:.2f}" y2="{bottom:.2f}" '
                     f'stroke="{GRID}" stroke-width="0.2"/>')
        label = f"{tick:g}" if chart.chart_type == "bar" else f"{int(tick)}"
        parts.append(f'<text x="{tx:.2f}" y="{bottom + 4:.2f}" text-anchor="middle" '
                     f'fill="{MUTED}">{label}</text>')
    for i, point in enumerate(chart.points):
        y = TOP + ROW * i
        colour = ACCENT if point.highlight else BAR_FILL
        weight = ' font-weight="bold"' if point.highlight else ""
        parts.append(f'<text x="{label_width:.2f}" y="{y + ROW / 2 + FONT * 0.35:.2f}" '
                     f'text-anchor="end" fill="{ACCENT if point.highlight else INK}"{weight}>'
                     f"{escape(point.label)}</text>")
        x0, x1 = x(max(chart.axis_min, 0) if chart.chart_type == "bar" else chart.axis_min), \
            x(point.value)
        parts.append(f'<rect x="{min(x0, x1):.2f}" y="{y + (ROW - BAR) / 2:.2f}" '
                     f'width="{abs(x1 - x0):.2f}" height="{BAR}" fill="{colour}"/>')
        if point.highlight:
            parts.append(f'<text x="{x1 + 1.2:.2f}" y="{y + ROW / 2 + FONT * 0.35:.2f}" '
                         f'fill="{ACCENT}" font-weight="bold">{escape(point.display)}</text>')
    parts.append(f'<line x1="{left:.2f}" y1="{bottom:.2f}" x2="{right:.2f}" y2="{bottom:.2f}" '
                 f'stroke="{MUTED}" stroke-width="0.3"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(low: float, high: float) -> list[float]:
    """Axis ticks at a round step giving five to twelve of them."""
    span = high - low or 1
    step = next(s for s in _steps(span) if span / s <= 12)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _steps(span: float):
    power = 10 ** math.floor(math.log10(span / 10)) if span > 10 else 0.1
    while True:
        for m in (1, 2, 5):
            yield m * power
        power *= 10
