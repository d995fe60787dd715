"""Horizontal rules (`---`): a break in the booklet's prose; inside a slide block, the
author's own slide break."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Break

KIND = "rule"
NODES = ("hr",)
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    kind: ClassVar[str] = KIND
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    return Rule(ctx.line(node))


def own_text(block: Rule) -> str:
    return ""


def children(block: Rule) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    return [Break()]
