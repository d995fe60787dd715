"""The document's structure: `##` sections, their slide and notes blocks, the introduction.

Blocks go to the current section (or, before the first `##`, to the introduction);
`::: slide` blocks become the section's slides and `::: notes` attach to the slide
before them (or to the section). Subheadings get ids the contents can link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup

from chapbook.blocks import Block, heading
from chapbook.blocks.table import attach_captions
from chapbook.errors import ContentError
from chapbook.layouts import AUTHOR_LAYOUTS
from chapbook.model.document import Lecture, Section, Slide
from chapbook.read.context import ReadContext
from chapbook.read.markdown import parse_div_attrs


@dataclass
class _Part:
    """A section being read (or the introduction, with no heading)."""

    node: SyntaxTreeNode | None = None
    html: Markup = field(default_factory=Markup)
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    subheadings: int = 0


def read_structure(tree: SyntaxTreeNode, ctx: ReadContext, slug: str,
                   body_line: int) -> Lecture:
    """The lecture from the body's token tree."""
    for node in tree.children:
        if node.type == "footnote_block":
            ctx.text.collect_footnotes(node)
    body = [n for n in tree.children if n.type not in ("front_matter", "footnote_block")]
    intro, parts = _Part(), []
    for node in body:
        if node.type == "heading" and node.tag in ("h1", "h2"):
            if node.tag == "h1":
                raise ctx.error(node, "`#` headings are not used: the title comes from the "
                                "front matter; start sections with `##`")
            html, text = ctx.inline(node.children[0], terms=False)
            parts.append(_Part(node, html, text))
            continue
        _add(node, parts[-1] if parts else intro, len(parts), ctx)
    if not parts:
        last = ctx.line(body[-1]) if body else body_line
        raise ContentError("no sections: add at least one `## Section title`", ctx.source, last)
    lecture = Lecture(
        meta=ctx.meta, slug=slug, root=ctx.root, source=ctx.source,
        intro=attach_captions(intro.blocks), intro_slides=tuple(intro.slides),
        intro_notes=tuple(intro.notes),
        sections=tuple(_section(n, part, ctx) for n, part in enumerate(parts, start=1)),
        key_terms=ctx.text.key_terms(), cited=tuple(dict.fromkeys(ctx.text.cited)),
    )
    check_anchors(lecture, ctx)
    return lecture


def _add(node: SyntaxTreeNode, part: _Part, sections: int, ctx: ReadContext) -> None:
    """One top-level node into the section (or introduction) being read."""
    if node.type == "div":
        attrs = parse_div_attrs(node.nester_tokens.opening.info)
        if "slide" in attrs.classes:
            part.slides.append(_slide(node, attrs, part.title or ctx.meta.title, ctx))
            return
        if "notes" in attrs.classes:
            _attach_notes(node, part, ctx)
            return
    if node.type == "heading":
        if part.node is not None:
            part.subheadings += 1
            ident = f"s{sections}-{part.subheadings}"
        else:
            ident = f"intro-{len(part.blocks)}"
        part.blocks.append(heading.convert(node, ctx, numbered=True, terms=False, ident=ident))
        return
    part.blocks.extend(ctx.blocks([node], numbered=True, terms=True))


def _section(number: int, part: _Part, ctx: ReadContext) -> Section:
    return Section(number=number, id=f"s{number}", title_html=part.html, title=part.title,
                   blocks=attach_captions(part.blocks), slides=tuple(part.slides),
                   notes=tuple(part.notes), line=ctx.line(part.node))


def _slide(node: SyntaxTreeNode, attrs, default_title: str, ctx: ReadContext) -> Slide:
    ctx.check_closed(node)
    for child in node.children:
        if child.type == "div":
            raise ctx.error(child, "a `:::` block inside a slide block; close the slide "
                            "block first (notes go after it)")
    layout = attrs.attrs.get("layout", "").strip()
    if layout and layout not in AUTHOR_LAYOUTS:
        raise ctx.error(node, f"unknown slide layout {layout!r}: use "
                        f"{', '.join(AUTHOR_LAYOUTS)}")
    blocks = ctx.blocks(node.children, numbered=False, terms=False)
    title = ctx.typeset(attrs.attrs.get("title", "").strip()) or default_title
    return Slide(blocks=blocks, notes=(), title=title, layout=layout, line=ctx.line(node))


def _attach_notes(node: SyntaxTreeNode, part: _Part, ctx: ReadContext) -> None:
    ctx.check_closed(node)
    blocks = ctx.blocks(node.children, numbered=False, terms=False)
    if part.slides and not part.slides[-1].notes:
        last = part.slides[-1]
        part.slides[-1] = Slide(last.blocks, blocks, last.title, last.layout, last.line)
    elif part.slides:
        raise ctx.error(node, "two `::: notes` blocks for one slide; merge them")
    else:
        part.notes.extend(blocks)


def check_anchors(lecture: Lecture, ctx: ReadContext) -> None:
    """A `[text](#id)` link must land somewhere in the booklet."""
    known = {"intro", "index", "sources"} | {f"ref-{s.key}" for s in ctx.meta.sources}
    for section in lecture.sections:
        known.add(section.id)
        known.update(h.id for h in section.subheadings)
    known.update(getattr(b, "id", "") for b in lecture.all_blocks())
    known.update(a for t in lecture.key_terms for a in t.anchors)
    for target, line in ctx.text.anchors:
        if target not in known:
            sections = ", ".join(f"#{s.id}" for s in lecture.sections[:3])
            raise ContentError(f"link to #{target} goes nowhere: link to a section "
                               f"({sections}, ...), a figure (#fig-1) or a table (#tab-1)",
                               ctx.source, line)
