"""Real lectures, as found: every file of tests/corpus builds, and nothing is lost on the way.

The corpus holds openly licensed lecture material written for Pandoc, Quarto, MyST,
R Markdown, Marp and the Carpentries (see tests/corpus/README.md). For each file:

- it builds into every format, with no edit but a `title:` where it had none;
- every list item and every code line of the lecture reaches the booklet and the slides;
- no Markdown, Pandoc, Quarto or MyST syntax is left in the text of any output (code
  aside: a lecture may show syntax in a code block);
- LibreOffice draws every character of the deck inside its shape.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from conftest import require_program
from pptx import Presentation

from chapbook.blocks import walk
from chapbook.build import build
from chapbook.formats import FORMATS, Job
from chapbook.plan.render import render_plan_html
from chapbook.read import parse_lecture
from chapbook.settings import resolve

pytestmark = pytest.mark.slow  # builds every real lecture of tests/corpus in every format

CORPUS = Path(__file__).resolve().parent / "corpus"
LECTURES = sorted(p.parent.name for p in CORPUS.glob("*/lecture.md"))
# What must never reach a reader: the syntax of the source, outside code.
LEFTOVERS = [
    (re.compile(r"(^|\s):::+"), "fenced div marker"),
    (re.compile(r"\{\{[<%]"), "shortcode"),
    (re.compile(r"\[@[\w-]"), "bracketed citation"),
    (re.compile(r"\]\((?:https?:|#|[\w./-]+\.(?:png|jpe?g|svg|gif))"), "Markdown link"),
    (re.compile(r"\{[.#][\w-]+[^}]*\}"), "attribute block"),
    (re.compile(r"\$\$|\\begin\{|\\\[|\\\("), "TeX maths delimiter"),
    (re.compile(r"```"), "code fence"),
    (re.compile(r"<!--|-->"), "HTML comment"),
    (re.compile(r"\{(?:cite|numref|ref|math|eq)\}`"), "MyST role"),
    (re.compile(r"(^|\s)#{1,6}\s\S"), "heading marker"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every corpus lecture built once into every format."""
    out = tmp_path_factory.mktemp("corpus")
    built = {}
    for name in LECTURES:
        paths = [b.path for b in build(CORPUS / name, out / name, tuple(FORMATS))]
        built[name] = {p.name.removeprefix(name).lstrip("-") or p.suffix: p for p in paths}
    return built


@pytest.fixture(params=LECTURES)
def lecture(request):
    return request.param


def _squash(text: str) -> str:
    """Text to compare: no whitespace, no hyphens at line ends, quotes and dashes as one."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[‐-]\s*\n", "", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b'`´]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u00ab\u00bb\"]", '"', text)
    text = re.sub(r"[\u2010-\u2015−-]", "", text)  # hyphens come and go at line ends
    return re.sub(r"\s+", "", text)


def _pdf_texts(path: Path) -> tuple[str, ...]:
    """The PDF's text as poppler reads it (pypdf mangles justified text and old-style
    figures), in reading order and in layout order (side-by-side columns, code with
    comments in another colour), each without the pages' running heads and folios."""
    pdftotext = require_program("pdftotext")
    texts = []
    for mode in ([], ["-layout"]):
        out = subprocess.run([pdftotext, *mode, "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True, text=True, timeout=120).stdout
        texts.append(_squash("\n".join(_body(page) for page in out.split("\f"))))
    return tuple(texts)


def _body(page: str) -> str:
    lines = [line for line in page.split("\n") if line.strip()]
    return "\n".join(lines[1:-1]) if len(lines) > 2 else "\n".join(lines)


def _deck_text(path: Path) -> str:
    parts = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return _squash("\n".join(parts))


def _items_and_code(lecture_name: str) -> tuple[list[str], list[str]]:
    """The text of every list item (without maths, which is drawn, not written) and
    every non-empty code line, as the model holds them."""
    lecture = parse_lecture(CORPUS / lecture_name)
    blocks = [b for blocks in (lecture.intro, *(s.blocks for s in lecture.sections),
                               *(sl.blocks for s in lecture.sections for sl in s.slides))
              for b in walk(blocks)]
    items = [text for b in blocks if b.kind == "list" for item in b.items
             if (text := _own_text(item)) and not any("data-tex" in str(getattr(c, "html", ""))
                                                      for c in walk(item.blocks))]
    code = [line.strip() for b in blocks if b.kind == "code"
            for line in b.text.split("\n") if line.strip()]
    return items, code


def _own_text(item) -> str:
    """An item's text without its nested lists, which are items of their own (a page may
    break, with footnotes, between an item and its sub-items)."""
    from chapbook.blocks import plain_text

    return " ".join(t for b in item.blocks if b.kind != "list" and (t := plain_text(b)))


def test_every_file_builds_into_every_format(corpus, lecture):
    built = corpus[lecture]
    assert len(built) == len(FORMATS)
    assert all(path.stat().st_size > 0 for path in built.values())


def test_every_list_item_and_code_line_reaches_the_booklet_and_the_slides(corpus, lecture):
    items, code = _items_and_code(lecture)
    booklet = _pdf_texts(corpus[lecture][".pdf"])
    slides = (_deck_text(corpus[lecture][".pptx"]),)
    for where, texts in (("booklet", booklet), ("slides", slides)):
        missing = [t for t in items + code if not any(_found(t, text) for text in texts)]
        assert not missing, f"{lecture}: {len(missing)} missing from the {where}: {missing[:5]}"


def _found(wanted: str, text: str) -> bool:
    """`wanted` is in `text`; a footnote's number may stand inside it."""
    wanted = _squash(wanted)
    return wanted in text or re.sub(r"\d", "", wanted) in re.sub(r"\d", "", text)


def _outside_code(html: str) -> str:
    """The text of an output's HTML, code and maths left out."""
    root = lxml.html.document_fromstring(html)
    for node in root.xpath("//pre | //code | //kbd | //*[@data-tex] | //style | //script "
                           "| //svg | //*[local-name()='svg']"):
        node.drop_tree()
    return root.text_content()


def _without_code(text: str, lecture_name: str) -> str:
    """`text` without what the source shows as code (inline `...` or a code block): a
    lecture may show syntax there, in titles too."""
    source = (CORPUS / lecture_name / "lecture.md").read_text(encoding="utf-8")
    shown = {s for s in re.findall(r"`([^`\n]+)`", source) if len(s) >= 3}
    for snippet in sorted(shown, key=len, reverse=True):
        text = text.replace(snippet, " ")
    return text


def test_no_source_syntax_is_left(lecture):
    parsed = parse_lecture(CORPUS / lecture)
    from chapbook.booklet import render_booklet_html

    texts = {"booklet": _outside_code(render_booklet_html(parsed)),
             "slide plan": _outside_code(render_plan_html(parsed))}
    plan = Job(parsed, resolve(parsed)).deck_plan
    texts["slides"] = "\n".join(
        "".join(r.text for r in p.runs if not r.code)
        for s in plan.slides for c in s.content for p in getattr(c, "paras", ())
        if p.style != "code")
    texts = {where: _without_code(text, lecture) for where, text in texts.items()}
    found = [f"{where}: {what}: …{text[max(0, m.start() - 30):m.end() + 30]!r}…"
             for where, text in texts.items() for pattern, what in LEFTOVERS
             for m in [pattern.search(text)] if m]
    assert not found, f"{lecture}:\n" + "\n".join(found)


def test_libreoffice_draws_every_character_inside_its_shape(corpus, lecture, tmp_path):
    from rendering import convert, read_rendered
    from test_overflow import test_no_character_outside_its_shape

    deck = corpus[lecture][".pptx"]
    rendered = read_rendered(lecture, deck, convert(deck, tmp_path))
    test_no_character_outside_its_shape(rendered)
