"""Any other fenced div (`::: {.anything}`): its content rendered where it stands, inside
a `<div>` carrying its classes for template authors, with a warning that chapbook
gave it no meaning. Presentation-only divs (incremental lists, fragments, stacks,
a column outside columns) are shown as their content, without a warning: on paper
and in a static deck that is what they are. `style` attributes are never passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

KIND = "div"
NODES: tuple[str, ...] = ()
DIVS: tuple[str, ...] = ()  # the fallback for every div no other module claims
QUIET = {"incremental", "nonincremental", "fragment", "r-stack", "r-hstack", "r-vstack",
         "column", "content-visible", "content-hidden", "center", "footer", "aside",
         "smaller", "small", "r-fit-text", "absolute", "panel-tabset", "nostretch",
         "cell", "cell-output", "cell-output-display", "cell-output-stdout", "highlight-red",
         "unnumbered", "unlisted", "hidden", "keep-together"}
_SAFE_CLASS = re.compile(r"^[A-Za-z][\w-]{0,40}$")
# reveal.js effects (fragments, animations, stacks): nothing on paper or a static slide.
_EFFECTS = re.compile(r"^(fade-|semi-fade|highlight-|grow|shrink|strike|current-visible|r-|"
                      r"auto-animate|absolute|nostretch|stretch|scrollable)")


@dataclass(frozen=True)
class Div:
    kind: ClassVar[str] = KIND
    classes: str
    blocks: tuple
    id: str
    line: int


def convert(node, ctx, *, numbered: bool, terms: bool, attrs=None) -> Div:
    classes = [c for c in attrs.classes if _SAFE_CLASS.match(c)]
    unknown = [c for c in classes if c not in QUIET and not _EFFECTS.match(c)]
    if unknown:
        ctx.warn(ctx.line(node), f"`::: {{.{' .'.join(unknown)}}}` has no meaning for "
                 "chapbook: its content is shown as it stands")
    return make(attrs, ctx.blocks(node.children, numbered=numbered, terms=terms), ctx.line(node))


def make(attrs, blocks: tuple, line: int) -> Div:
    classes = [c for c in attrs.classes if _SAFE_CLASS.match(c)]
    return Div(" ".join(classes), blocks, attrs.id, line)


def own_text(block: Div) -> str | None:
    return None


def children(block: Div) -> tuple:
    return block.blocks


def read_plan(element, reader) -> list:
    return reader.contents(list(element))
