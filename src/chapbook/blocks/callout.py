"""Callouts: a boxed aside in the booklet, a slide of its own in the deck.
`::: {.callout title="Fun fact"}`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Para, Run, TextBody

KIND = "callout"
NODES: tuple[str, ...] = ()
DIVS = ("callout",)


@dataclass(frozen=True)
class Callout:
    kind: ClassVar[str] = KIND
    title: str
    blocks: tuple
    id: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool, attrs=None) -> Callout:
    ident = attrs.id or f"callout-{ctx.number('callout')}"
    title = ctx.typeset(attrs.attrs.get("title", "").strip())
    blocks = ctx.blocks(node.children, numbered=numbered, terms=terms)
    return Callout(title, blocks, ident, ctx.line(node))


def own_text(block: Callout) -> str | None:
    return None


def children(block: Callout) -> tuple:
    return block.blocks


def read_plan(element, reader) -> list:
    """Inside a slide: its title as a bold line, then its content."""
    out: list = []
    title = element.get("data-title", "")
    if title:
        out.append(TextBody((Para((Run(title, bold=True),), 0, bullet=False),)))
    out.extend(reader.contents(list(element)))
    return out
