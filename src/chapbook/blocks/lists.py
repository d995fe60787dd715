"""Bulleted and numbered lists: nested lists stay nested, in both outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Para, TextBody

KIND = "list"
NODES = ("bullet_list", "ordered_list")
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListItem:
    blocks: tuple

    @property
    def text(self) -> str:
        from chapbook.blocks import plain_text

        return " ".join(t for b in self.blocks if (t := plain_text(b)))


@dataclass(frozen=True)
class ListBlock:
    kind: ClassVar[str] = KIND
    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    items = tuple(ListItem(ctx.blocks(item.children, numbered=numbered, terms=terms))
                  for item in node.children)
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    return ListBlock(ordered, start, items, ctx.line(node))


def own_text(block: ListBlock) -> str | None:
    return None  # the items' text, through `children`


def children(block: ListBlock) -> tuple:
    return tuple(b for item in block.items for b in item.blocks)


def read_plan(element, reader) -> list:
    return [TextBody(tuple(_paras(element, reader, 0)))]


def _paras(element, reader, level: int) -> list[Para]:
    paras = []
    number = int(element.get("start") or 1) if element.tag == "ol" else 0
    for li in element:
        if li.tag != "li":
            continue
        marker = f"{number}." if number else ""
        number += 1 if number else 0
        paras.append(Para(reader.runs(li, skip=("ul", "ol")), level, marker=marker))
        for sub in li:
            if sub.tag in ("ul", "ol"):
                paras.extend(_paras(sub, reader, level + 1))
    return paras
