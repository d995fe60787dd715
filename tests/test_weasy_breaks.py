"""Lines broken once (`weasy_breaks`): the same PDF as lines broken anew, from fewer
breaks; no answer given again where the style, the fonts or what the call read differ."""

from __future__ import annotations

import pytest
from conftest import lines_broken_by, weasyprints_split

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)
from chapbook.templates import bundled_templates
from chapbook.weasy_breaks import _Breaks, generation

HTML = """<!doctype html><html lang="en"><head><style>
@page { size: 120mm 90mm; margin: 15mm 10mm;
  @top-center { content: "A running header, on every page" }
  @bottom-center { content: counter(page) } }
body { font: {size}/1.4 serif; text-align: justify; hyphens: auto; overflow-wrap: break-word }
.narrow { width: 22mm }
.spaced { letter-spacing: 0.05em; word-spacing: 2pt }
.under { text-decoration: underline } .through { text-decoration: line-through }
.zone { hyphenate-limit-zone: calc(10% + 2pt) }
.cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 30mm }
td { border: 1px solid; padding: 1mm }
pre { tab-size: 4 }
</style></head><body>
<p>{text}</p>
<p class="narrow">Characteristically incomprehensible extraordinarily long words,
and soft&shy;hyphen&shy;ated ones too.</p>
<p class="spaced">Letter- and word-spaced text that wraps over more than one line.</p>
<p><span class="under">Underlined words</span> and <span class="through">struck ones</span>
beside plain ones.</p>
<p class="zone narrow">A hyphenation zone given by calc() in a narrow column.</p>
<div class="cut">An ellipsis cuts this line short before its end</div>
<table><tr><td>A cell</td><td>A cell with longer text that wraps in its column</td></tr>
<tr><td>A cell</td><td>Another cell</td></tr></table>
<pre>a\tb\tc</pre>
<svg width="80" height="20"><text x="2" y="14">SVG text, letter by letter</text></svg>
<p>{text}</p>
</body></html>"""
TEXT = ("Justified text of several lines, broken once and drawn, then broken again for "
        "the next document. ") * 10


def _html(size: str = "10pt") -> str:
    return HTML.replace("{size}", size).replace("{text}", TEXT)


def _pdf(html: str, fonts=None) -> bytes:
    from weasyprint import HTML as Html

    return Html(string=html).render(font_config=fonts).write_pdf()


def test_the_pdf_is_the_same_as_with_lines_broken_anew(monkeypatch):
    """Three documents with one font configuration, as in a warm process; the second's
    text is larger."""
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.text.line_break import Layout

    documents = [_html(), _html("11pt"), _html()]
    lines_broken_by(monkeypatch, weasyprints_split())
    fonts = FontConfiguration()
    anew = [_pdf(html, fonts) for html in documents]
    breaks = _Breaks(weasyprints_split(), Layout)
    lines_broken_by(monkeypatch, breaks)
    fonts = FontConfiguration()
    kept = []
    for html in documents:
        before = breaks.hits, breaks.misses
        kept.append(_pdf(html, fonts))
        hits, misses = breaks.hits - before[0], breaks.misses - before[1]
    assert kept == anew
    assert hits > 10 * misses  # the third document: nearly every line answered again


def test_a_break_is_answered_again_only_for_the_values_it_read():
    class Fonts:
        pass

    class Style(dict):
        font_config = Fonts()

    calls = []

    def split(text, style, context, max_width, spacing, is_line_start=True,
              minimum=False):
        calls.append(text)
        width = style["font_size"] * len(text)
        if text == "strays":
            width += style.parent_style["font_size"]  # looks past the style's own values
        return Layout(text), len(text), None, width, style["font_size"], 0

    class Layout:
        def __init__(self, text):
            self.text, self.first_line_direction, self.layout = text, 0, object()

    breaks = _Breaks(split, Layout, limit=2)
    style = Style(font_size=10, color="red")
    first = breaks("words", style, None, 100, 0)
    again = breaks("words", Style(font_size=10, color="blue"), None, 100, 0)  # not read
    assert calls == ["words"] and again[1:] == first[1:]
    assert again[0] is not first[0] and again[0].text == "words"
    assert not hasattr(again[0], "layout")  # made when drawn, from its box's style
    breaks("words", Style(font_size=12), None, 100, 0)
    breaks("words", style, None, 90, 0)
    assert calls == ["words"] * 3  # another size, another width: broken anew

    style.parent_style = Style(font_size=20)
    breaks("strays", style, None, 100, 0)
    breaks("strays", style, None, 100, 0)
    assert calls[-2:] == ["strays", "strays"]  # not kept

    breaks("other", style, None, 100, 0)
    breaks("third", style, None, 100, 0)
    assert len(breaks.kept) == 2  # the least lately used forgotten
    breaks("words", style, None, 100, 0)
    assert calls[-1] == "words"


def test_a_face_added_to_the_fonts_starts_their_breaks_afresh(monkeypatch):
    """Text set in a family with no face, then in the same font configuration once a face
    of that family is added: broken in the new face, as in a configuration of its own."""
    from weasyprint import HTML as Html
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.text.line_break import Layout

    font = (bundled_templates() / "deck" / "fonts" / "Carlito-Regular.ttf").as_uri()
    face = f'@font-face {{ font-family: "Guest"; src: url({font}) }}'
    html = ('<html><head><style>{face} @page {{ size: 60mm 200mm; margin: 5mm }} '
            'p {{ font: 10pt "Guest", monospace }}</style></head><body><p>{text}</p>'
            '</body></html>')

    def lines(face_css: str, fonts) -> list[str]:
        page = Html(string=html.format(face=face_css, text=TEXT)).render(
            font_config=fonts).pages[0]
        return [box.text for box in page._page_box.descendants()
                if type(box).__name__ == "TextBox"]

    breaks = _Breaks(weasyprints_split(), Layout)
    lines_broken_by(monkeypatch, breaks)
    fonts = FontConfiguration()
    without = lines("", fonts)
    before = generation(fonts)
    with_face = lines(face, fonts)
    assert generation(fonts) != before
    assert with_face != without  # the face's widths, not the fallback's
    lines_broken_by(monkeypatch, weasyprints_split())
    assert with_face == lines(face, FontConfiguration())


@pytest.mark.parametrize("names", [(), ("font_size",), ("font_size", "lang")])
def test_the_values_read_come_back_as_a_tuple(names):
    from chapbook.weasy_breaks import _reader

    style = {"font_size": 10, "lang": "en", "color": "red"}
    assert _reader(names)(style) == tuple(style[name] for name in names)


def test_a_lecture_of_a_course_breaks_its_own_lines(monkeypatch):
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.text.line_break import Layout

    from chapbook.weasy_breaks import own_lines

    breaks = _Breaks(weasyprints_split(), Layout)
    lines_broken_by(monkeypatch, breaks)
    fonts = FontConfiguration()
    _pdf(_html(), fonts)
    assert breaks.kept
    with own_lines():
        assert not breaks.kept  # none from before
        _pdf(_html(), fonts)
        assert breaks.misses > breaks.hits
    assert not breaks.kept  # none for after
