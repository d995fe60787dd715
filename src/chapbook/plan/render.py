"""The slide plan, rendered: Lecture -> plan HTML through the deck template (Jinja2).

The template decides which slides exist and what they say; the helpers here give it
what a template cannot compute well: the text of blocks for notes, the prose that
reads well aloud, and a few short points for a section without a `::: slide` block.
"""

from __future__ import annotations

import re

from chapbook.blocks import Block, Paragraph, Quote, plain_text
from chapbook.charts.svg import chart_svg
from chapbook.model.document import Lecture, Section
from chapbook.templates import make_environment, render, template_dirs
from chapbook.text.labels import labels_for

MAX_DERIVED_POINTS = 5
MAX_POINT_CHARS = 110


def render_plan_html(lecture: Lecture) -> str:
    env = make_environment(template_dirs("deck", lecture.root))
    content_slides = sum(max(1, len(s.slides)) for s in lecture.sections)
    return render(
        env, "deck.html.j2",
        lecture=lecture,
        labels=labels_for(lecture.meta.lang),
        dividers=len(lecture.sections) >= 5 and content_slides >= 15,
        plain=plain_paragraphs,
        prose=prose_blocks,
        points=derived_points,
        chart_svg=chart_svg,
    )


def plain_paragraphs(block: Block) -> list[str]:
    """Speaker-notes text of a block: one string per paragraph."""
    text = plain_text(block)
    return [text] if text else []


def prose_blocks(section: Section) -> list[Block]:
    """The blocks of a section's prose that read well aloud as notes."""
    return [b for b in section.blocks if b.kind in ("paragraph", "list", "quote")]


def derived_points(section: Section) -> list[str]:
    """A few short bullets for a section with no `::: slide` block.

    Subheadings make the best bullets; otherwise the first sentence of each
    paragraph, cut at a word boundary when long.
    """
    heads = [h.text for h in section.subheadings]
    if heads:
        return heads[:MAX_DERIVED_POINTS]
    points = []
    for block in section.blocks:
        if isinstance(block, Paragraph) and block.text:
            points.append(_shorten(_first_sentence(block.text)))
        elif isinstance(block, Quote):
            quoted = " ".join(b.text for b in block.blocks if isinstance(b, Paragraph))
            if quoted:
                points.append(f"“{_shorten(_first_sentence(quoted))}”")
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
