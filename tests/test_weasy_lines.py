"""Lines drawn with the Pango layouts that broke them: fewer set up, fewer shaped again,
the same PDF."""

from __future__ import annotations

import pytest
from conftest import lines_broken_by, weasyprints_split

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)

HTML = """<!doctype html><html lang="en"><head><style>
@page { size: 120mm 90mm; margin: 10mm }
body { font: 11pt/1.4 sans-serif; text-align: justify; hyphens: auto; overflow-wrap: break-word }
h1 { letter-spacing: 0.1em }
.words { word-spacing: 3pt }
.url { overflow-wrap: anywhere }
.cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 30mm }
pre { tab-size: 4 }
.left { text-align: left; hyphens: none }
.entry::after { content: leader(". ") "12" }
</style></head><body>
<h1>Letter-spaced heading</h1>
<p>{text}</p>
<p class="words">{words}</p>
<p class="url">{url}</p>
<div class="cut">An ellipsis cuts this line short before its end</div>
<p class="left">{left}</p>
<p class="entry">A contents entry, its dots one layout drawn again and again</p>
<p class="left" dir="rtl" lang="he">{rtl}</p>
<p class="left"><u>Underlined words</u> beside plain ones</p>
<pre>a\tb\tc</pre>
<pre>a first line\nand a second</pre>
<svg width="60" height="20"><text x="2" y="14">SVG text</text></svg>
</body></html>"""
WORDS = "Word-spaced words that wrap over more than one line of the page here."
URL = "https://example.org/a/very/long/address/that/breaks/anywhere/in/its/length"
RTL = "שורות מיושרות לימין, שבורות היכן שמילה אינה נכנסת עוד, ונכתבות כפי שעוצבו"
LEFT = ("Ragged lines, broken where a word no longer fits and drawn as they were shaped "
        "to find that break. ") * 4
TEXT = ("Justified text of several lines, each set with the spacing its justification "
        "gives, and drawn again for a second PDF as the print file does. ") * 12


def _html() -> str:
    return (HTML.replace("{text}", TEXT).replace("{words}", WORDS).replace("{url}", URL)
            .replace("{left}", LEFT).replace("{rtl}", RTL))


def _write_twice() -> tuple[bytes, bytes]:
    """A document's PDF, written twice."""
    from weasyprint import HTML as Html

    document = Html(string=_html()).render()
    return document.write_pdf(), document.write_pdf()


def _set_up_again_while_drawing(monkeypatch) -> list[str]:
    """The text of each line whose layout drawing set up again (not a new layout's), each
    line broken anew: a line answered from one broken before (`weasy_breaks`) comes
    without a layout, which drawing sets up."""
    from weasyprint import HTML as Html
    from weasyprint.text.line_break import Layout

    lines_broken_by(monkeypatch, weasyprints_split())
    document = Html(string=_html()).render()
    again = []
    setup = Layout.setup

    def counted(self, style):
        if hasattr(self, "text"):
            again.append(self.text)
        return setup(self, style)

    monkeypatch.setattr(Layout, "setup", counted)
    document.write_pdf()
    monkeypatch.undo()
    return again


def _given_text_while_drawing(monkeypatch) -> list[str]:
    """The text given to a layout while the document is drawn (each time, its lines are
    shaped again), each line broken anew."""
    from weasyprint import HTML as Html
    from weasyprint.text.line_break import Layout

    lines_broken_by(monkeypatch, weasyprints_split())
    document = Html(string=_html()).render()
    given = []
    set_text = Layout.set_text

    def counted(self, text, justify=False):
        given.append(text)
        return set_text(self, text, justify)

    monkeypatch.setattr(Layout, "set_text", counted)
    document.write_pdf()
    monkeypatch.undo()
    return given


def _new_layouts_for_drawing(monkeypatch) -> None:
    """WeasyPrint's own drawing, as without the patch: each line's layout made anew."""
    from weasyprint.text.line_break import Layout

    for name, method in Layout._chapbook_original.items():
        monkeypatch.setattr(Layout, name, method)


def test_the_pdf_is_the_same_as_with_new_layouts(monkeypatch):
    kept = _write_twice()
    assert kept[0] == kept[1]  # a second drawing (the print file's) is the same
    _new_layouts_for_drawing(monkeypatch)
    assert _write_twice() == kept


@pytest.mark.parametrize("kept", [True, False])
def test_plain_lines_are_drawn_without_setting_a_layout_up(monkeypatch, kept):
    if not kept:
        _new_layouts_for_drawing(monkeypatch)
    again = _set_up_again_while_drawing(monkeypatch)
    if kept:  # only the lines with spacing of their own
        own = ("Letter-spaced heading", WORDS)
        assert {next(p for p in own if line.strip() in p) for line in again} == set(own)
    else:
        assert len(again) > 40


@pytest.mark.parametrize("kept", [True, False])
def test_lines_broken_with_no_width_left_are_drawn_as_shaped(monkeypatch, kept):
    """A line that breaking left in its own text with no width (all but a paragraph's last,
    unless justified; each of a leader's dots) is not shaped again to be drawn."""
    if not kept:
        _new_layouts_for_drawing(monkeypatch)
    given = _given_text_while_drawing(monkeypatch)
    ragged = [text for text in given
              if len(text.split()) > 1 and text.strip() in LEFT]  # not a chart's letter
    dots = [text for text in given if text == ". "]
    if kept:  # no dot; at most the last line, which was broken at the paragraph's width
        assert not dots
        assert len(ragged) <= 1 and all(LEFT.strip().endswith(t.strip()) for t in ragged)
    else:
        assert len(dots) > 5 and len(ragged) > 4
