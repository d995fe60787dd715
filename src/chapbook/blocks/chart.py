"""Charts from a CSV in `data/`: a vector drawing in the booklet, a native, editable chart
in the deck, numbered as figures. `::: {.chart src="data/x.csv" type="timeline"}`.

Types: `timeline` (dates), `bar` (numbers), `line` (numbers joined in order: over the
labels' own axis when they are numbers or dates, a curve of measurements) and `scatter`
(numbers against numbers). The columns' headers title the axes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from markupsafe import Markup

from chapbook.charts.axis import Axis, measure_axis, span_axis, value_axis
from chapbook.errors import ContentError, TemplateError
from chapbook.plan.schema import ChartData

KIND = "chart"
NODES: tuple[str, ...] = ()
DIVS = ("chart",)
TYPES = ("timeline", "bar", "line", "scatter")


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float  # a number, or a date as a decimal year
    display: str  # how the value is written: `12 July 1935`, `1 200`
    highlight: bool = False
    x: float | None = None  # the label as a number (a date as a decimal year): line, scatter


@dataclass(frozen=True)
class Chart:
    """`timeline` charts place dates on a year axis; `bar` charts plot numbers; `line` and
    `scatter` charts plot numbers along `x_axis` when the labels are numbers or dates."""

    kind: ClassVar[str] = KIND
    chart_type: str
    src: str
    label_name: str
    value_name: str
    points: tuple[ChartPoint, ...]
    axis: Axis
    caption_html: Markup
    caption_text: str
    alt: str
    number: int | None
    id: str
    line: int
    title: str = ""  # the slide's title; the caption when empty
    x_axis: Axis | None = None  # for line and scatter charts over numeric labels


def convert(node, ctx, *, numbered: bool, terms: bool, attrs=None) -> Chart:
    from chapbook.read.assets import resolve_in_folder
    from chapbook.read.data import read_csv

    line = ctx.line(node)
    options = attrs.attrs
    ref = options.get("src", "").strip()
    if not ref:
        raise ctx.error(node, 'a chart needs its data: {.chart src="data/file.csv"}')
    path = resolve_in_folder(ref, ctx.root, ctx.source, line, "chart data")
    table = read_csv(path, ref)
    columns = table.header
    label_name = options.get("label", columns[0])
    value_name = options.get("value", columns[1] if len(columns) > 1 else "")
    for name in (label_name, value_name):
        if name not in columns:
            raise ctx.error(node, f"chart: {ref} has no column {name!r} "
                            f"(columns: {', '.join(columns)})")
    points, chart_type = _points(table, path, label_name, value_name, options, node, ctx)
    caption_html, caption_text = _caption(node, ctx)
    number = ctx.number("figure") if numbered else None
    values = [p.value for p in points]
    xs = [p.x for p in points if p.x is not None]
    axis = (measure_axis(values) if chart_type in ("line", "scatter")
            else value_axis(values, chart_type == "timeline"))
    return Chart(
        chart_type=chart_type, src=ref, label_name=label_name, value_name=value_name,
        points=points, axis=axis, x_axis=span_axis(xs) if len(xs) == len(points) else None,
        caption_html=caption_html, caption_text=caption_text,
        alt=ctx.typeset(options.get("alt", "").strip()),
        number=number, id=attrs.id or (f"fig-{number}" if number else f"chart-{line}"),
        line=line,
        title=ctx.typeset(options.get("title", "").strip()),
    )


def _caption(node, ctx) -> tuple[Markup, str]:
    html, text = Markup(""), ""
    for child in node.children:
        if child.type == "paragraph":
            h, t = ctx.inline(child.children[0], terms=False)
            html = Markup(f"{html} {h}".strip())
            text = f"{text} {t}".strip()
    return html, text


def _points(table, path: Path, label_name: str, value_name: str, options, node,
            ctx) -> tuple[tuple[ChartPoint, ...], str]:
    from chapbook.read.data import as_date

    chart_type = options.get("type", "")
    if chart_type not in ("", *TYPES):
        raise ctx.error(node, f"chart type {chart_type!r}: use {', '.join(TYPES[:-1])} or "
                        f"{TYPES[-1]}")
    li, vi = table.column(label_name), table.column(value_name)
    first = table.rows[0][vi] if table.rows else ""
    chart_type = chart_type or ("timeline" if as_date(first) else "bar")
    highlight = {h.strip() for h in options.get("highlight", "").split(",") if h.strip()}
    points = []
    numeric = chart_type in ("line", "scatter") and all(
        _x(row[li]) is not None for row in table.rows)
    for number, row in zip(table.lines, table.rows, strict=True):
        value, display = _value(row[vi], chart_type, value_name, path, number, ctx.meta.lang)
        x = _x(row[li]) if numeric else None
        if chart_type == "scatter" and x is None:
            raise ContentError(f"{row[li]!r} in column {label_name!r} is not a number or a "
                               "date: a scatter chart plots numbers against numbers", path,
                               number)
        points.append(ChartPoint(row[li], value, display, row[li] in highlight, x))
    if not points:
        raise ContentError("no data rows to chart", path, 2)
    unknown = highlight - {p.label for p in points}
    if unknown:
        raise ctx.error(node, f"chart: highlight {sorted(unknown)[0]!r} is not a "
                        f"{label_name} in {path.name}")
    return tuple(points), chart_type


def _value(cell: str, chart_type: str, column: str, path: Path, row: int,
           lang: str) -> tuple[float, str]:
    """(value, how it is written) of one cell, or an error naming the CSV row."""
    from chapbook.read.data import (
        as_date,
        as_number,
        date_problem,
        decimal_year,
        number_problem,
    )
    from chapbook.text.labels import format_date

    if chart_type == "timeline":
        date = as_date(cell)
        if date is None:
            raise ContentError(f"{cell!r} in column {column!r} is not a date like 1935-07-12",
                               path, row)
        if problem := date_problem(date):
            raise ContentError(f"{cell!r} in column {column!r} {problem}", path, row)
        return decimal_year(date), format_date(date, lang)
    value = as_number(cell)
    if value is None:
        raise ContentError(f"{cell!r} in column {column!r} is not a number", path, row)
    if problem := number_problem(value):
        raise ContentError(f"{cell[:20]!r}… in column {column!r} {problem}", path, row)
    return value, cell


def _x(cell: str) -> float | None:
    """A label as a position along x: a number, or a date as a decimal year."""
    from chapbook.read.data import as_date, as_number, date_problem, decimal_year, number_problem

    date = as_date(cell)
    if date is not None:
        return None if date_problem(date) else decimal_year(date)
    value = as_number(cell)
    return None if value is None or number_problem(value) else value


def own_text(block: Chart) -> str:
    return block.caption_text or block.alt


def children(block: Chart) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    header = [reader.text(c) for c in element.xpath("./table/thead/tr/th")]
    rows = element.xpath("./table/tbody/tr")
    try:
        values = tuple(float(tr.xpath("./td")[1].get("data-value")) for tr in rows)
        axis = Axis(float(element.get("data-axis-min")), float(element.get("data-axis-max")),
                    float(element.get("data-axis-step")))
        xs = tuple(float(x) for tr in rows if (x := tr.xpath("./td")[0].get("data-x")))
        x_axis = Axis(float(element.get("data-x-axis-min")),
                      float(element.get("data-x-axis-max")),
                      float(element.get("data-x-axis-step"))) if xs else None
    except (TypeError, ValueError, IndexError):
        raise TemplateError("slide plan: a chart needs data-value on each value cell and "
                            "data-axis-min/max/step on its figure (data-x and "
                            "data-x-axis-min/max/step with numeric labels)") from None
    caption = element.find("figcaption")
    return [ChartData(
        chart_type=element.get("data-chart-type", "bar"),
        label_name=header[0] if header else "",
        value_name=header[1] if len(header) > 1 else "",
        labels=tuple(reader.text(tr.xpath("./td")[0]) for tr in rows),
        values=values,
        displays=tuple(reader.text(tr.xpath("./td")[1]) for tr in rows),
        highlights=tuple("highlight" in (tr.get("class") or "") for tr in rows),
        axis=axis,
        caption=reader.text(caption) if caption is not None else "",
        alt=element.get("aria-label", ""),
        xs=xs if len(xs) == len(rows) else (),
        x_axis=x_axis if len(xs) == len(rows) else None,
    )]
