"""Native, editable PowerPoint charts from the slide plan's chart data.

A column per label, in the data's order; timelines put years on the value axis.
Colours come from the theme (text 2 for the columns, accent 1 for highlighted
ones), so a corporate template recolours the chart. Labels are never smaller
than 14 pt; many labels are turned upright to fit. Category names are written
as inert text: the embedded workbook never sees a formula, and what keeps them
inert (a zero-width space in front) does not show.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu, Pt

from chapbook.deck.pptx_xml import set_description, upright_labels
from chapbook.plan.schema import ChartData

LABEL_PT = 14
UPRIGHT_AFTER = 8  # more categories than this: labels turned upright


def add_chart(slide, data: ChartData, area: tuple[int, int, int, int], alt: str) -> object:
    left, top, width, height = area
    number_format = "0" if data.chart_type == "timeline" else "General"
    chart_data = CategoryChartData(number_format=number_format)
    chart_data.categories = [as_text(label) for label in data.labels]
    chart_data.add_series(as_text(data.value_name or "value"), data.values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(left), Emu(top),
                                   Emu(width), Emu(height), chart_data)
    frame.name = f"Chart: {data.caption[:60]}" if data.caption else "Chart"
    set_description(frame, alt)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(LABEL_PT)
    _value_axis(chart, data)
    _category_axis(chart, len(data.labels))
    _columns(chart, data)
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


def _category_axis(chart, count: int) -> None:
    axis = chart.category_axis
    axis.tick_labels.font.size = Pt(LABEL_PT)
    if count > UPRIGHT_AFTER:
        upright_labels(axis)


def _columns(chart, data: ChartData) -> None:
    plot = chart.plots[0]
    plot.gap_width = 45
    plot.vary_by_categories = False
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
    series.format.fill.fore_color.brightness = 0.45
    for index, (highlight, display) in enumerate(zip(data.highlights, data.displays,
                                                     strict=True)):
        if not highlight:
            continue
        point = series.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = display
        for para in label.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(LABEL_PT)
                run.font.bold = True
                run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1


ZERO_WIDTH_SPACE = "\u200b"


def as_text(cell: str) -> str:
    """A cell as inert text: a leading = + - @ would make a spreadsheet evaluate it.

    Such a cell gets a zero-width space in front, which nobody sees (an apostrophe
    would show in a chart's labels) and which makes XlsxWriter store a string.
    """
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return ZERO_WIDTH_SPACE + cell
    return cell
