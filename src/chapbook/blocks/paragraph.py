"""Paragraphs: prose in the booklet, a paragraph without a bullet on a slide.

A paragraph holding nothing but one image is a figure (see `figure`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from chapbook.blocks import figure
from chapbook.plan.schema import Para, TextBody

KIND = "paragraph"
NODES = ("paragraph", "html_block")
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = KIND
    html: Markup
    text: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    if node.type == "html_block":  # unreachable with raw HTML off; kept as text for safety
        from markupsafe import escape

        return Paragraph(Markup(escape(node.content)), node.content, ctx.line(node))
    inline = node.children[0]
    image = figure.lone_image(inline)
    if image is not None:
        return figure.from_image(image, ctx, ctx.line(node), numbered=numbered)
    html, text = ctx.inline(inline, terms=terms)
    return Paragraph(html, text, ctx.line(node))


def own_text(block: Paragraph) -> str:
    return block.text


def children(block: Paragraph) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    return [TextBody((Para(reader.runs(element), 0, bullet=False),))]
