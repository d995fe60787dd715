"""Definition lists (Pandoc's, `Term` then `: Definition`): a `<dl>` in the booklet; on a
slide, each term in bold with its definition below it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from chapbook.plan.schema import Para, Run, TextBody

KIND = "deflist"
NODES = ("dl",)
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Definition:
    term_html: Markup
    term: str
    blocks: tuple  # the definitions' blocks


@dataclass(frozen=True)
class DefinitionList:
    kind: ClassVar[str] = KIND
    items: tuple[Definition, ...]
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool) -> DefinitionList:
    items: list[Definition] = []
    for child in node.children:
        if child.type == "dt":
            html, text = ctx.inline(child.children[0], terms=terms)
            items.append(Definition(html, text, ()))
        elif child.type == "dd" and items:
            last = items[-1]
            blocks = ctx.blocks(child.children, numbered=numbered, terms=terms)
            items[-1] = Definition(last.term_html, last.term, last.blocks + blocks)
    return DefinitionList(tuple(items), ctx.line(node))


def own_text(block: DefinitionList) -> str | None:
    return None


def children(block: DefinitionList) -> tuple:
    return tuple(b for item in block.items for b in item.blocks)


def read_plan(element, reader) -> list:
    paras: list[Para] = []
    for child in element:
        if child.tag == "dt":
            runs = tuple(Run(r.text, True, r.italic, r.code, r.color, r.link)
                         for r in reader.runs(child))
            paras.append(Para(runs, 0, bullet=False))
        elif child.tag == "dd":
            for body in reader.contents(list(child)) or [TextBody((Para(reader.runs(child), 1,
                                                                         bullet=False),))]:
                if isinstance(body, TextBody):
                    paras.extend(Para(p.runs, p.level + 1, False, p.style, p.marker)
                                 for p in body.paras)
    return [TextBody(tuple(paras))]
