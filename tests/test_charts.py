"""Charts from CSV: parsed strictly, drawn as vectors in the booklet, native in the deck."""

from __future__ import annotations

import io
import math
import re
import zipfile

import pytest
from lectures import write_lecture
from pdftools import page_texts
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from chapbook.build import build
from chapbook.deck.chart import as_text
from chapbook.errors import ContentError
from chapbook.read.data import read_csv
from chapbook.read.parse import parse_lecture

ZWSP = "\u200b"

CHART = """\
    ---
    title: Charts
    ---

    ## Data

    ::: {{.chart src="data/{name}" {attrs}}}
    The caption, with *emphasis*.
    :::
"""


def _lecture(tmp_path, csv_text: str, attrs: str = "", name: str = "d.csv"):
    folder = write_lecture(tmp_path, CHART.format(name=name, attrs=attrs))
    (folder / "data").mkdir()
    (folder / "data" / name).write_text(csv_text, encoding="utf-8")
    return folder


def test_sample_chart_model(lectures):
    (chart,) = lectures["sample"].charts
    assert chart.chart_type == "timeline"
    assert chart.number == 1
    assert len(chart.points) == 26
    belgium = [p for p in chart.points if p.highlight]
    assert [p.label for p in belgium] == ["Belgium"]
    assert belgium[0].display == "12 July 1935"
    assert 1935.5 < belgium[0].value < 1935.6
    assert chart.axis.low <= 1919 and chart.axis.high >= 1975
    assert chart.alt and chart.title == "How late Belgium was"


def test_booklet_draws_the_chart_as_vector_text(built):
    text = " ".join(page_texts(built["sample"]["pdf"]))
    for country in ("Estonia", "Belgium", "Portugal", "12 July 1935"):
        assert country in text


def test_deck_has_a_native_editable_chart(built, lectures):
    prs = Presentation(built["sample"]["pptx"])
    frames = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(frames) == 1
    chart = frames[0].chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    (chart_model,) = lectures["sample"].charts
    assert list(chart.plots[0].categories) == [p.label for p in chart_model.points]
    values = chart.plots[0].series[0].values
    assert values == pytest.approx([p.value for p in chart_model.points])
    assert frames[0]._element.nvGraphicFramePr.cNvPr.get("descr") == chart_model.alt
    with zipfile.ZipFile(built["sample"]["pptx"]) as archive:
        assert any(n.endswith(".xlsx") for n in archive.namelist())  # editable data


@pytest.mark.slow
def test_bar_chart_of_numbers(tmp_path):
    folder = _lecture(tmp_path, "city,people\nGhent,260 000\nBruges,118 000\n",
                      'highlight="Bruges"')
    (chart,) = parse_lecture(folder).charts
    assert chart.chart_type == "bar"
    assert [p.value for p in chart.points] == [260000, 118000]
    assert chart.axis.low == 0 and chart.axis.high >= 260000
    built = build(folder, tmp_path / "out", ("pdf", "pptx"))
    assert all(b.path.stat().st_size > 0 for b in built)


@pytest.mark.slow
def test_formula_like_cells_stay_text_in_the_workbook(tmp_path):
    folder = _lecture(tmp_path, 'name,value\n"=HYPERLINK(""x"")",1\n@SUM(1),2\n')
    out = tmp_path / "out"
    build(folder, out, ("pptx",))
    with zipfile.ZipFile(out / "lecture.pptx") as archive:
        xlsx_name = next(n for n in archive.namelist() if n.endswith(".xlsx"))
        import io

        with zipfile.ZipFile(io.BytesIO(archive.read(xlsx_name))) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere


@pytest.mark.parametrize(("csv_text", "attrs", "line", "words"), [
    ("a,b\n1,2,3\n", "", 2, "row 2 has 3 cells"),
    ("a,b\nx,1\ny,\"unclosed\n", "", None, "malformed CSV"),
    ("", "", 1, "empty"),
    ("a,a\nx,1\n", "", 1, "distinct"),
    ("country,date\nBelgium,July 1935\n", 'type="timeline"', 2, "not a date"),
    ("city,people\nGhent,many\n", 'type="bar"', 2, "not a number"),
])
def test_malformed_csv_names_file_and_row(tmp_path, csv_text, attrs, line, words):
    folder = _lecture(tmp_path, csv_text, attrs)
    with pytest.raises(ContentError) as info:
        parse_lecture(folder)
    assert info.value.path.name == "d.csv"
    if line is not None:
        assert info.value.line == line
    assert words in str(info.value)


@pytest.mark.parametrize(("attrs", "words"), [
    ('value="missing"', "no column 'missing'"),
    ('type="pie"', "use timeline, bar, line or scatter"),
    ('highlight="Atlantis"', "'Atlantis' is not a"),
])
def test_bad_chart_attributes_name_the_lecture_line(tmp_path, attrs, words):
    folder = _lecture(tmp_path, "country,date\nBelgium,1935-07-12\n", attrs)
    with pytest.raises(ContentError) as info:
        parse_lecture(folder)
    assert info.value.path.name == "lecture.md" and info.value.line == 7
    assert words in str(info.value)


def test_chart_without_src_and_missing_csv(tmp_path):
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n## A\n\n::: {.chart}\nx\n:::\n")
    with pytest.raises(ContentError, match="needs its data"):
        parse_lecture(folder)
    folder = _lecture(tmp_path / "b", "a,b\n", name="d.csv")
    (folder / "data" / "d.csv").unlink()
    with pytest.raises(ContentError, match="not found"):
        parse_lecture(folder)


# --- CSV errors at their line ----------------------------------------------------


def _read(tmp_path, text: str):
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    return read_csv(path, "data/d.csv")


def test_unclosed_quote_names_its_line(tmp_path):
    with pytest.raises(ContentError) as info:
        _read(tmp_path, 'a,b\nx,1\ny,"unclosed\n')
    assert info.value.line == 3
    assert "malformed CSV" in str(info.value) and "never closed" in str(info.value)
    assert str(info.value).startswith(f"{tmp_path / 'd.csv'}:3: ")
    # The quote opens on line 5 and the file ends on line 8: line 5 is where to look.
    with pytest.raises(ContentError) as info:
        _read(tmp_path, 'a,b\n"two\nlines",1\n\nz,"open\nmore\n\nend\n')
    assert info.value.line == 5 and "ends on line 8" in info.value.message


def test_other_csv_errors_name_their_line(tmp_path):
    with pytest.raises(ContentError) as info:
        _read(tmp_path, 'a,b\nx,1\ny,"bad"q\n')
    assert info.value.line == 3 and "malformed CSV" in info.value.message


def test_rows_know_their_lines_across_quoted_line_breaks(tmp_path):
    table = _read(tmp_path, 'a,b\n"two\nlines",1\n\nz,2\n')
    assert table.rows == (("two\nlines", "1"), ("z", "2"))
    assert table.lines == (2, 5)
    with pytest.raises(ContentError) as info:
        _read(tmp_path, 'a,b\n"two\nlines",1\nz,2,3\n')
    assert info.value.line == 4 and "has 3 cells" in info.value.message


# --- formula-like cells: inert, with nothing visible added --------------------------


def test_as_text_prefixes_an_invisible_zero_width_space():
    for cell in ("=HYPERLINK(\"x\")", "@SUM(1)", "+1", "-1", "\tx"):
        assert as_text(cell) == ZWSP + cell
    for cell in ("Belgium", "1 200", "", "a=b", "'quoted"):
        assert as_text(cell) == cell


FORMULA_CSV = ('name,"=value"\n"=HYPERLINK(""http://example.com"",""x"")",1\n'
               "@SUM(1),2\n+1,3\n-1,4\nPlain,5.91\n")


@pytest.mark.slow
def test_formula_like_labels_are_inert_and_show_no_apostrophe(tmp_path):
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n## A\n\n"
                                     '::: {.chart src="data/d.csv"}\nCells.\n:::\n')
    (folder / "data").mkdir()
    (folder / "data" / "d.csv").write_text(FORMULA_CSV, encoding="utf-8")
    (pptx,) = (b.path for b in build(folder, tmp_path / "out", ("pptx",)))
    with zipfile.ZipFile(pptx) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"ppt/embeddings/.*\.xlsx", n)]
        assert len(names) == 1
        with zipfile.ZipFile(io.BytesIO(archive.read(names[0]))) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
            strings = book.read("xl/sharedStrings.xml").decode()
    for part in (sheet, strings):
        assert not re.search(r"<f[\s>/]", part)  # no formula anywhere
        assert "'=" not in part and "'@" not in part
    assert f"{ZWSP}=HYPERLINK(" in strings and f"{ZWSP}@SUM(1)" in strings
    prs = Presentation(pptx)
    (frame,) = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    plot = frame.chart.plots[0]
    categories = list(plot.categories)
    expected = ['=HYPERLINK("http://example.com","x")', "@SUM(1)", "+1", "-1", "Plain"]
    assert categories[0].startswith(ZWSP + "=")
    assert [c.removeprefix(ZWSP) for c in categories] == expected
    assert categories[-1] == "Plain"  # nothing added where nothing is needed
    assert not any("'" in c for c in categories)
    assert plot.series[0].name == ZWSP + "=value"
    # The value axis runs in round steps and its last gridline is the axis maximum.
    axis = frame.chart.value_axis
    steps = (axis.maximum_scale - axis.minimum_scale) / axis.major_unit
    assert steps == pytest.approx(round(steps)) and 4 <= round(steps) <= 8
    assert axis.maximum_scale >= 5.91
    assert math.isclose(axis.maximum_scale / axis.major_unit,
                        round(axis.maximum_scale / axis.major_unit))


CHARTS = {
    "line": ("minutes,temperature (°C)\n0,92\n5,75\n10,64\n20,50\n40,36\n60,30\n",
             'type="line"', "xy-line"),
    "months": ("month,rain (mm)\nJan,76\nFeb,63\nMar,70\nApr,51\n", 'type="line" highlight="Mar"',
               "line"),
    "scatter": ("height,weight\n152,44\n160,50\n171,60\n148,41\n", 'type="scatter"', "scatter"),
    "bars": ("city,people\nGhent,260 000\nBruges,118 000\n", 'highlight="Bruges"', "bars"),
}
DECK_TYPES = {"xy-line": XL_CHART_TYPE.XY_SCATTER_LINES, "line": XL_CHART_TYPE.LINE_MARKERS,
              "scatter": XL_CHART_TYPE.XY_SCATTER, "bars": XL_CHART_TYPE.BAR_CLUSTERED,
              "columns": XL_CHART_TYPE.COLUMN_CLUSTERED}


@pytest.mark.parametrize("case", sorted(CHARTS))
def test_every_output_draws_the_same_kind_of_chart(tmp_path, case):
    """The deck's native chart and the booklet's and handout's SVG are one kind of
    drawing, with axes titled from the CSV's headers and the theme's accent."""
    from chapbook.charts.shape import chart_shape
    from chapbook.charts.svg import chart_svg

    csv_text, attrs, shape = CHARTS[case]
    folder = _lecture(tmp_path, csv_text, attrs)
    (chart,) = parse_lecture(folder).charts
    assert chart_shape(chart.chart_type, len(chart.points), chart.x_axis is not None) == shape
    (deck,) = (b.path for b in build(folder, tmp_path / "out", ("pptx",)))
    (frame,) = [sh for s in Presentation(deck).slides for sh in s.shapes if sh.has_chart]
    assert frame.chart.chart_type == DECK_TYPES[shape]
    xml = frame.chart._chartSpace.xml
    for name in csv_text.split("\n")[0].split(","):  # the headers, capitalised
        title = name[:1].upper() + name[1:]
        assert f"<a:t>{title}</a:t>" in xml
        assert f">{title}</text>" in chart_svg(chart)
    assert 'schemeClr val="accent1"' in xml
    svg = chart_svg(chart)
    if shape in ("line", "xy-line"):
        assert "<polyline" in svg and svg.count("<circle") == len(chart.points)
    elif shape == "scatter":
        assert "<polyline" not in svg and svg.count("<circle") == len(chart.points)
    else:
        assert svg.count("<rect") == len(chart.points)


def test_a_scatter_chart_needs_numbers_along_x(tmp_path):
    folder = _lecture(tmp_path, "name,weight\nAnn,44\nBen,50\n", 'type="scatter"')
    with pytest.raises(ContentError, match="not a number or a date") as info:
        parse_lecture(folder)
    assert info.value.line == 2


def test_many_labels_make_columns_everywhere(built, lectures):
    import xml.etree.ElementTree as ET

    from chapbook.charts.svg import chart_svg

    (chart,) = lectures["sample"].charts
    rects = [r for r in ET.fromstring(chart_svg(chart)).iter("{http://www.w3.org/2000/svg}rect")
             if r.get("fill") != "#ffffff"]
    assert len(rects) == len(chart.points)
    assert len({r.get("width") for r in rects}) == 1  # columns: one width, heights vary
    assert len({r.get("height") for r in rects}) > 5
    prs = Presentation(built["sample"]["pptx"])
    (frame,) = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert frame.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert "<a:t>Country</a:t>" in frame.chart._chartSpace.xml
