"""Columns, lines and points drawn as SVG: the deck's chart, in print, for the booklet and
the handout (horizontal bars are `charts.svg`'s).

A value axis on the left with round ticks and horizontal gridlines, the labels or a
numeric axis along the foot, both titled with the CSV's headers. Labels too wide for
their column are turned upright (reading upwards, as on the slide) and shortened with an
ellipsis past `MAX_LABEL`; highlighted points take the accent and show their value on a
white ground, everything else a tint of it. Sizes are millimetres of an A5 column.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from chapbook.charts.axis import tick_label
from chapbook.charts.palette import DEFAULT, Palette
from chapbook.charts.shape import axis_title
from chapbook.charts.text import FONT, fit_text, text_width

WIDTH = 115.0
MARGIN = 0.6
PLOT_H = 62.0  # the plot area's height
TOP = FONT + 2.5  # above the plot: room for a highlighted value over the highest point
TICK_GAP = 1.2  # between a tick label and its axis
TITLE_GAP = 1.6  # between an axis title and the tick labels
MAX_LABEL = 30.0  # an upright label at most this long
COLUMN_SHARE = 0.7  # of its slot, a column's width
MARKER, BIG_MARKER = 0.9, 1.5
INK, MUTED, GRID = DEFAULT.ink, DEFAULT.muted, DEFAULT.grid
ACCENT, TINT = DEFAULT.accent, DEFAULT.tint  # the accent, and a tint of it for the rest


def plot_svg(chart, shape: str, height: float = PLOT_H, palette: Palette = DEFAULT) -> Markup:
    """`shape`: "columns", "line" (over the labels), "xy-line" or "scatter"; `height`: the
    plot area's (a slide's drawing is wider than tall, as the deck's chart)."""
    plot = _Plot(chart, shape, height, palette)
    return Markup("".join(plot.draw()))


class _Plot:
    def __init__(self, chart, shape: str, height: float = PLOT_H, palette: Palette = DEFAULT):
        self.chart, self.shape, self.plot_h, self.c = chart, shape, height, palette
        self.numeric = shape in ("xy-line", "scatter") and chart.x_axis is not None
        axis = chart.axis
        self.y_labels = [tick_label(t, axis.step, chart.chart_type == "timeline")
                         for t in axis.ticks]
        self.y_title = axis_title(chart.value_name)
        self.x_title = axis_title(chart.label_name)
        self.left = (MARGIN + (FONT + TITLE_GAP if self.y_title else 0)
                     + max(text_width(t) for t in self.y_labels) + TICK_GAP)
        self.right = WIDTH - MARGIN
        if self.numeric:
            x_axis = chart.x_axis
            self.x_labels = [tick_label(t, x_axis.step, False) for t in x_axis.ticks]
            self.right -= text_width(self.x_labels[-1]) / 2
            self.left = max(self.left, MARGIN + text_width(self.x_labels[0]) / 2)
            self.labels: list[str] = []
            self.upright = False
            foot = FONT + TICK_GAP + 0.8
        else:
            slot = (self.right - self.left) / len(chart.points)
            self.labels = [p.label for p in chart.points]
            widest = max(text_width(label, p.highlight)
                         for label, p in zip(self.labels, chart.points, strict=True))
            self.upright = widest > slot * 0.92
            if self.upright:
                self.labels = [fit_text(p.label, MAX_LABEL, p.highlight) for p in chart.points]
                foot = max(text_width(label, p.highlight) for label, p
                           in zip(self.labels, chart.points, strict=True)) + TICK_GAP + 0.8
            else:
                foot = FONT + TICK_GAP + 0.8
        self.bottom = TOP + self.plot_h
        self.height = self.bottom + foot + (FONT + TITLE_GAP if self.x_title else 0) + 0.6
        self.highlighted = any(p.highlight for p in chart.points)

    # -- positions -----------------------------------------------------------------------

    def y(self, value: float) -> float:
        axis = self.chart.axis
        return self.bottom - (value - axis.low) / ((axis.high - axis.low) or 1) * self.plot_h

    def x(self, n: int) -> float:
        point = self.chart.points[n]
        if self.numeric:
            x_axis = self.chart.x_axis
            share = (point.x - x_axis.low) / ((x_axis.high - x_axis.low) or 1)
            return self.left + share * (self.right - self.left)
        slot = (self.right - self.left) / len(self.chart.points)
        return self.left + slot * (n + 0.5)

    # -- drawing -------------------------------------------------------------------------

    def draw(self) -> list[str]:
        chart = self.chart
        alt = escape(chart.alt or chart.caption_text)
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} '
               f'{self.height:.1f}" width="100%" role="img" aria-label="{alt}" '
               f'font-family="Biolinum, sans-serif" font-size="{FONT}">', f"<title>{alt}</title>"]
        out += self._value_axis()
        out += self._numeric_axis() if self.numeric else self._labels()
        out += self._titles()
        out += self._columns() if self.shape == "columns" else self._points()
        out.append(f'<line x1="{self.left:.2f}" y1="{self.bottom:.2f}" x2="{self.right:.2f}" '
                   f'y2="{self.bottom:.2f}" stroke="{self.c.muted}" stroke-width="0.3"/>')
        out.append("</svg>")
        return out

    def _value_axis(self) -> list[str]:
        out = []
        for tick, label in zip(self.chart.axis.ticks, self.y_labels, strict=True):
            ty = self.y(tick)
            out.append(f'<line x1="{self.left:.2f}" y1="{ty:.2f}" x2="{self.right:.2f}" '
                       f'y2="{ty:.2f}" stroke="{self.c.grid}" stroke-width="0.2"/>')
            out.append(f'<text x="{self.left - TICK_GAP:.2f}" y="{ty + FONT * 0.35:.2f}" '
                       f'text-anchor="end" fill="{self.c.muted}">{escape(label)}</text>')
        return out

    def _labels(self) -> list[str]:
        out = []
        for n, (label, point) in enumerate(zip(self.labels, self.chart.points, strict=True)):
            cx = self.x(n)
            colour = self.c.accent if point.highlight else self.c.ink
            weight = ' font-weight="bold"' if point.highlight else ""
            if self.upright:
                px, py = cx + FONT * 0.35, self.bottom + TICK_GAP
                out.append(f'<text x="{px:.2f}" y="{py:.2f}" text-anchor="end" '
                           f'transform="rotate(-90 {px:.2f} {py:.2f})" fill="{colour}"{weight}>'
                           f"{escape(label)}</text>")
            else:
                out.append(f'<text x="{cx:.2f}" y="{self.bottom + TICK_GAP + FONT * 0.8:.2f}" '
                           f'text-anchor="middle" fill="{colour}"{weight}>{escape(label)}</text>')
        return out

    def _numeric_axis(self) -> list[str]:
        x_axis = self.chart.x_axis
        out = []
        for tick, label in zip(x_axis.ticks, self.x_labels, strict=True):
            share = (tick - x_axis.low) / ((x_axis.high - x_axis.low) or 1)
            tx = self.left + share * (self.right - self.left)
            out.append(f'<line x1="{tx:.2f}" y1="{self.bottom:.2f}" x2="{tx:.2f}" '
                       f'y2="{self.bottom + 0.8:.2f}" stroke="{self.c.muted}" stroke-width="0.3"/>')
            out.append(f'<text x="{tx:.2f}" y="{self.bottom + TICK_GAP + FONT * 0.8:.2f}" '
                       f'text-anchor="middle" fill="{self.c.muted}">{escape(label)}</text>')
        return out

    def _titles(self) -> list[str]:
        out = []
        if self.y_title:
            title = fit_text(self.y_title, self.plot_h)
            px, py = MARGIN + FONT * 0.75, TOP + self.plot_h / 2
            out.append(f'<text x="{px:.2f}" y="{py:.2f}" text-anchor="middle" '
                       f'transform="rotate(-90 {px:.2f} {py:.2f})" fill="{self.c.muted}">'
                       f"{escape(title)}</text>")
        if self.x_title:
            title = fit_text(self.x_title, self.right - self.left)
            out.append(f'<text x="{(self.left + self.right) / 2:.2f}" '
                       f'y="{self.height - 0.6 - FONT * 0.25:.2f}" text-anchor="middle" '
                       f'fill="{self.c.muted}">{escape(title)}</text>')
        return out

    def _columns(self) -> list[str]:
        chart = self.chart
        slot = (self.right - self.left) / len(chart.points)
        zero = max(chart.axis.low, 0) if chart.chart_type == "bar" else chart.axis.low
        out, notes = [], []
        for n, point in enumerate(chart.points):
            cx, y0, y1 = self.x(n), self.y(zero), self.y(point.value)
            colour = self.c.accent if point.highlight or not self.highlighted else self.c.tint
            out.append(f'<rect x="{cx - slot * COLUMN_SHARE / 2:.2f}" y="{min(y0, y1):.2f}" '
                       f'width="{slot * COLUMN_SHARE:.2f}" height="{abs(y1 - y0):.2f}" '
                       f'fill="{colour}"/>')
            if point.highlight:
                notes.append(self._value_note(cx, min(y0, y1), point.display))
        return out + notes

    def _points(self) -> list[str]:
        chart = self.chart
        places = [(self.x(n), self.y(p.value)) for n, p in enumerate(chart.points)]
        out = []
        if self.shape != "scatter":
            path = " ".join(f"{px:.2f},{py:.2f}" for px, py in places)
            out.append(f'<polyline points="{path}" fill="none" stroke="{self.c.accent}" '
                       'stroke-width="0.6" stroke-linejoin="round"/>')
        notes = []
        for (px, py), point in zip(places, chart.points, strict=True):
            if point.highlight:
                out.append(f'<circle cx="{px:.2f}" cy="{py:.2f}" r="{BIG_MARKER}" '
                           f'fill="{self.c.accent}"/>')
                notes.append(self._value_note(px, py - BIG_MARKER, point.display))
            else:
                colour = self.c.tint if self.highlighted else self.c.accent
                out.append(f'<circle cx="{px:.2f}" cy="{py:.2f}" r="{MARKER}" fill="{colour}"/>')
        return out + notes

    def _value_note(self, cx: float, top: float, display: str) -> str:
        """A highlighted value over its column or point, on white, inside the drawing."""
        text = fit_text(display, WIDTH * 0.4, True)
        width = text_width(text, True)
        x = min(max(cx - width / 2, MARGIN), WIDTH - MARGIN - width)
        baseline = max(top - 1.0, FONT)
        return (f'<rect x="{x - 0.5:.2f}" y="{baseline - FONT * 0.85:.2f}" '
                f'width="{width + 1:.2f}" height="{FONT * 1.1:.2f}" fill="#ffffff"/>'
                f'<text x="{x:.2f}" y="{baseline:.2f}" text-anchor="start" fill="{self.c.accent}" '
                f'font-weight="bold">{escape(text)}</text>')
