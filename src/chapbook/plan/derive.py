"""Slides derived from prose, for a section (or an introduction) without `::: slide` blocks.

Nothing the author put on a slide-like footing is lost: lists, code, maths, definition
lists and columns are shown in full, with a slide per subsection when the subsections
hold them; short paragraphs are shown as they are, long ones give their first
sentence as a point (and are read in full in the notes). A section of plain prose
keeps the old digest: its subheadings, or the first sentence of each paragraph, as
a few bullets. Pictures, tables, charts and callouts get slides of their own
(`deck.html.j2`'s `visuals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from chapbook.blocks import Block, ListBlock, ListItem, Paragraph, Quote

MAX_DERIVED_POINTS = 5
MAX_POINT_CHARS = 110
SHORT_PARAGRAPH = 160  # characters: shown in full on a slide
KEPT = ("list", "code", "maths", "deflist", "columns", "rule", "div")  # shown in full
VISUALS = ("figure", "figurerow", "chart", "table", "callout")  # slides of their own


@dataclass(frozen=True)
class Derived:
    """A slide made from prose: what it shows (blocks the partials write) and its notes."""

    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Block, ...]
    layout: str = "content"


def derived_slides(title: str, blocks: tuple[Block, ...]) -> list[Derived]:
    """The slides a run of prose gives (none when it holds nothing but visuals)."""
    parts = _parts(title, blocks)
    if not any(b.kind in KEPT for _, part in parts for b in part):
        points = derived_points(blocks)
        if not points:
            return []
        notes = tuple(b for b in blocks if b.kind in ("paragraph", "list", "quote"))
        return [Derived(title, (_points_list(points, blocks),), notes)]
    return [d for t, part in parts if (d := _slide(t, part)) is not None]


def holds_slide_content(blocks) -> bool:
    """Whether prose holds what a slide shows in full (lists, code, maths...)."""
    return any(b.kind in KEPT for b in blocks)


def _parts(title: str, blocks) -> list[tuple[str, list[Block]]]:
    """The lead (under the section's title), then each subsection under its heading."""
    parts: list[tuple[str, list[Block]]] = [(title, [])]
    for block in blocks:
        if block.kind == "heading":
            parts.append((block.text, []))
        else:
            parts[-1][1].append(block)
    return [(t, p) for t, p in parts if p]


def _slide(title: str, blocks: list[Block]) -> Derived | None:
    shown: list[Block] = []
    notes: list[Block] = []
    for block in blocks:
        if block.kind in VISUALS:
            continue
        if block.kind == "paragraph":
            if len(block.text) <= SHORT_PARAGRAPH:
                shown.append(block)
            else:
                shown.append(_point(block.text, block.line))
                notes.append(block)
        elif block.kind == "quote" or block.kind in KEPT:
            shown.append(block)
    if not shown:
        return None
    layout = "quote" if len(shown) == 1 and shown[0].kind == "quote" else "content"
    return Derived(title, tuple(shown), tuple(notes), layout)


def _point(text: str, line: int) -> Paragraph:
    point = _shorten(_first_sentence(text))
    return Paragraph(Markup(escape(point)), point, line)


def _points_list(points: list[str], blocks) -> ListBlock:
    line = blocks[0].line if blocks else 0
    return ListBlock(False, 1, tuple(ListItem((Paragraph(Markup(escape(p)), p, line),))
                                     for p in points), line)


def derived_points(blocks) -> list[str]:
    """A few short bullets for prose: its subheadings if it has any, else the first
    sentence of each paragraph, cut at a word boundary when long."""
    heads = [b.text for b in blocks if b.kind == "heading"]
    if heads:
        return heads[:MAX_DERIVED_POINTS]
    points = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.text:
            points.append(_shorten(_first_sentence(block.text)))
        elif isinstance(block, Quote):
            quoted = " ".join(b.text for b in block.blocks if isinstance(b, Paragraph))
            if quoted:
                points.append(quoted_point(_shorten(_first_sentence(quoted))))
        if len(points) == MAX_DERIVED_POINTS:
            break
    return points


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def _shorten(text: str) -> str:
    """A long sentence cut at its last clause break that leaves enough, else at a word."""
    if len(text) <= MAX_POINT_CHARS:
        return text
    head = text[:MAX_POINT_CHARS]
    for mark in ("; ", ": ", " – ", " — ", ", "):
        at = head.rfind(mark)
        if at >= MAX_POINT_CHARS // 2:
            return head[:at].rstrip() + "…"
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def quoted_point(text: str) -> str:
    """A quotation as a point, in quotation marks unless it already has them."""
    if text[:1] in "“„«‘‚‹\"'" and text[-1:] in "”“»’‘›\"'":
        return text
    return f"“{text}”"
