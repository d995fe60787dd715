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
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TEX_ENV = re.compile(r"\\begin\{([\w*]+)\}.*\\end\{\1\}", re.S)
_RAW_TEX = re.compile(r"(\\[a-zA-Z]+\*?(\[[^\]]*\])?(\{[^{}]*\})*\s*)+")


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = KIND
    html: Markup
    text: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    line = ctx.line(node)
    if node.type == "html_block":
        return _html_block(node, ctx, line, terms)
    inline = node.children[0]
    images = figure.lone_images(inline)
    if len(images) == 1:
        return figure.from_image(images[0], ctx, line, numbered=numbered)
    if images:
        return figure.row(images, ctx, line, numbered=numbered)
    if _is_pagebreak(inline):
        return PageBreak(line)
    if _RAW_TEX.fullmatch(inline.content.strip()) or _TEX_ENV.fullmatch(inline.content.strip()):
        ctx.warn(line, f"raw TeX {inline.content.strip()[:40]!r} only means something to "
                 "LaTeX: left out")
        return None
    html, text = ctx.inline(inline, terms=terms)
    return Paragraph(html, text, line)


def _html_block(node, ctx, line: int, terms: bool):
    """Raw HTML is never rendered: comments are dropped, text after a comment is Markdown
    again, and of tags only their text is kept, with a warning."""
    rest = _COMMENT.sub("", node.content).strip()
    if not rest:
        return None
    if not rest.startswith("<"):  # text after a comment: Markdown again
        html, text = ctx.inline_source(rest, line, terms=terms)
        return Paragraph(html, text, line)
    import lxml.html

    text = " ".join(lxml.html.fragment_fromstring(rest, create_parent="div")
                    .text_content().split())
    ctx.warn(line, f"raw HTML {rest[:30]!r}…: chapbook shows its text, not its tags")
    return Paragraph(Markup(escape(text)), text, line) if text else None


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
