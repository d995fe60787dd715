"""Code blocks: every line and space kept, in both outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Para, Run, TextBody

KIND = "code"
NODES = ("fence", "code_block")
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Code:
    kind: ClassVar[str] = KIND
    text: str
    language: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool):
    language = (node.info or "").split(" ")[0]
    return Code(node.content.rstrip("\n"), language, ctx.line(node))


def own_text(block: Code) -> str:
    return block.text


def children(block: Code) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    """A `<pre>`'s text exactly, a paragraph per line (an empty line stays a line)."""
    text = "".join(element.itertext())
    lines = text.removesuffix("\n").split("\n")
    return [TextBody(tuple(Para((Run(line, code=True),) if line else (), 0, bullet=False,
                                style="code") for line in lines))]
