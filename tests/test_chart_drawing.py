"""The booklet's chart drawing (SVG): labels measured in Biolinum and never clipped, in the
booklet and the handout alike, and round axes whose last tick is the maximum."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pdfplumber
import pytest
from lectures import write_lecture
from PIL import ImageFont

from chapbook.blocks import Chart, ChartPoint
from chapbook.build import build
from chapbook.charts import svg as charts
from chapbook.charts.axis import Axis, nice_ceiling, nice_step
from chapbook.charts.svg import WIDTH, chart_svg, fit_text, text_width
from chapbook.read.parse import parse_lecture
from chapbook.templates import bundled_templates

SVG = "{http://www.w3.org/2000/svg}"
QA_LABEL = "Premier coup de pioche à Vladivostok"
LONG_LABEL = ("Ouverture du tronçon de l'Oussouri et de la Sibérie occidentale "
              "jusqu'à l'Ob et au-delà")


def _chart(points, chart_type="bar", low=0.0, high=None) -> Chart:
    points = tuple(ChartPoint(*p) for p in points)
    high = high if high is not None else nice_ceiling(max(p.value for p in points))
    step = nice_step(high - low, whole=chart_type == "timeline")
    axis = Axis(math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step)
    return Chart(chart_type=chart_type, src="data/x.csv", label_name="label",
                 value_name="value", points=points, axis=axis,
                 caption_html="", caption_text="A chart", alt="", number=1, id="fig-1",
                 line=1)


def _texts(svg: str) -> list[tuple[str, float, float, ET.Element]]:
    """(text, left, right) in viewBox units of every text element, from its anchor."""
    out = []
    for el in ET.fromstring(svg).iter(f"{SVG}text"):
        width = text_width(el.text, el.get("font-weight") == "bold")
        x = float(el.get("x"))
        anchor = el.get("text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        out.append((el.text, left, left + width, el))
    return out


def _assert_inside(svg: str) -> None:
    viewbox = [float(v) for v in ET.fromstring(svg).get("viewBox").split()]
    assert viewbox[2] == WIDTH
    for text, left, right, _ in _texts(svg):
        assert left >= 0 and right <= WIDTH, f"{text!r} runs off the drawing: {left}..{right}"


# --- labels measured, never clipped ----------------------------------------------


def test_text_is_measured_with_biolinum():
    fonts = bundled_templates() / "booklet" / "fonts"
    regular = ImageFont.truetype(str(fonts / "LinBiolinum_R.otf"), 100)
    bold = ImageFont.truetype(str(fonts / "LinBiolinum_RB.otf"), 100)
    for word in ("Germanium", QA_LABEL, "12 July 1935"):
        assert text_width(word) == pytest.approx(regular.getlength(word) / 100 * charts.FONT,
                                                 rel=0.03)
        assert text_width(word, True) == pytest.approx(bold.getlength(word) / 100 * charts.FONT,
                                                       rel=0.03)
        assert text_width(word, True) > text_width(word)
    # Measured, not estimated from the length: a W is wider than an i.
    assert text_width("WWWW") > 2 * text_width("iiii")


def test_a_long_french_label_is_shown_whole_inside_the_drawing():
    chart = _chart([("Décision impériale", 1891.1, "21 février 1891"),
                    (QA_LABEL, 1891.4, "31 mai 1891", True),
                    ("Germanium", 1900.0, "1900"),
                    ("Fin", 1916.8, "5 octobre 1916")], "timeline", 1890, 1920)
    svg = chart_svg(chart)
    _assert_inside(svg)
    labels = [t for t, _, _, el in _texts(svg) if el.get("text-anchor") == "end"]
    assert labels == ["Décision impériale", QA_LABEL, "Germanium", "Fin"]
    label_end = max(r for _, _, r, el in _texts(svg) if el.get("text-anchor") == "end")
    assert label_end <= 0.45 * WIDTH  # the label column is at most 45 % of the width
    bars = [float(r.get("x")) for r in ET.fromstring(svg).iter(f"{SVG}rect")]
    assert min(bars) > label_end  # bars start right of the labels


def test_labels_too_long_are_shortened_with_an_ellipsis():
    chart = _chart([(LONG_LABEL, 3.0, "3"), ("Germanium", 5.91, "5.91", True),
                    (LONG_LABEL.upper(), 1.0, "1", True)])
    svg = chart_svg(chart)
    _assert_inside(svg)
    labels = [t for t, _, _, el in _texts(svg) if el.get("text-anchor") == "end"]
    assert labels[1] == "Germanium"
    for shown, full in ((labels[0], LONG_LABEL), (labels[2], LONG_LABEL.upper())):
        assert shown.endswith("…") and full.startswith(shown[:-1])
        assert len(shown) > 20  # as much as fits, not a stub
    assert fit_text("Germanium", 100) == "Germanium"
    assert text_width(fit_text(LONG_LABEL, 30)) <= 30


def test_highlighted_values_stay_inside_and_the_axis_leaves_room():
    long_value = "12 septembre 1935 (ratification du traité par le Parlement belge)"
    for points in ([("Belgium", 1935.7, long_value, True), ("Estonia", 1920.1, "1920")],
                   [("Last", 1974.9, "31 décembre 1974", True), ("First", 1920.1, "1920")]):
        svg = chart_svg(_chart(points, "timeline", 1915, 1975))
        _assert_inside(svg)
        values = [(t, left) for t, left, _, el in _texts(svg)
                  if el.get("font-weight") == "bold" and el.get("text-anchor") is None]
        assert len(values) == 1
        assert values[0][0].endswith("…") == (points[0][2] == long_value)
    # A negative highlighted bar writes its value after zero, inside the drawing.
    svg = chart_svg(_chart([("Loss", -3.7, "-3.7", True), ("Gain", 5.91, "5.91")],
                           low=-3.7, high=6))
    _assert_inside(svg)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A French timeline and a bar chart with Germanium highlighted, as booklet and handout."""
    root = tmp_path_factory.mktemp("charts")
    sources = {
        "timeline": ("---\ntitle: Le Transsibérien\nlang: fr\n---\n\n## Chronologie\n\n"
                     f'::: {{.chart src="data/d.csv" type="timeline" highlight="{QA_LABEL}"}}\n'
                     "Les grandes dates du chantier.\n:::\n",
                     f"étape,date\nDécision impériale,1891-02-21\n{QA_LABEL},1891-05-31\n"
                     f'"{LONG_LABEL}",1897-11-01\nFin,1916-10-05\n'),
        "bar": ("---\ntitle: Elements\n---\n\n## Abundance\n\n"
                '::: {.chart src="data/d.csv" highlight="Germanium"}\nAbundance.\n:::\n',
                "element,ppm\nSilicon,5.91\nGermanium,3.5\nIron,1.2\n"),
    }
    out = {}
    for name, (lecture, data) in sources.items():
        folder = write_lecture(root, lecture, slug=name)
        (folder / "data").mkdir()
        (folder / "data" / "d.csv").write_text(data, encoding="utf-8")
        files = {b.path.name: b.path for b in build(folder, root / "out", ("pdf", "handout"))}
        out[name] = (parse_lecture(folder).charts[0], files[f"{name}.pdf"],
                     files[f"{name}-handout.pdf"])
    return out


BAR_COLOURS = [tuple(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))
               for c in (charts.BAR_FILL, charts.ACCENT)]


def _is_bar_colour(colour) -> bool:
    if not isinstance(colour, tuple | list) or len(colour) != 3:
        return False  # a pattern, grey or CMYK: not a bar
    return any(all(abs(a - b) < 0.01 for a, b in zip(colour, bar, strict=True))
               for bar in BAR_COLOURS)


def _drawing_box(page, chart: Chart):
    """(left, right, top, bottom) in points of the chart's SVG viewport on the page,
    from its bars: their height gives the scale, the first one's start the offset."""
    svg = ET.fromstring(chart_svg(chart))
    svg_bars = list(svg.iter(f"{SVG}rect"))
    bars = [r for r in page.rects if r["fill"] and _is_bar_colour(r["non_stroking_color"])]
    assert len(bars) == len(svg_bars)
    scale = bars[0]["height"] / charts.BAR
    left = min(b["x0"] for b in bars) - min(float(r.get("x")) for r in svg_bars) * scale
    top = min(b["top"] for b in bars) - float(svg_bars[0].get("y")) * scale
    height = float(svg.get("viewBox").split()[3])
    return left, left + WIDTH * scale, top, top + height * scale


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["booklet", "handout"])
@pytest.mark.parametrize("name", ["timeline", "bar"])
def test_rendered_chart_text_stays_inside_its_drawing(rendered, name, edition):
    chart, booklet, handout = rendered[name]
    with pdfplumber.open(booklet if edition == "booklet" else handout) as pdf:
        label = chart.points[1].label.replace(" ", "")
        (page,) = [p for p in pdf.pages if label in (p.extract_text() or "").replace(" ", "")]
        left, right, top, bottom = _drawing_box(page, chart)
        inside = [c for c in page.chars if top - 1 <= c["top"] and c["bottom"] <= bottom + 1
                  and "Biolinum" in c["fontname"]]
        text = "".join(c["text"] for c in inside)
        fonts = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in page.chars
                 if top - 1 <= c["top"] and c["bottom"] <= bottom + 1}
    for point in chart.points[:2]:
        assert point.label.replace(" ", "") in text.replace(" ", "")
    assert "…" in text if name == "timeline" else "Germanium" in text
    # Set in the Biolinum it was measured with, in the handout too (not a fallback font).
    assert fonts <= {"Biolinum", "Biolinum-Bold"}
    tolerance = 0.3
    for c in inside:
        assert c["x0"] >= left - tolerance and c["x1"] <= right + tolerance, (
            f"{c['text']!r} at {c['x0']:.1f}..{c['x1']:.1f} outside {left:.1f}..{right:.1f}")


# --- round axes ------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (5.91, 6), (3369, 3500), (96, 100), (0.42, 0.5), (1, 1), (260000, 300000),
    (0.3, 0.3), (1.1, 1.2), (17, 17.5), (1e6, 1e6), (7, 7), (0, 1), (-4, 0), (-0.5, 0),
])
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected


def test_nice_ceiling_gives_five_to_eight_steps_ending_at_the_maximum():
    for value in [m * 10.0**e for e in range(-3, 7) for m in (1, 1.07, 2.3, 3.369, 4.9,
                                                                5.91, 7.77, 9.6)]:
        top = nice_ceiling(value)
        step = nice_step(top)
        ticks = Axis(0, top, step).ticks
        assert value <= top < value + step + 1e-9
        assert 4 <= len(ticks) - 1 <= 8, (value, top, step)
        assert ticks[-1] == top and ticks[0] == 0


def _gridlines(svg: str) -> tuple[list[float], list[str], float]:
    root = ET.fromstring(svg)
    lines = list(root.iter(f"{SVG}line"))
    grid = [float(line.get("x1")) for line in lines if line.get("stroke") == charts.GRID]
    axis_end = float(lines[-1].get("x2"))
    labels = [el.text for el in root.iter(f"{SVG}text") if el.get("text-anchor") == "middle"]
    return grid, labels, axis_end


def test_svg_ticks_end_at_the_axis_maximum():
    grid, labels, axis_end = _gridlines(chart_svg(_chart([("a", 5.91, "5.91"),
                                                          ("b", 2.0, "2")])))
    assert labels == ["0", "1", "2", "3", "4", "5", "6"]
    assert grid[-1] == pytest.approx(axis_end)
    grid, labels, axis_end = _gridlines(chart_svg(_chart([("a", 3369, "3 369"),
                                                          ("b", 120, "120")])))
    assert labels == ["0", "500", "1000", "1500", "2000", "2500", "3000", "3500"]
    assert grid[-1] == pytest.approx(axis_end)
    # A timeline ending between round years still ends on a tick: 1975 goes to 1980.
    grid, labels, axis_end = _gridlines(chart_svg(_chart(
        [("a", 1920.1, "1920"), ("b", 1974.9, "1974")], "timeline", 1915, 1975)))
    assert labels[-1] == "1980" and grid[-1] == pytest.approx(axis_end)
    assert all(re.fullmatch(r"\d{4}", label) for label in labels)
    # Steps of 2.5 keep one decimal throughout; the bars still start at zero.
    _, labels, _ = _gridlines(chart_svg(_chart([("a", 17, "17")])))
    assert labels == ["0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0", "17.5"]


def test_svg_tick_labels_do_not_touch():
    chart = _chart([(LONG_LABEL, 1234567, "1 234 567", True), ("b", 5, "5")])
    svg = chart_svg(chart)
    _assert_inside(svg)
    ticks = sorted((left, right) for _, left, right, el in _texts(svg)
                   if el.get("text-anchor") == "middle")
    assert ticks[-1][1] > WIDTH / 2  # the maximum keeps its label
    for (_, r), (nl, _) in itertools.pairwise(ticks):
        assert nl - r >= 1


def test_parsed_bar_chart_axis_is_just_above_the_data(tmp_path):
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n## A\n\n"
                                     '::: {.chart src="data/d.csv"}\nx\n:::\n')
    (folder / "data").mkdir()
    (folder / "data" / "d.csv").write_text("a,b\nx,5.91\ny,2\n", encoding="utf-8")
    assert parse_lecture(folder).charts[0].axis.high == 6


def test_chart_colours_come_from_the_booklet_stylesheet(tmp_path):
    """A lecture that restyles its booklet's colours restyles its charts with them."""
    import shutil

    from conftest import SAMPLE

    from chapbook.booklet import render_booklet_html
    from chapbook.charts.palette import DEFAULT, palette_from_css
    from chapbook.read import parse_lecture
    from chapbook.templates import bundled_templates

    bundled = (bundled_templates() / "booklet" / "booklet.css").read_text(encoding="utf-8")
    assert palette_from_css(bundled) == DEFAULT  # the stylesheet and the defaults agree
    folder = tmp_path / "restyled"
    shutil.copytree(SAMPLE, folder)
    own = folder / "templates" / "booklet" / "booklet.css"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(bundled.replace("--accent: #8b2323;", "--accent: #0055aa;")
                   .replace("--chart-grid: #e3e0d8;", "--chart-grid: rgb(200, 220, 240);"),
                   encoding="utf-8")
    html = render_booklet_html(parse_lecture(folder))
    chart = html[html.index("<svg"):html.index("</svg>")]
    assert "#0055aa" in chart and "rgb(200, 220, 240)" in chart
    assert DEFAULT.accent not in chart and DEFAULT.grid not in chart
