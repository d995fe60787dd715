"""The slide plan, rendered: Lecture -> plan HTML through the deck template (Jinja2).

The template decides which slides exist and what they say; the helpers here give it
what a template cannot compute well: the text of blocks for notes, the prose that
reads well aloud, and the slides prose gives without a `::: slide` block (`derive`).
"""

from __future__ import annotations

from markupsafe import Markup

from chapbook.blocks import Block, plain_text
from chapbook.charts.svg import chart_svg
from chapbook.model.document import Lecture, Section
from chapbook.plan.derive import derived_slides, holds_slide_content
from chapbook.templates import make_environment, render, template_dirs
from chapbook.text.labels import labels_for


def render_plan_html(lecture: Lecture, preview: bool = False) -> str:
    """The plan as HTML; with `preview` its charts drawn too, for a person to look at
    (the reader takes a chart's data from its table and ignores the drawing)."""
    env = make_environment(template_dirs("deck", lecture.root))
    content_slides = sum(max(1, len(s.slides)) for s in lecture.sections)
    return render(
        env, "deck.html.j2",
        lecture=lecture,
        labels=labels_for(lecture.meta.lang),
        dividers=len(lecture.sections) >= 5 and content_slides >= 15,
        plain=plain_paragraphs,
        prose=prose_blocks,
        derived=derived_slides,
        holds_slide_content=holds_slide_content,
        visual_blocks=visual_blocks,
        chart_svg=chart_svg if preview else no_drawing,
    )


def no_drawing(chart) -> Markup:
    """`chart_svg` where nobody looks at the plan: the deck draws its charts natively."""
    return Markup("")


def plain_paragraphs(block: Block) -> list[str]:
    """Speaker-notes text of a block: one string per paragraph. Code and maths are for
    the eye, not to be read aloud: they are on the slide, not in the notes."""
    if block.kind in ("code", "maths", "rule", "pagebreak"):
        return []
    if block.kind in ("callout", "div", "quote", "columns"):
        return [t for b in (block.blocks if hasattr(block, "blocks") else
                            [c for col in block.columns for c in col.blocks])
                for t in plain_paragraphs(b)]
    text = plain_text(block)
    return [text] if text else []


def prose_blocks(section: Section) -> list[Block]:
    """The blocks of a section's prose that read well aloud as notes."""
    return [b for b in section.blocks if b.kind in ("paragraph", "list", "quote")]


def visual_blocks(blocks) -> list[Block]:
    """The pictures, charts, tables and callouts of some prose, each to get a slide of its
    own; the figures of a row one by one."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "figurerow":
            out.extend(block.figures)
        elif block.kind in ("figure", "chart", "table", "callout"):
            out.append(block)
    return out
