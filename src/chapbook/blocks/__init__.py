"""The block registry: one module per kind of block, in the spirit of markdown-it's rules.

Each module holds everything the program knows about its kind:

- `KIND`, and the model record(s): frozen dataclasses with a `kind` class attribute;
- `NODES` (markdown-it node types) and `DIVS` (fenced-div classes) it converts, and
  `convert(node, ctx, numbered=..., terms=...)`, from tokens to the record;
- `own_text(block)` (plain text for notes, or None to use its children's) and
  `children(block)` (the blocks inside it);
- `read_plan(element, reader)`: its element of the slide-plan HTML (marked
  `data-kind="<kind>"`) read back into deck-plan content.

Its HTML lives in the templates: `templates/booklet/blocks/<kind>.html.j2` and
`templates/deck/blocks/<kind>.html.j2`. Adding a kind means one module here, its two
partials, its CSS, and one line in `MODULES`. Dispatch refuses an unknown kind.
"""

from __future__ import annotations

from types import ModuleType

from chapbook.blocks import (
    callout,
    chart,
    code,
    columns,
    deflist,
    div,
    figure,
    figurerow,
    heading,
    lists,
    maths,
    pagebreak,
    paragraph,
    quote,
    rule,
    table,
)
from chapbook.blocks.callout import Callout
from chapbook.blocks.chart import Chart, ChartPoint
from chapbook.blocks.code import Code
from chapbook.blocks.columns import Column, Columns
from chapbook.blocks.deflist import Definition, DefinitionList
from chapbook.blocks.div import Div
from chapbook.blocks.figure import Figure
from chapbook.blocks.figurerow import FigureRow
from chapbook.blocks.heading import Heading
from chapbook.blocks.lists import ListBlock, ListItem
from chapbook.blocks.maths import Maths
from chapbook.blocks.pagebreak import PageBreak
from chapbook.blocks.paragraph import Paragraph
from chapbook.blocks.quote import Quote
from chapbook.blocks.rule import Rule
from chapbook.blocks.table import Cell, Table

MODULES: tuple[ModuleType, ...] = (paragraph, heading, lists, quote, code, rule, figure,
                                   figurerow, table, chart, callout, columns, deflist, maths,
                                   pagebreak, div)
KINDS: dict[str, ModuleType] = {m.KIND: m for m in MODULES}
BY_NODE: dict[str, ModuleType] = {t: m for m in MODULES for t in m.NODES}
BY_DIV: dict[str, ModuleType] = {c: m for m in MODULES for c in m.DIVS}

Block = (Paragraph | Heading | ListBlock | Quote | Code | Rule | Figure | FigureRow | Chart | Table
         | Callout | Columns | DefinitionList | Maths | PageBreak | Div)


class UnknownKind(LookupError):
    """A block (or plan element) of a kind no module handles: a bug, or a template error."""


def module_for(kind: str) -> ModuleType:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownKind(f"no block module for kind {kind!r} "
                          f"(known: {', '.join(KINDS)})") from None


def children(block) -> tuple:
    return module_for(block.kind).children(block)


def plain_text(block) -> str:
    """Plain text of a block, for notes and metadata."""
    own = module_for(block.kind).own_text(block)
    if own is not None:
        return own
    return " ".join(t for b in children(block) if (t := plain_text(b)))


def walk(blocks) -> list:
    """Every block, depth first, in reading order."""
    out: list = []
    for block in blocks:
        out.append(block)
        out.extend(walk(children(block)))
    return out


__all__ = ["BY_DIV", "BY_NODE", "KINDS", "MODULES", "Block", "Callout", "Cell", "Chart",
           "ChartPoint", "Code", "Column", "Columns", "Definition", "DefinitionList", "Div",
           "Figure", "FigureRow", "Heading", "ListBlock", "ListItem", "Maths", "PageBreak",
           "Paragraph", "Quote", "Rule", "Table", "UnknownKind", "children", "module_for",
           "plain_text", "walk"]
