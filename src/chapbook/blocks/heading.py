"""Subheadings (`###` and deeper) inside a section: the booklet's subheads and contents
entries; a bold line on a slide. `##` headings make sections (see `read.structure`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from chapbook.plan.schema import Para, Run, TextBody

KIND = "heading"
NODES = ("heading",)
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = KIND
    level: int
    html: Markup
    text: str
    id: str
    line: int
    anchors: tuple[str, ...] = ()  # other ids links may use (see `read.anchors`)


def convert(node, ctx, *, numbered: bool, terms: bool, ident: str = "", shift: int = 0):
    """`shift` raises the level when `#` makes sections (then `##` is a subheading)."""
    from chapbook.read.anchors import heading_anchors

    html, text = ctx.inline(node.children[0], terms=False)
    line = ctx.line(node)
    return Heading(int(node.tag[1]) + shift, html, text, ident or f"h-{line}", line,
                   heading_anchors(node, text, ctx))


def own_text(block: Heading) -> str:
    return block.text


def children(block: Heading) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    runs = tuple(Run(r.text, True, r.italic, r.code, r.color, r.link)
                 for r in reader.runs(element))
    return [TextBody((Para(runs, 0, bullet=False, style="heading"),))]
