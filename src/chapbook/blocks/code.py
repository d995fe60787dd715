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
    id: str = ""  # `{#lst-x .python}`: a link target in the booklet


_CELL_OPTION = re.compile(r"^\s*#\|")
_RAW = re.compile(r"^\{=([\w-]+)\}$")
TEX_FORMATS = ("latex", "tex", "beamer", "context")
HTML_FORMATS = ("html", "html4", "html5", "revealjs")
MARKDOWN_FORMATS = ("markdown", "md", "commonmark", "gfm")


def convert(node, ctx, *, numbered: bool, terms: bool):
    """A fence's language as Pandoc, Quarto and R Markdown write it (`python`, `{python}`,
    `{.python}`, `{#lst-x .python}`, `{r setup, echo=FALSE}`); an executable chunk's `#|`
    options, which Quarto never shows, are left out. A raw block (`{=latex}`) is read as
    Pandoc reads it for a format that is not its own (`raw_block`)."""
    info = (node.info or "").strip()
    text = node.content.rstrip("\n")
    if raw := _RAW.match(info):
        return raw_block(raw.group(1).lower(), node.content, ctx, ctx.line(node),
                         numbered=numbered, terms=terms)
    if not info.startswith("{"):
        return Code(text, info.split(" ")[0], ctx.line(node))
    lines = text.split("\n")
    while lines and _CELL_OPTION.match(lines[0]):
        lines.pop(0)
    language, ident = fence_attributes(info)
    return Code("\n".join(lines), language, ctx.line(node), ident)


def fence_attributes(info: str) -> tuple[str, str]:
    """(language, id) of a `{...}` info string: the first `.class` (else the first bare
    word: Quarto's `{python}`, R Markdown's `{r label}`) and the `#id`."""
    words = [w for w in re.split(r"[\s,]+", info.strip().removeprefix("{").removesuffix("}"))
             if w and "=" not in w]
    ident = next((w[1:] for w in words if w.startswith("#")), "")
    classes = [w[1:] for w in words if w.startswith(".")]
    bare = [w for w in words if w[0] not in "#."]
    return (classes[0] if classes else bare[0] if bare else ""), ident


def raw_block(fmt: str, content: str, ctx, line: int, *, numbered: bool, terms: bool):
    """Pandoc's raw block, outside its format: TeX (and any format chapbook does not
    write) is left out, HTML is its text, Markdown is read; each approximation warned of."""
    from chapbook.blocks import div, paragraph

    if fmt in HTML_FORMATS:
        return paragraph.raw_html(content, ctx, line, terms=terms)
    if fmt in MARKDOWN_FORMATS:
        blocks = ctx.parse_blocks(content, line + 1, numbered=numbered, terms=terms)
        return div.Div("", blocks, "", line) if blocks else None
    ctx.warn(line, f"raw {fmt} block {' '.join(content.split())[:40]!r} only means something "
             f"to {'LaTeX' if fmt in TEX_FORMATS else fmt}: left out")
    return None


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
