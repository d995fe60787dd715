"""The slide plan reader: plan HTML in, a typed DeckPlan out (chapbook.plan.reader).

Small plans written by hand, as the deck template writes them (docs/architecture.md):
a `<section class="slide">` per slide, content elements naming their block kind.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SAMPLE
from lectures import make_image

from chapbook.charts.axis import Axis
from chapbook.errors import TemplateError
from chapbook.plan.reader import read_plan
from chapbook.plan.render import render_plan_html
from chapbook.plan.schema import (
    Break,
    ChartData,
    ColumnBreak,
    Equation,
    Para,
    Picture,
    Run,
    TableData,
    TextBody,
)
from chapbook.read.parse import parse_lecture


def plan_of(*sections: str, head: str = "<title>A talk</title>", lang: str = "en", root=None):
    html = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{''.join(sections)}</body></html>")
    return read_plan(html, root)


def slide(body: str, layout: str = "content", title: str = "A slide") -> str:
    return f'<section class="slide" data-layout="{layout}"><h2>{title}</h2>{body}</section>'


def content_of(body: str):
    (only,) = plan_of(slide(body)).slides
    return only.content


def test_the_head_gives_the_plan_its_metadata():
    plan = plan_of(slide("<p data-kind='paragraph'>x</p>"), lang="fr", head=(
        "<title> Le Transsibérien </title><meta name='author' content='A. Author'>"
        "<meta name='description' content='Un cours'><meta name='keywords' content='rail, Asie'>"))
    assert (plan.title, plan.author, plan.subject, plan.keywords, plan.lang) == (
        "Le Transsibérien", "A. Author", "Un cours", "rail, Asie", "fr")
    assert plan.warnings == ()


def test_slides_keep_their_layout_title_subtitle_and_notes():
    plan = plan_of(
        '<section class="slide" data-layout="title"><h1>The talk</h1>'
        '<p class="subtitle">A subtitle<br>The author</p>'
        '<aside class="notes"><p>Welcome.</p><p></p><p>Second note.</p></aside></section>',
        slide("<ul data-kind='list'><li>x</li></ul>", "two-content", "Columns"),
        '<section class="slide"><h2>No layout named</h2></section>')
    first, second, third = plan.slides
    assert (first.layout, first.title, first.subtitle) == ("title", "The talk",
                                                           "A subtitle\vThe author")
    assert first.notes == ("Welcome.", "Second note.")  # an empty note is left out
    assert (second.layout, second.title, second.notes) == ("two-content", "Columns", ())
    assert (third.layout, third.content) == ("content", ())
    assert not any(s.continued for s in plan.slides)


def test_nested_lists_become_levels_and_numbered_items_keep_their_number():
    (body,) = content_of("<ol data-kind='list' start='3'><li>Three<ul><li>sub a</li>"
                         "<li>sub b<ul><li>deeper</li></ul></li></ul></li><li>Four</li></ol>")
    assert [(p.text, p.level, p.marker, p.bullet) for p in body.paras] == [
        ("Three", 0, "3.", True), ("sub a", 1, "", True), ("sub b", 1, "", True),
        ("deeper", 2, "", True), ("Four", 0, "4.", True)]


def test_runs_carry_bold_italic_code_and_links():
    (body,) = content_of(
        '<p data-kind="paragraph">Plain <strong>bold <em>both</em></strong> '
        '<code>f(x)</code> <a href="https://example.org/a">a link</a> '
        '<a href="javascript:alert(1)">no link</a><span class="footnote">gone</span>.</p>')
    (para,) = body.paras
    assert (para.bullet, para.level, para.style) == (False, 0, "")
    assert para.runs == (
        Run("Plain "), Run("bold ", bold=True), Run("both", bold=True, italic=True), Run(" "),
        Run("f(x)", code=True), Run(" "), Run("a link", link="https://example.org/a"),
        Run(" no link."))


def test_whitespace_is_collapsed_and_trimmed_and_a_line_break_is_kept():
    (body,) = content_of('<p data-kind="paragraph">\n  One \n\t two<br>three  </p>')
    assert body.paras[0].text == "One two\vthree"


def test_a_pre_keeps_every_space_and_empty_line():
    """Tabs become spaces to the next multiple of four (slides have no tab stops for code)."""
    source = "def f(x):\n    return  x\n\n\tdone\nab\tc"
    (body,) = content_of(f'<pre data-kind="code" data-language="">\n{source}</pre>')
    assert [p.text for p in body.paras] == ["def f(x):", "    return  x", "", "    done",
                                            "ab  c"]
    assert all(p.style == "code" and not p.bullet for p in body.paras)
    assert all(r.code for p in body.paras for r in p.runs)


def test_a_heading_inside_a_slide_is_bold():
    (body,) = content_of('<p data-kind="heading"><strong>Sub</strong>part</p>')
    (para,) = body.paras
    assert para.style == "heading" and all(r.bold for r in para.runs) and para.text == "Subpart"


def test_consecutive_text_becomes_one_body_and_rules_become_breaks():
    content = content_of('<p data-kind="paragraph">a</p><ul data-kind="list"><li>b</li></ul>'
                         '<hr data-kind="rule"><p data-kind="paragraph">c</p>'
                         '<div data-kind="pagebreak"></div>')
    assert [type(c) for c in content] == [TextBody, Break, TextBody]
    assert [p.text for p in content[0].paras] == ["a", "b"]


def test_columns_are_separated_by_a_column_break():
    content = content_of('<div data-kind="columns"><div><p data-kind="paragraph">left</p></div>'
                         '<div><p data-kind="paragraph">right</p></div></div>')
    assert [type(c) for c in content] == [TextBody, ColumnBreak, TextBody]
    assert (content[0].paras[0].text, content[2].paras[0].text) == ("left", "right")


def test_a_picture_keeps_its_relative_url_and_typed_size(tmp_path):
    make_image(tmp_path / "figures" / "a map.png")
    html = slide('<figure data-kind="figure"><img src="figures/a%20map.png" alt="A map" '
                 'width="900" height="600"><figcaption>The <em>map</em></figcaption></figure>')
    (only,) = plan_of(html, root=tmp_path).slides
    assert only.content == (Picture("figures/a map.png", "A map", "The map", 900, 600),)
    (only,) = plan_of(html).slides  # without a root the file is not looked for
    assert only.content[0].src == "figures/a map.png"


@pytest.mark.parametrize("src", ["/etc/hostname", "../outside.png", "figures/../../x.png",
                                 "https://example.org/a.png", "file:///etc/hostname"])
def test_a_picture_outside_the_lecture_folder_is_refused(tmp_path, src):
    html = slide(f'<figure data-kind="figure"><img src="{src}" alt=""></figure>')
    with pytest.raises(TemplateError) as info:
        plan_of(slide("<p data-kind='paragraph'>x</p>"), html, root=tmp_path)
    assert "slide 2: picture" in str(info.value) and "relative to the lecture folder" in str(
        info.value)


def test_a_picture_that_is_not_in_the_folder_is_refused(tmp_path):
    with pytest.raises(TemplateError, match=r"slide 1: picture 'figures/none\.png' is not a file"):
        plan_of(slide('<figure data-kind="figure"><img src="figures/none.png"></figure>'),
                root=tmp_path)


def test_a_table_keeps_its_header_rows_alignment_and_caption():
    (table,) = content_of(
        '<table data-kind="table"><caption>Ships</caption><thead><tr><th>Port</th>'
        '<th data-align="right">Ships</th></tr></thead><tbody>'
        '<tr><td>Antwerp</td><td data-align="right">1 200</td></tr>'
        '<tr><td><em>Bruges</em></td><td data-align="right">300</td></tr></tbody></table>')
    assert table == TableData(("Port", "Ships"), (("Antwerp", "1 200"), ("Bruges", "300")),
                              ("", "right"), "Ships")


def test_a_chart_has_numbers_not_strings():
    (chart,) = content_of(
        '<figure data-kind="chart" data-chart-type="timeline" data-axis-min="1890.0" '
        'data-axis-max="1920" data-axis-step="5" aria-label="Dates"><svg></svg>'
        '<table class="chart-data"><thead><tr><th>Step</th><th>Year</th></tr></thead><tbody>'
        '<tr><td>Start</td><td data-value="1891.1">1891</td></tr>'
        '<tr class="highlight"><td>End</td><td data-value="1916.8">5 Oct 1916</td></tr>'
        '</tbody></table><figcaption>The dates</figcaption></figure>')
    assert chart == ChartData("timeline", "Step", "Year", ("Start", "End"), (1891.1, 1916.8),
                              ("1891", "5 Oct 1916"), (False, True), Axis(1890.0, 1920.0, 5.0),
                              "The dates", "Dates")
    assert all(isinstance(v, float) for v in chart.values)


def test_a_chart_without_its_numbers_is_a_template_error():
    with pytest.raises(TemplateError, match="data-value"):
        content_of('<figure data-kind="chart" data-axis-min="0" data-axis-max="1" '
                   'data-axis-step="x"><table><tbody><tr><td>a</td><td data-value="1">1</td>'
                   '</tr></tbody></table></figure>')


def test_display_maths_keeps_its_tex():
    (eq,) = content_of('<div data-kind="maths" data-tex="E = mc^2" aria-label="energy">'
                       '<svg></svg></div>')
    assert eq == Equation("E = mc^2", "energy")


def test_an_unknown_kind_names_the_slide_and_the_known_kinds():
    with pytest.raises(TemplateError) as info:
        plan_of(slide("<p data-kind='paragraph'>x</p>"),
                slide("<div data-kind='carousel'>x</div>"))
    message = str(info.value)
    assert "slide 2" in message and "'carousel'" in message and "paragraph" in message


def test_an_element_without_a_kind_names_the_slide():
    with pytest.raises(TemplateError, match="slide 1: <div> has no data-kind"):
        plan_of(slide("<div>x</div>"))


def test_an_unknown_layout_names_the_slide():
    with pytest.raises(TemplateError, match="slide 2: unknown layout 'carousel'"):
        plan_of(slide(""), slide("", layout="carousel"))


def test_the_bundled_deck_template_is_read_back_whole():
    """Every slide the template writes comes back with its title and its list items."""
    lecture = parse_lecture(FIXTURES / "full")
    html = render_plan_html(lecture)
    plan = read_plan(html, lecture.root)
    assert len(plan.slides) == html.count('<section class="slide"')
    assert plan.title == lecture.meta.title and plan.lang == lecture.meta.lang
    assert len({s.title for s in plan.slides[1:]}) == len(plan.slides) - 1
    paras = [p for s in plan.slides for c in s.content if isinstance(c, TextBody)
             for p in c.paras]
    assert all(isinstance(p, Para) and p.text for p in paras)
    assert html.count("<li>") == len([p for p in paras if p.bullet])


def test_charts_are_drawn_in_the_plan_only_for_a_preview():
    """The deck draws its charts natively: the plan's drawing is for a person's preview,
    and the plan read back is the same with or without it."""
    lecture = parse_lecture(SAMPLE)
    assert lecture.charts
    built, preview = render_plan_html(lecture), render_plan_html(lecture, preview=True)
    assert "<svg" not in built
    assert preview.count('data-kind="chart"') == built.count('data-kind="chart"') > 0
    assert preview.count("<svg") >= len(lecture.charts)
    assert read_plan(built, lecture.root) == read_plan(preview, lecture.root)
