"""Links inside the booklet (`[text](#id)`): a target the booklet has is a link; one it
has not is warned of when reading and shown as its text, so the booklet still builds
(WeasyPrint refuses to write a link to a missing anchor)."""

from __future__ import annotations

import re

import lxml.html
import pytest
from lectures import make_image, write_lecture
from pdftools import page_texts, squash

from chapbook.booklet import booklet_pdf, render_booklet, render_booklet_html
from chapbook.read.parse import parse_lecture

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

LECTURE = """\
---
title: Links
sources:
  - key: listed1999
    author: Jane Listed
    title: Always listed
    year: 1999
bibliography: refs.bib
---

An introduction with a **term**.[^1]

### An intro heading

## First {#first}

Text citing [@cited2001] and [@listed1999].

### A subheading

![A map](figures/map.png "A caption"){#fig-map}

![Left](figures/map.png) ![Right](figures/map.png)

| A | B |
|---|---|
| 1 | 2 |

: A table {#tbl-one}

$$
x = 1
$$ {#eq-one}

::: {.callout-note title="An aside"}
#### Inside a callout

Body.
:::

::: {#a-div .sidenote}
Div.
:::

```{#lst-code .python}
x = 1
```

## Second

More text.

[^1]: A note.
"""

BIB = """\
@book{cited2001, author = {Cited, Carl}, title = {Cited once}, year = {2001}}
@book{uncited2002, author = {Quiet, Quentin}, title = {Never cited}, year = {2002}}
"""


def _folder(tmp_path, extra: str = ""):
    folder = write_lecture(tmp_path, LECTURE + extra)
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    make_image(folder / "figures" / "map.png")
    return folder


def _nowhere(lecture) -> list:
    return [f for f in lecture.findings if "goes nowhere" in f.message]


def _booklet_ids(html: str) -> set[str]:
    """The ids of the booklet's elements (not those inside the maths' SVG)."""
    root = lxml.html.document_fromstring(html)
    return {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")
            and not any(a.tag.endswith("svg") for a in e.iterancestors())}


def test_every_anchor_the_booklet_has_may_be_linked_to(tmp_path):
    """Read once, collect every id of the booklet, link to each, read again: no warning."""
    ids = _booklet_ids(render_booklet_html(parse_lecture(_folder(tmp_path / "a"))))
    for expected in ("intro", "index", "sources", "ref-listed1999", "ref-cited2001", "s1",
                     "first", "a-subheading", "fig-map", "tbl-one", "eq-one", "a-div",
                     "lst-code", "inside-a-callout", "an-intro-heading"):
        assert expected in ids
    assert "ref-uncited2002" not in ids  # a bibliography entry never cited is not listed
    links = " ".join(f"[{i}](#{i})" for i in sorted(ids))
    lecture = parse_lecture(_folder(tmp_path / "b", f"\n## Links\n\n{links}\n"))
    assert _nowhere(lecture) == []
    html = render_booklet_html(lecture)
    assert all(f'href="#{i}"' in html for i in ids)


def test_a_link_to_a_missing_anchor_is_its_text_and_the_booklet_builds(tmp_path):
    extra = "\n## Links\n\nSee [the lost part](#nowhere) and [ref](#ref-uncited2002).\n"
    folder = _folder(tmp_path, extra)
    lecture = parse_lecture(folder)
    warned = _nowhere(lecture)
    line = (LECTURE + extra).split("\n").index(
        "See [the lost part](#nowhere) and [ref](#ref-uncited2002).") + 1
    assert [(f.line, re.search(r"#\S+", f.message).group(0)) for f in warned] == \
        [(line, "#nowhere"), (line, "#ref-uncited2002")]
    html = render_booklet_html(lecture)
    assert 'href="#nowhere"' not in html and "the lost part" in html
    assert 'href="#ref-uncited2002"' not in html
    pdf = tmp_path / "booklet.pdf"
    pdf.write_bytes(booklet_pdf(render_booklet(lecture)))
    assert squash("See the lost part and ref") in squash(" ".join(page_texts(pdf)))
