"""The deck's column chart drawn as SVG, for the HTML slides.

The deck shows a chart as a native PowerPoint column chart (`chapbook.deck.chart`);
the HTML slides draw the same thing: a column per label in the data's order, the
gridlines of the one axis every output shares (`ChartData.axis`), labels of 14 pt
turned upright when there are more than eight, highlighted columns in the accent
colour with their value above them. Sizes are in the slide's CSS pixels (4/3 of a
point), text is measured in the deck's measuring font, and colours are left to the
stylesheet (classes), so the theme's colours reach the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from chapbook.charts.axis import tick_label
from chapbook.plan.fit import DEFAULT_FONT, text_width
from chapbook.plan.schema import ChartData

LABEL_PT = 14  # as the deck's chart
PX_PER_PT = 4 / 3
LABEL_PX = LABEL_PT * PX_PER_PT
UPRIGHT_AFTER = 8  # more labels than this are turned upright, as in the deck
GAP = 0.45  # space between columns, as a share of a column's slot (the deck's gap width)
MAX_UPRIGHT_SHARE = 0.35  # of the height, at most, for upright labels
ELLIPSIS = "…"


@dataclass(frozen=True)
class _Plot:
    """Where the columns go, in px: from `left` to `width` across, `top` to `bottom` down."""

    data: ChartData
    width: float
    left: float
    top: float
    bottom: float  # where the category labels start
    upright: bool
    font: str

    @property
    def slot(self) -> float:
        return (self.width - self.left) / max(1, len(self.data.labels))

    @property
    def base(self) -> float:
        """Where columns start: the axis minimum on a timeline, zero for bars."""
        axis = self.data.axis
        return self.y(axis.low if self.data.chart_type == "timeline"
                      else min(max(0.0, axis.low), axis.high))

    def y(self, value: float) -> float:
        axis = self.data.axis
        span = (axis.high - axis.low) or 1.0
        return self.bottom - (min(max(value, axis.low), axis.high) - axis.low) / span * \
            (self.bottom - self.top)


def column_chart_svg(data: ChartData, width: float, height: float,
                     font: str = DEFAULT_FONT) -> Markup:
    """The chart as an `<svg>` `width` x `height` px, described by its alt text."""
    ticks = data.axis.ticks
    tick_text = [tick_label(t, data.axis.step, data.chart_type == "timeline") for t in ticks]
    upright = len(data.labels) > UPRIGHT_AFTER
    left = max((_width(t, font) for t in tick_text), default=0.0) + 12
    if upright:
        labels = [_fit(label, height * MAX_UPRIGHT_SHARE, font) for label in data.labels]
        label_room = max((_width(t, font) for t in labels), default=0.0) + 14
    else:
        slot = (width - left) / max(1, len(data.labels))
        labels = [_fit(label, slot - 6, font) for label in data.labels]
        label_room = LABEL_PX * 1.3 + 14
    # Room above the columns for a highlighted value.
    plot = _Plot(data, width, left, LABEL_PX * 1.6, height - label_room, upright, font)
    alt = escape(data.alt or data.caption)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="slide-chart" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{alt}" '
             f'font-size="{LABEL_PX:.2f}">', f"<title>{alt}</title>"]
    for tick, text in zip(ticks, tick_text, strict=True):
        ty = plot.y(tick)
        parts.append(f'<line class="grid" x1="{left:.1f}" y1="{ty:.1f}" x2="{width:.0f}" '
                     f'y2="{ty:.1f}"/><text class="tick" x="{left - 10:.1f}" '
                     f'y="{ty + LABEL_PX * 0.35:.1f}" text-anchor="end">{escape(text)}</text>')
    parts += [_column(plot, i, label) for i, label in enumerate(labels)]
    parts.append(f'<line class="axis" x1="{left:.1f}" y1="{plot.base:.1f}" x2="{width:.0f}" '
                 f'y2="{plot.base:.1f}"/></svg>')
    return Markup("".join(parts))


def _column(plot: _Plot, i: int, label: str) -> str:
    """One column, its label and (highlighted) its value."""
    data, base = plot.data, plot.base
    width = plot.slot * (1 - GAP)
    x = plot.left + plot.slot * i + plot.slot * GAP / 2
    vy, cx = plot.y(data.values[i]), x + width / 2
    highlight = data.highlights[i]
    mark = " highlight" if highlight else ""
    out = [f'<rect class="bar{mark}" x="{x:.1f}" y="{min(vy, base):.1f}" width="{width:.1f}" '
           f'height="{abs(base - vy):.1f}"/>']
    if plot.upright:
        lx, ly = cx + LABEL_PX * 0.35, plot.bottom + 10
        out.append(f'<text class="label{mark}" x="{lx:.1f}" y="{ly:.1f}" text-anchor="end" '
                   f'transform="rotate(-90 {lx:.1f} {ly:.1f})">{escape(label)}</text>')
    else:
        out.append(f'<text class="label{mark}" x="{cx:.1f}" '
                   f'y="{plot.bottom + LABEL_PX * 1.2:.1f}" text-anchor="middle">'
                   f"{escape(label)}</text>")
    if highlight:
        shown = data.displays[i]
        anchor = "end" if cx + _width(shown, plot.font, True) / 2 > plot.width else "middle"
        out.append(f'<text class="value" x="{cx:.1f}" y="{min(vy, base) - 8:.1f}" '
                   f'text-anchor="{anchor}">{escape(shown)}</text>')
    return "".join(out)


def data_table(data: ChartData) -> Markup:
    """The chart's numbers as a table in a `div.chart-data`, for screen readers (the
    slides hide it from the eye)."""
    rows = "".join(f"<tr><th scope=\"row\">{escape(label)}</th><td>{escape(shown)}</td></tr>"
                   for label, shown in zip(data.labels, data.displays, strict=True))
    head = (f"<thead><tr><th scope=\"col\">{escape(data.label_name)}</th>"
            f"<th scope=\"col\">{escape(data.value_name)}</th></tr></thead>")
    return Markup(f'<div class="chart-data"><table>{head}<tbody>{rows}</tbody></table></div>')


def _width(text: str, font: str, bold: bool = False) -> float:
    """Width in px of `text` at the label size, in the deck's measuring font."""
    return text_width(text, LABEL_PT, bold, font) * PX_PER_PT


def _fit(text: str, room: float, font: str) -> str:
    """`text`, or as much of it as fits `room` px followed by an ellipsis."""
    if _width(text, font) <= room:
        return text
    while text and _width(text + ELLIPSIS, font) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
