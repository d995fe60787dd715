"""Code blocks: every line and space kept, in both outputs."""

from __future__ import annotations

import re
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


_CELL_OPTION = re.compile(r"^\s*#\|")


def convert(node, ctx, *, numbered: bool, terms: bool):
    """A fence's language as Pandoc, Quarto and R Markdown write it (`python`, `{python}`,
    `{.python}`, `{r setup, echo=FALSE}`); an executable chunk's `#|` options, which
    Quarto never shows, are left out."""
    info = (node.info or "").strip()
    language = info.split(" ")[0]
    text = node.content.rstrip("\n")
    if info.startswith("{"):
        lines = text.split("\n")
        while lines and _CELL_OPTION.match(lines[0]):
            lines.pop(0)
        text = "\n".join(lines)
        language = re.split(r"[\s,}]", info[1:].lstrip("."), maxsplit=1)[0]
    return Code(text, language, ctx.line(node))


def own_text(block: Code) -> str:
    return block.text


def children(block: Code) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    """A `<pre>`'s text exactly, a paragraph per line (an empty line stays a line), in
    coloured runs as the booklet highlights it."""
    from chapbook.text.highlight import highlight_runs

    # The partial opens with a newline (which HTML drops after <pre>), so a code block
    # that starts with an empty line keeps it; lxml keeps that newline: take it off.
    text = "".join(element.itertext()).removeprefix("\n").removesuffix("\n")
    lines = highlight_runs(text, element.get("data-language", ""))
    return [TextBody(tuple(
        Para(tuple(Run(piece, code=True, color=colour) for piece, colour in line if piece),
             0, bullet=False, style="code")
        for line in lines))]
