"""Block quotes: set off in the booklet; on a slide of their own, a quote slide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

KIND = "quote"
NODES = ("blockquote",)
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = KIND
    blocks: tuple
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    return Quote(ctx.blocks(node.children, numbered=numbered, terms=terms), ctx.line(node))


def own_text(block: Quote) -> str | None:
    return None


def children(block: Quote) -> tuple:
    return block.blocks


def read_plan(element, reader) -> list:
    """What the quotation holds: its paragraphs, lists, code..."""
    return reader.contents(list(element))
