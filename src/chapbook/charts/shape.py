"""Which drawing a chart gets, decided once for the deck, the booklet and the handout.

`bar` and `timeline` charts are horizontal bars, a row per label, when there are few
enough labels for each row to hold 14-pt text on a slide, and columns when there are
more; `line` charts join their points (over a numeric or date axis when the labels are
numbers or dates, else over the labels in order); `scatter` charts plot points over a
numeric axis.
"""

from __future__ import annotations

MAX_ROWS = 12  # more labels than this: columns instead of horizontal bars


def chart_shape(chart_type: str, count: int, numeric_x: bool = False) -> str:
    """"bars", "columns", "line" (over categories), "xy-line" or "scatter"."""
    if chart_type == "scatter":
        return "scatter"
    if chart_type == "line":
        return "xy-line" if numeric_x else "line"
    return "bars" if count <= MAX_ROWS else "columns"


def axis_title(name: str) -> str:
    """A CSV header as an axis title: its first letter capitalised, the rest as written."""
    name = " ".join(name.split())
    return name[:1].upper() + name[1:]
