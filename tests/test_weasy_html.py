"""tinyhtml5's patterns kept by their characters: the same trees, each pattern made once."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import SAMPLE

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)

HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>T &amp; t</title>
<style>body { font: 10pt serif } p::after { content: "\\2029" } /* <p> */</style>
<script>if (a < b && c > d) { x = "</p>"; }</script></head>
<body><!-- a comment -- with dashes --><h1 id="x" class='a b'>Titre&nbsp;: <em>un</em></h1>
<p>Text with &lt;entities&gt;, &#x2014; &eacute; and a\tTab, a\u2028line separator, and
an unquoted <a href=#x title=t>link</a>.<br/><img src="a.png" alt="">
<textarea>raw &amp; text</textarea><pre>
  kept   spaces</pre><table><tr><td>1<td>2</table>
<svg viewBox="0 0 10 10"><text x="1" y="5">&#9731;</text></svg></body></html>"""


def _inputstream():
    from tinyhtml5 import inputstream

    return inputstream


def _tree(html: str) -> bytes:
    import tinyhtml5

    return ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False))


def _sample_html() -> str:
    from chapbook.booklet.layout import render_booklet_html
    from chapbook.read import parse_lecture

    return render_booklet_html(parse_lecture(SAMPLE))


@pytest.mark.parametrize("name", ["test page", "sample booklet"])
def test_the_tree_is_tinyhtml5s_own(monkeypatch, name: str):
    html = HTML if name == "test page" else _sample_html()
    ours = _tree(html)
    monkeypatch.setattr(_inputstream(), "characters_until_regex", {})
    assert ours == _tree(html)


def test_each_pattern_is_made_once(monkeypatch):
    import re

    made = []
    compile_ = re.compile

    def compiled(pattern, *args):
        made.append(pattern)
        return compile_(pattern, *args)

    _tree(HTML)  # every pattern the page asks for is kept
    monkeypatch.setattr(re, "compile", compiled)
    _tree(HTML)
    assert made == []


def test_a_pattern_is_the_one_tinyhtml5_makes(monkeypatch):
    """Each pattern the test page asks for, made here, is the one tinyhtml5 makes and
    stores (under the wrong key) when it finds none."""
    inputstream = _inputstream()
    ours = inputstream.characters_until_regex
    _tree(HTML)
    asked = list(ours)
    assert len(asked) >= 3
    theirs: dict = {}
    monkeypatch.setattr(inputstream, "characters_until_regex", theirs)
    _tree(HTML)
    assert {pattern.pattern for pattern in theirs.values()} == {
        ours[key].pattern for key in asked}
