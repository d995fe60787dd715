"""Callouts: a boxed aside in the booklet, a slide of its own in the deck.

Ours, `::: {.callout title="Fun fact"}`; Quarto's, `::: {.callout-note}` (tip, warning,
important, caution), titled by `title=` or a heading inside; the Carpentries'
(`::: challenge`, `:::: solution`, objectives, questions, keypoints...); and MyST's
admonitions (```` ```{note} ````). Each keeps its kind, so templates style them apart; one
without a title of its own takes its kind's name in the lecture's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chapbook.plan.schema import Para, Run, TextBody

KIND = "callout"
NODES: tuple[str, ...] = ()
QUARTO = ("note", "tip", "warning", "important", "caution")
CARPENTRIES = ("challenge", "solution", "objectives", "questions", "keypoints", "prereq",
               "discussion", "checklist", "testimonial", "instructor", "spoiler", "hint")
MYST = ("attention", "danger", "error", "seealso", "admonition", "exercise", "example")
TITLE_LABELS = {"prereq": "prerequisites", "spoiler": "solution", "testimonial": "",
                "admonition": ""}
DIVS = ("callout", *(f"callout-{k}" for k in QUARTO), *QUARTO, *CARPENTRIES, *MYST)


@dataclass(frozen=True)
class Callout:
    kind: ClassVar[str] = KIND
    title: str
    blocks: tuple
    id: str
    line: int
    variant: str = ""  # note, tip, warning, challenge...: "" for our own plain callout


def variant_of(classes) -> str:
    for name in classes:
        if name.startswith("callout-"):
            return name.removeprefix("callout-")
        if name in CARPENTRIES or name in QUARTO or name in MYST:
            return name
    return ""


def convert(node, ctx, *, numbered: bool, terms: bool, attrs=None) -> Callout:
    variant = variant_of(attrs.classes)
    ident = attrs.id or f"callout-{ctx.number('callout')}"  # numbered before what it holds
    children = list(node.children)
    title = ctx.typeset(attrs.attrs.get("title", "").strip())
    if not title and children and children[0].type == "heading":
        title = ctx.inline(children.pop(0).children[0], terms=False)[1]
    blocks = ctx.blocks(children, numbered=numbered, terms=terms)
    return make(ctx, variant, title, blocks, ident, ctx.line(node))


def make(ctx, variant: str, title: str, blocks: tuple, ident: str, line: int) -> Callout:
    """A callout; without a title of its own, its kind's name (`Note`, `Challenge`)."""
    if not title and variant:
        from chapbook.text.labels import labels_for

        label = TITLE_LABELS.get(variant, variant)
        title = labels_for(ctx.meta.lang).get(label, "") if label else ""
    return Callout(title, blocks, ident or f"callout-{ctx.number('callout')}", line, variant)


def label_of(variant: str, labels: dict[str, str]) -> str:
    """The name a callout's slide shows above its text: its kind's in the lecture's
    language (`Challenge`, `Key points`), `Note` for a kind without a name of its own."""
    key = TITLE_LABELS.get(variant, variant)
    return labels.get(key, "") or labels["note"]


def own_text(block: Callout) -> str | None:
    return None


def children(block: Callout) -> tuple:
    return block.blocks


def read_plan(element, reader) -> list:
    """Inside a slide: its title as a bold line, then its content."""
    out: list = []
    title = element.get("data-title", "")
    if title:
        out.append(TextBody((Para((Run(title, bold=True),), 0, bullet=False),)))
    out.extend(reader.contents(list(element)))
    return out
