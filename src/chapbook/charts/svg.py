"""Charts drawn as SVG for the booklet and the handout: the deck's chart, in print.

Which drawing a chart gets is decided once for every output (`charts.shape`): few
labels make horizontal bars, drawn here, a row per label in the CSV's order (timelines
run from the axis start to each date, bar charts from zero); many labels make columns,
and line and scatter charts join or plot points (`charts.plot`). Both title their axes
with the CSV's headers. Highlighted rows take the accent colour and show their value,
the rest a tint of it. The SVG scales to the text column; sizes are in millimetres of
an A5 column, so type stays at about 8 pt there.

Text is measured with the advance widths of the Biolinum the SVG is set in
(`charts.text`), so the label column is as wide as the longest label needs (up to 45 %
of the width) and the axis leaves room for the values written after the bars. A label
that still does not fit is shortened with an ellipsis: nothing runs off the drawing.
The SVG declares Biolinum itself, so it is set in it wherever it is drawn, the handout
included.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from chapbook.blocks import Chart, ChartPoint
from chapbook.charts.axis import tick_label
from chapbook.charts.palette import DEFAULT, Palette
from chapbook.charts.plot import ACCENT, GRID, INK, MUTED, PLOT_H, TINT, plot_svg
from chapbook.charts.shape import axis_title, chart_shape
from chapbook.charts.text import ELLIPSIS, FONT, fit_text, text_width
from chapbook.plan.schema import ChartData

WIDTH = 115.0  # viewBox units: millimetres of an A5 text column
ROW = 4.3
BAR = 2.7
TOP = 5.0
BOTTOM = 8.0
TITLE_ROOM = FONT + 1.4  # below the tick labels, for the value axis's title
MARGIN = 0.6  # kept clear at the left and right edges
LABEL_GAP = 1.5  # between a label and the axis start
VALUE_GAP = 1.2  # between a bar's end and its value
MAX_LABEL_SHARE = 0.45  # of the width, at most, for the label column
MAX_VALUE_SHARE = 0.25  # of the width, at most, for a highlighted value
TICK_GAP = 1.5  # at least this much between neighbouring tick labels
SLIDE_PLOT_H = 34.0  # a plot's height drawn for a slide (the handout): wide, as the deck's
BAR_FILL = TINT  # bars not highlighted, beside one that is
__all__ = ["ACCENT", "BAR", "BAR_FILL", "ELLIPSIS", "FONT", "GRID", "INK", "MUTED", "WIDTH",
           "chart_svg", "fit_text", "plan_chart_svg", "text_width"]


def plan_chart_svg(data: ChartData) -> Markup:
    """The same drawing from the deck plan's chart data (for the handout)."""
    xs = data.xs or (None,) * len(data.labels)
    points = tuple(ChartPoint(label, value, display, highlight, x) for label, value, display,
                   highlight, x in zip(data.labels, data.values, data.displays,
                                       data.highlights, xs, strict=True))
    return chart_svg(Chart(chart_type=data.chart_type, src="", label_name=data.label_name,
                           value_name=data.value_name, points=points, axis=data.axis,
                           caption_html=Markup(escape(data.caption)),
                           caption_text=data.caption, alt=data.alt, number=None, id="",
                           line=0, x_axis=data.x_axis), SLIDE_PLOT_H)


def chart_svg(chart: Chart, plot_height: float = PLOT_H, palette: Palette = DEFAULT) -> Markup:
    """The chart as an inline SVG element, described for screen readers by its alt text;
    in the booklet's colours (`charts.palette`)."""
    shape = chart_shape(chart.chart_type, len(chart.points), chart.x_axis is not None)
    if shape != "bars":
        return plot_svg(chart, shape, plot_height, palette)
    return _bars(chart, palette)


def _bars(chart: Chart, c: Palette = DEFAULT) -> Markup:
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
    value_title = fit_text(axis_title(chart.value_name), right - left)
    label_title = fit_text(axis_title(chart.label_name), WIDTH - 2 * MARGIN)
    height = TOP + ROW * len(chart.points) + BOTTOM + (TITLE_ROOM if value_title else 0)
    highlighted = any(p.highlight for p in chart.points)

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
                     f'stroke="{c.grid}" stroke-width="0.2"/>')
        if (len(ticks) - 1 - n) % every == 0:  # the axis maximum always keeps its label
            parts.append(f'<text x="{tx:.2f}" y="{bottom + 4:.2f}" text-anchor="middle" '
                         f'fill="{c.muted}">{escape(label)}</text>')
    zero = max(low, 0) if chart.chart_type == "bar" else low
    for i, point in enumerate(chart.points):
        y = TOP + ROW * i
        baseline = y + ROW / 2 + FONT * 0.35
        colour = c.accent if point.highlight or not highlighted else c.tint
        weight = ' font-weight="bold"' if point.highlight else ""
        parts.append(f'<text x="{left - LABEL_GAP:.2f}" y="{baseline:.2f}" '
                     f'text-anchor="end" fill="{c.accent if point.highlight else c.ink}"{weight}>'
                     f"{escape(labels[i])}</text>")
        x0, x1 = x(zero), x(point.value)
        parts.append(f'<rect x="{min(x0, x1):.2f}" y="{y + (ROW - BAR) / 2:.2f}" '
                     f'width="{abs(x1 - x0):.2f}" height="{BAR}" fill="{colour}"/>')
        if point.highlight:  # after the bar's end, or after zero for a negative bar
            parts.append(f'<text x="{max(x0, x1) + VALUE_GAP:.2f}" y="{baseline:.2f}" '
                         f'fill="{c.accent}" font-weight="bold">{escape(values[i])}</text>')
    parts.append(f'<line x1="{left:.2f}" y1="{bottom:.2f}" x2="{right:.2f}" y2="{bottom:.2f}" '
                 f'stroke="{c.muted}" stroke-width="0.3"/>')
    if label_title:  # over the labels, from the left edge
        parts.append(f'<text x="{MARGIN:.2f}" y="{TOP - 1.4:.2f}" text-anchor="start" '
                     f'fill="{c.muted}">{escape(label_title)}</text>')
    if value_title:  # under the axis, ending where it ends
        x = right - text_width(value_title)
        parts.append(f'<text x="{x:.2f}" y="{bottom + 4 + TITLE_ROOM:.2f}" '
                     f'text-anchor="start" fill="{c.muted}">{escape(value_title)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


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
