"""Display maths: `$$...$$`, `\\[...\\]`, `\\begin{align}...\\end{align}`, MyST's
```` ```{math} ````; labelled (`$$ {#eq-x}`) equations are numbered. Vector maths in the
booklet with the TeX as its accessible name; in the deck, an equation of its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from chapbook.plan.schema import Equation

KIND = "maths"
NODES = ("math_block", "math_block_label", "amsmath", "math_block_eqno")
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Maths:
    kind: ClassVar[str] = KIND
    tex: str
    html: Markup  # the drawing (or the TeX as code when it cannot be drawn)
    number: int | None
    id: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool) -> Maths:
    label = node.info if node.type == "math_block_label" else ""
    return make(node.content, label, ctx, ctx.line(node), numbered=numbered)


def make(tex: str, label: str, ctx, line: int, *, numbered: bool) -> Maths:
    from chapbook.maths.html import math_html

    html, _ = math_html(tex, True, line, ctx.warn)
    number = ctx.number("equation") if label and numbered else None
    return Maths(tex.strip(), html, number, label or f"eq-line-{line}", line)


def own_text(block: Maths) -> str:
    return block.tex


def children(block: Maths) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    return [Equation(element.get("data-tex", ""), element.get("aria-label", ""))]
