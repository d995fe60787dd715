"""Block quotes: set off in the booklet; on a slide of their own, a quote slide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Para, TextBody

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
    return [TextBody(tuple(Para(reader.runs(p), 0, bullet=False) for p in element.iter("p")))]
