"""Paragraphs: prose in the booklet, a paragraph without a bullet on a slide.

A paragraph holding nothing but one image is a figure (see `figure`), several
images a row of figures; one holding only a page break (`{{< pagebreak >}}`,
`\\newpage`) is a page break; one holding only raw TeX commands (`\\pause`,
`\\vspace{1em}`) is left out, as Pandoc leaves it out of anything but LaTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup, escape

from chapbook.blocks import figure
from chapbook.blocks.pagebreak import PageBreak
from chapbook.plan.schema import Para, TextBody

KIND = "paragraph"
NODES = ("paragraph", "html_block")
DIVS: tuple[str, ...] = ()
_COMMENTS = re.compile(r"\s*(<!--.*?-->\s*)+", re.S)
_RAW_TEX = re.compile(r"(\\[a-zA-Z]+\*?(\[[^\]]*\])?(\{[^{}]*\})*\s*)+")


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = KIND
    html: Markup
    text: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    line = ctx.line(node)
    if node.type == "html_block":  # raw HTML is shown as text; comments are dropped
        if _COMMENTS.fullmatch(node.content):
            return None
        return Paragraph(Markup(escape(node.content.strip())), node.content.strip(), line)
    inline = node.children[0]
    images = figure.lone_images(inline)
    if len(images) == 1:
        return figure.from_image(images[0], ctx, line, numbered=numbered)
    if images:
        return figure.row(images, ctx, line, numbered=numbered)
    if _is_pagebreak(inline):
        return PageBreak(line)
    if _RAW_TEX.fullmatch(inline.content.strip()):
        ctx.warn(line, f"raw TeX {inline.content.strip()[:40]!r} only means something to "
                 "LaTeX: left out")
        return None
    html, text = ctx.inline(inline, terms=terms)
    return Paragraph(html, text, line)


def _is_pagebreak(inline) -> bool:
    kids = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(kids) == 1 and kids[0].type == "shortcode":
        return kids[0].meta["name"] == "pagebreak"
    return inline.content.strip() in ("\\newpage", "\\pagebreak", "\\clearpage")


def own_text(block: Paragraph) -> str:
    return block.text


def children(block: Paragraph) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    return [TextBody((Para(reader.runs(element), 0, bullet=False),))]
