"""Columns, as Quarto and Pandoc's slide formats write them: `:::: columns` holding
`::: {.column width="40%"}` divs. Side by side in the booklet and on the slide."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import ColumnBreak

KIND = "columns"
NODES: tuple[str, ...] = ()
DIVS = ("columns",)
_WIDTH = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


@dataclass(frozen=True)
class Column:
    width: float  # a share of the line, 0 to 1; 0 when the author gave none
    blocks: tuple


@dataclass(frozen=True)
class Columns:
    kind: ClassVar[str] = KIND
    columns: tuple[Column, ...]
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool, attrs=None) -> Columns:
    from chapbook.read.markdown import parse_div_attrs

    columns = []
    loose = []
    for child in node.children:
        inner = parse_div_attrs(child.nester_tokens.opening.info) if child.type == "div" else None
        if inner is not None and "column" in inner.classes:
            ctx.check_closed(child)
            m = _WIDTH.match(inner.attrs.get("width", ""))
            blocks = ctx.blocks(child.children, numbered=numbered, terms=terms)
            columns.append(Column(float(m.group(1)) / 100 if m else 0.0, blocks))
        else:
            loose.append(child)
    if loose:  # content outside any column: a column of its own, first
        columns.insert(0, Column(0.0, ctx.blocks(loose, numbered=numbered, terms=terms)))
    return Columns(tuple(columns), ctx.line(node))


def own_text(block: Columns) -> str | None:
    return None


def children(block: Columns) -> tuple:
    return tuple(b for column in block.columns for b in column.blocks)


def read_plan(element, reader) -> list:
    """Each column's content, a `ColumnBreak` between them."""
    out: list = []
    for n, column in enumerate(element.xpath("./div")):
        if n:
            out.append(ColumnBreak())
        out.extend(reader.contents(list(column)))
    return out
