"""Figures side by side: several images in one paragraph, or a Quarto `layout-ncol` div.
A row in the booklet; on slides, each picture as the deck shows one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

KIND = "figurerow"
NODES: tuple[str, ...] = ()  # made by `paragraph`
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureRow:
    kind: ClassVar[str] = KIND
    figures: tuple
    line: int


def figure_grid(node, ctx, *, numbered: bool, terms: bool):
    """Quarto's `::: {layout-ncol=2}`: the figures inside, side by side."""
    blocks = ctx.blocks(node.children, numbered=numbered, terms=terms)
    figures = tuple(f for b in blocks for f in (b.figures if b.kind == KIND else (b,))
                    if f.kind == "figure")
    if len(figures) != len(blocks) and not all(b.kind in ("figure", KIND) for b in blocks):
        from chapbook.blocks.div import Div

        return Div("layout", blocks, "", ctx.line(node))
    return FigureRow(figures, ctx.line(node))


def own_text(block: FigureRow) -> str | None:
    return None


def children(block: FigureRow) -> tuple:
    return block.figures


def read_plan(element, reader) -> list:
    return reader.contents(list(element))
