"""Native, editable PowerPoint charts from the slide plan's chart data.

The drawing is the one the booklet and handout show (`charts.shape`): horizontal bars
for a few labels, columns for many, a line, or points; timelines put years on the value
axis. The axes are titled with the CSV's headers and run in the same round steps as the
booklet's. Colours are the theme's first accent: a series in it, or, when some labels
are highlighted, the others in a lighter tint of it, so a corporate template recolours
the chart. Labels are never smaller than 14 pt; many labels are turned upright to fit.
Category names are written as inert text: the embedded workbook never sees a formula,
and what keeps them inert (a zero-width space in front) does not show.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu, Pt

from chapbook.charts.shape import axis_title, chart_shape
from chapbook.deck.pptx_xml import (
    set_description,
    upright_labels,
    value_axis_at_last_category,
)
from chapbook.plan.schema import ChartData

LABEL_PT = 14
UPRIGHT_AFTER = 8  # more categories than this: labels turned upright
SERIES = MSO_THEME_COLOR.ACCENT_1
TINT = 0.5  # how much lighter the points not highlighted are
TYPES = {
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
    "columns": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "xy-line": XL_CHART_TYPE.XY_SCATTER_LINES,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
}


def add_chart(slide, data: ChartData, area: tuple[int, int, int, int], alt: str) -> object:
    left, top, width, height = area
    shape = chart_shape(data.chart_type, len(data.labels), bool(data.xs))
    name = as_text(data.value_name or "value")
    if shape in ("xy-line", "scatter"):
        chart_data = XyChartData(number_format="General")
        series = chart_data.add_series(name)
        for x, y in zip(data.xs, data.values, strict=True):
            series.add_data_point(x, y)
    else:
        number_format = "0" if data.chart_type == "timeline" else "General"
        chart_data = CategoryChartData(number_format=number_format)
        chart_data.categories = [as_text(label) for label in data.labels]
        chart_data.add_series(name, data.values)
    frame = slide.shapes.add_chart(TYPES[shape], Emu(left), Emu(top), Emu(width), Emu(height),
                                   chart_data)
    frame.name = f"Chart: {data.caption[:60]}" if data.caption else "Chart"
    set_description(frame, alt)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(LABEL_PT)
    _value_axis(chart, data)
    if shape in ("xy-line", "scatter"):
        _x_axis(chart, data)
    else:
        _category_axis(chart, data, shape)
    _series(chart, data, shape)
    return frame


def _value_axis(chart, data: ChartData) -> None:
    """Gridlines at a round step (whole years on a timeline) from a multiple of it to
    another: the last gridline is the axis maximum, as in the booklet's drawing."""
    axis = chart.value_axis
    axis.minimum_scale = data.axis.low
    axis.maximum_scale = data.axis.high
    axis.major_unit = data.axis.step
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
    axis.tick_labels.font.size = Pt(LABEL_PT)
    axis.tick_labels.number_format = "0" if data.chart_type == "timeline" else "General"
    axis.tick_labels.number_format_is_linked = False
    axis.format.line.fill.background()
    _title(axis, data.value_name)


def _x_axis(chart, data: ChartData) -> None:
    axis = chart.category_axis  # an XY chart's first value axis: x
    if data.x_axis is not None:
        axis.minimum_scale = data.x_axis.low
        axis.maximum_scale = data.x_axis.high
        axis.major_unit = data.x_axis.step
    axis.has_major_gridlines = False
    axis.tick_labels.font.size = Pt(LABEL_PT)
    axis.tick_labels.number_format = "General"
    axis.tick_labels.number_format_is_linked = False
    _title(axis, data.label_name)


def _category_axis(chart, data: ChartData, shape: str) -> None:
    axis = chart.category_axis
    axis.tick_labels.font.size = Pt(LABEL_PT)
    if shape == "bars":  # the first label on top, as the booklet reads
        axis.reverse_order = True
        value_axis_at_last_category(chart)
    elif len(data.labels) > UPRIGHT_AFTER:
        upright_labels(axis)
    _title(axis, data.label_name)


def _title(axis, name: str) -> None:
    title = axis_title(name)
    if not title:
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = as_text(title).removeprefix(ZERO_WIDTH_SPACE)
    for para in frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(LABEL_PT)
            run.font.bold = False
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1


def _series(chart, data: ChartData, shape: str) -> None:
    plot = chart.plots[0]
    series = plot.series[0]
    highlighted = any(data.highlights)
    if shape in ("bars", "columns"):
        plot.gap_width = 45
        plot.vary_by_categories = False
        series.format.fill.solid()
        series.format.fill.fore_color.theme_color = SERIES
        if highlighted:
            series.format.fill.fore_color.brightness = TINT
    else:
        plot.vary_by_categories = False
        series.smooth = False
        if shape == "scatter":
            series.format.line.fill.background()
        else:
            series.format.line.color.theme_color = SERIES
            series.format.line.width = Pt(2.5)
        _markers(series.marker, highlighted, size=7)
    for index, (highlight, display) in enumerate(zip(data.highlights, data.displays,
                                                     strict=True)):
        if highlight:
            _highlight(series.points[index], display, shape)


def _markers(marker, lighter: bool, size: int) -> None:
    marker.style = XL_MARKER_STYLE.CIRCLE
    marker.size = size
    marker.format.fill.solid()
    marker.format.fill.fore_color.theme_color = SERIES
    if lighter:
        marker.format.fill.fore_color.brightness = TINT
    marker.format.line.fill.background()


def _highlight(point, display: str, shape: str) -> None:
    if shape in ("bars", "columns"):
        point.format.fill.solid()
        point.format.fill.fore_color.theme_color = SERIES
    else:
        _markers(point.marker, False, size=11)
    label = point.data_label
    label.position = (XL_LABEL_POSITION.OUTSIDE_END if shape in ("bars", "columns")
                      else XL_LABEL_POSITION.ABOVE)
    label.text_frame.text = display
    for para in label.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(LABEL_PT)
            run.font.bold = True
            run.font.color.theme_color = SERIES


ZERO_WIDTH_SPACE = "\u200b"


def as_text(cell: str) -> str:
    """A cell as inert text: a leading = + - @ would make a spreadsheet evaluate it.

    Such a cell gets a zero-width space in front, which nobody sees (an apostrophe
    would show in a chart's labels) and which makes XlsxWriter store a string.
    """
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return ZERO_WIDTH_SPACE + cell
    return cell
