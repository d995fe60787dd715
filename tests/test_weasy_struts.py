"""A style's strut asked of WeasyPrint once, kept with the style: the same PDF."""

from __future__ import annotations

import pytest

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)

MODULES = ("weasyprint.text.line_break", "weasyprint.layout.inline", "weasyprint.css.units",
           "weasyprint.css.computed_values")
HTML = """<!doctype html><html lang="en"><head><style>
@page { size: 120mm 90mm; margin: 10mm }
body { font: 11pt/1.4 serif }
h1 { font: bold 16pt sans-serif; line-height: normal }
.px { line-height: 18px } .pc { line-height: 150% } .em { line-height: 1.2em }
.small { font-size: 7pt } .mono { font-family: monospace; line-height: 2 }
p::first-line { font-size: 13pt } .ex { margin-left: 3ex; padding-top: 1lh }
sup { line-height: 0 }
</style></head><body>
<h1>A heading in a strut of its own</h1>
<p class="px">Eighteen pixels <b>bold</b> <i>italic</i> and <span class="small">small
text</span> on one line.</p>
<p class="pc">Half again as tall, a first line larger than the rest of a paragraph that
runs over two lines or more on this narrow page.</p>
<p class="em">In ems<sup>2</sup>, <code class="mono">monospace</code> beside.</p>
<div class="ex">Indented by ex, padded by a line height.</div>
<svg width="80" height="20"><text x="2" y="14" font-size="9">SVG text</text></svg>
</body></html>"""


def _strut():
    from weasyprint.text import line_break

    return line_break.strut


def _pdf() -> bytes:
    from weasyprint import HTML as Html

    return Html(string=HTML).render().write_pdf()


def test_every_caller_asks_the_kept_strut():
    import importlib

    strut = _strut()
    assert strut._chapbook_original is not None
    assert all(importlib.import_module(name).strut is strut for name in MODULES)


def test_the_pdf_is_weasyprints_own(monkeypatch):
    ours = _pdf()
    original = _strut()._chapbook_original
    for name in MODULES:
        monkeypatch.setattr(f"{name}.strut", original)
    assert ours == _pdf()


def test_a_style_is_measured_by_weasyprint_once(monkeypatch):
    """WeasyPrint's strut writes its key at each call it answers (but for no font size)."""
    from weasyprint import HTML as Html
    from weasyprint.text import line_break

    strut = _strut()
    calls, asked = [], []  # the styles themselves: no id is reused while they are held
    key = line_break._font_style_cache_key

    def keyed(style, include_size=False):
        if include_size:
            asked.append(style)
        return key(style, include_size)

    def seen(style):
        calls.append(style)
        return strut(style)

    monkeypatch.setattr(line_break, "_font_style_cache_key", keyed)
    for name in MODULES:
        monkeypatch.setattr(f"{name}.strut", seen)
    Html(string=HTML).render()
    styles = {id(style) for style in calls}
    assert len(calls) > len(styles)  # asked again of the same styles
    assert len(asked) == len({id(style) for style in asked})
    assert {id(style) for style in asked} <= styles


def test_a_copy_of_a_style_is_measured_afresh():
    from weasyprint import HTML as Html
    from weasyprint.formatting_structure import boxes

    page = Html(string=HTML).render().pages[0]
    text = next(b for b in page._page_box.descendants() if isinstance(b, boxes.TextBox))
    style = text.style  # the heading's, its line height normal
    strut = _strut()
    height = strut(style)[0]
    copy = style.copy()
    copy["font_size"] = style["font_size"] * 2
    assert strut(copy)[0] == pytest.approx(2 * height, rel=0.2)
    assert strut(style)[0] == height
