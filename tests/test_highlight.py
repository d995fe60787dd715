"""Code highlighting: no character of the source lost, classes not styles, readable colours."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from chapbook.text.contrast import AA_NORMAL_TEXT, contrast_ratio
from chapbook.text.highlight import highlight_html, highlight_runs, language_name, stylesheet

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = {
    "python": 'def mean(xs):\n\t"""Mean; 0 if empty."""\n\treturn sum(xs) / len(xs) if xs else 0\n',
    "{r}": "x <- c(1, 2, 3)\n\nmean(x)  # 2\nf <- function(a) { a + 1 }\n",
    "{.bash}": 'for f in *.csv; do\n  echo "$f" >> list.txt\ndone\n',
    "console": "$ ls -l\ntotal 0\n$ echo hi\nhi\n",
    "sql": "SELECT name, COUNT(*)\nFROM states\nWHERE year < 1935\nGROUP BY name;\n",
    "js": "const x = `a ${b}`;\nif (x < 3 && y > 2) { return '<b>'; }\n",
    "julia": "function f(x::Int)\n    x^2 + 1\nend\n",
    "text": "plain <text> & more\n\ttabbed\n",
    "": "no language at all\r\nwindows line ends\r\n",
    "klingon": "unknown language\n",
    "python ": "trailing   spaces   \n\n\n  and blank lines\n\n",
    "{python}": "s = 'unterminated\nprint(\"ünïcödé → ✓\")\n",
}


def expected_text(code: str) -> str:
    """The normalisation the module documents: `\\n` line ends, one final end off, tabs at 4."""
    text = code.replace("\r\n", "\n").removesuffix("\n")
    return text.expandtabs(4)


def text_of_html(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("language", SAMPLES)
def test_html_keeps_every_character_and_line(language):
    code = SAMPLES[language]
    markup = str(highlight_html(code, language))
    assert text_of_html(markup) == expected_text(code)


@pytest.mark.parametrize("language", SAMPLES)
def test_runs_keep_every_character_and_line(language):
    code = SAMPLES[language]
    lines = highlight_runs(code, language)
    expected = expected_text(code).split("\n")
    assert ["".join(text for text, _ in line) for line in lines] == expected
    for line in lines:  # neighbours of one colour are merged, and no run is empty
        assert all(text for text, _ in line)
        assert all(a[1] != b[1] for a, b in itertools.pairwise(line))


@pytest.mark.parametrize("language", SAMPLES)
def test_html_is_spans_with_classes_only(language):
    markup = str(highlight_html(SAMPLES[language], language))
    tags = re.findall(r"<[^>]*>", markup)
    assert "style=" not in markup
    assert all(re.fullmatch(r'<span class="hl-[a-z0-9]+">|</span>', tag) for tag in tags)


@pytest.mark.parametrize("language", ["text", "", "klingon", "{}"])
def test_plain_text_is_escaped_without_spans(language):
    markup = str(highlight_html("<b>x</b> & y\n", language))
    assert markup == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert highlight_runs("<b>x</b>", language) == [[("<b>x</b>", None)]]


@pytest.mark.parametrize(("info", "name"), [
    ("python", "python"), ("{python}", "python"), ("{.python}", "python"),
    ("{#listing .python .numberLines startFrom=10}", "python"), ("Python", "python"),
    ("r", "r"), ("{r}", "r"), ("{r, echo=FALSE}", "r"), ("{r setup, include=FALSE}", "r"),
    ("bash", "bash"), ("sh", "bash"), ("{.sh}", "bash"), ("console", "console"),
    ("sql", "sql"), ("js", "javascript"), ("julia", "julia"), ("py", "python"),
    ("text", None), ("", None), ("{}", None), ("  ", None), ("plain", None),
])
def test_language_names_as_authors_write_them(info, name):
    assert language_name(info) == name


@pytest.mark.parametrize(("language", "code", "word"), [
    ("python", "def f(): pass", "def"), ("{r}", "f <- function(a) a", "function"),
    ("sql", "SELECT 1", "SELECT"), ("js", "const x = 1", "const"),
    ("julia", "function f() end", "function"), ("bash", "if true; then x; fi", "if"),
])
def test_keywords_are_coloured_as_keywords(language, code, word):
    colours = {text.strip(): colour for line in highlight_runs(code, language)
               for text, colour in line}
    assert colours[word] == "1F4F8F"
    assert re.search(f'<span class="hl-k[a-z]?">{word}</span>', highlight_html(code, language))


def test_stylesheet_is_scoped_and_every_colour_reads_on_white():
    css = stylesheet()
    rules = [r for r in css.splitlines() if r.strip()]
    assert len(rules) > 20
    assert all(r.startswith(".code .hl-") for r in rules)
    assert ".code .hl-k { color: #1F4F8F; font-weight: bold }" in css
    colours = re.findall(r"color: #([0-9A-Fa-f]{6})", css)
    assert colours
    for colour in colours:
        assert contrast_ratio(colour, "FFFFFF") >= AA_NORMAL_TEXT, colour
    assert "background" not in css  # the page's design, not the highlighter's


def test_every_run_colour_reads_on_white():
    for language, code in SAMPLES.items():
        for line in highlight_runs(code, language):
            for _, colour in line:
                if colour is not None:
                    assert contrast_ratio(colour, "FFFFFF") >= AA_NORMAL_TEXT


def test_another_pygments_style_can_be_asked_for():
    assert ".code .hl-k" in stylesheet("xcode")
    assert highlight_runs("def f(): pass", "python", "xcode")[0][0][1] is not None


@pytest.mark.parametrize(("path", "family", "weight"), [
    ("templates/booklet/fonts/IBMPlexMono-Regular.ttf", "IBM Plex Mono", 400),
    ("templates/booklet/fonts/IBMPlexMono-Bold.ttf", "IBM Plex Mono", 700),
    ("templates/deck/fonts/LiberationMono-Regular.ttf", "Liberation Mono", 400),
    ("templates/deck/fonts/LiberationMono-Bold.ttf", "Liberation Mono", 700),
])
def test_code_fonts_are_monospaced_open_fonts(path, family, weight):
    with TTFont(ROOT / path) as font:
        assert font["name"].getDebugName(1) == family
        assert font["OS/2"].usWeightClass == weight
        assert "Open Font License" in font["name"].getDebugName(13) or "OFL" in (
            font["name"].getDebugName(14) or "")
        cmap = font.getBestCmap()
        widths = {font["hmtx"][cmap[ord(c)]][0] for c in "iMW0l_ {}"}
        assert len(widths) == 1, "a code font must be monospaced"
        features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
        assert not features & {"liga", "calt"}, "no ligatures: code must show what was typed"
    licence = (ROOT / path).parent / ("OFL-IBMPlexMono.txt" if "Plex" in path
                                      else "OFL-Liberation.txt")
    assert "SIL OPEN FONT LICENSE" in licence.read_text().upper()
