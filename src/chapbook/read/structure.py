"""The document's structure: `##` sections, their slide and notes blocks, the introduction.

Blocks go to the current section (or, before the first `##`, to the introduction);
`::: slide` blocks become the section's slides and `::: notes` attach to the slide
before them (or to the section). Subheadings get ids the contents can link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup, escape

from chapbook.blocks import Block, heading
from chapbook.blocks.table import attach_captions
from chapbook.errors import ContentError
from chapbook.layouts import AUTHOR_LAYOUTS
from chapbook.model.document import Lecture, Section, Slide
from chapbook.read.anchors import heading_anchors
from chapbook.read.context import ReadContext
from chapbook.read.markdown import parse_div_attrs
from chapbook.read.xrefs import crossref_targets
from chapbook.text.labels import labels_for


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
    level, title = section_level(body, ctx.meta.title)
    ctx.text.citer.targets = crossref_targets([n for n in body if n is not title], level,
                                              labels_for(ctx.meta.lang))
    intro, parts = _Part(), []
    for node in body:
        if node is title:
            continue  # a `#` heading repeating the title is the title
        if node.type == "heading" and int(node.tag[1]) <= level:
            html, text = ctx.inline(node.children[0], terms=False)
            parts.append(_Part(node, html, text))
            continue
        _add(node, parts[-1] if parts else intro, len(parts), ctx, 2 - level)
    if not parts:  # no headings at all: the lecture is one section, named by its title
        parts, intro = [_Part(None, Markup(escape(ctx.meta.title)), ctx.meta.title,
                              intro.blocks, intro.slides, intro.notes)], _Part()
        if not parts[0].blocks and not parts[0].slides:
            raise ContentError("the lecture has no text after its front matter", ctx.source,
                               body_line)
    lecture = Lecture(
        meta=ctx.meta, slug=slug, root=ctx.root, source=ctx.source,
        intro=attach_captions(intro.blocks), intro_slides=tuple(intro.slides),
        intro_notes=tuple(intro.notes),
        sections=tuple(_section(n, part, ctx) for n, part in enumerate(parts, start=1)),
        key_terms=ctx.text.key_terms(), cited=tuple(dict.fromkeys(ctx.text.cited)),
    )
    check_anchors(lecture, ctx)
    return replace(lecture, findings=tuple(ctx.findings))


def section_level(body: list[SyntaxTreeNode], title: str) -> tuple[int, SyntaxTreeNode | None]:
    """Which heading level makes sections, as Pandoc chooses its slide level: `##` as a
    rule; `#` when the lecture uses `#` for anything but repeating its title; else the
    highest level used. Also the `#` heading that repeats the title, if there is one."""
    heads = [n for n in body if n.type == "heading"]
    first = heads[0] if heads and heads[0].tag == "h1" else None
    repeated = first if first is not None and _same(first.children[0].content, title) else None
    levels = sorted({int(n.tag[1]) for n in heads if n is not repeated})
    if not levels:
        return 2, repeated
    return (1 if 1 in levels else 2 if 2 in levels else levels[0]), repeated


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return "".join(c for c in s.casefold() if c.isalnum())
    return key(a) == key(b)


def _add(node: SyntaxTreeNode, part: _Part, sections: int, ctx: ReadContext,
         shift: int = 0) -> None:
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
        part.blocks.append(heading.convert(node, ctx, numbered=True, terms=False, ident=ident,
                                           shift=shift))
        return
    part.blocks.extend(ctx.blocks([node], numbered=True, terms=True))


def _section(number: int, part: _Part, ctx: ReadContext) -> Section:
    classes = str(part.node.attrs.get("class", "")).split() if part.node is not None else []
    return Section(number=number, id=f"s{number}", title_html=part.html, title=part.title,
                   blocks=attach_captions(part.blocks), slides=tuple(part.slides),
                   notes=tuple(part.notes), line=ctx.line(part.node),
                   anchors=heading_anchors(part.node, part.title, ctx),
                   numbered="unnumbered" not in classes and "-" not in classes,
                   listed="unlisted" not in classes)


def _slide(node: SyntaxTreeNode, attrs, default_title: str, ctx: ReadContext) -> Slide:
    ctx.check_closed(node)
    layout = attrs.attrs.get("layout", "").strip()
    if layout and layout not in AUTHOR_LAYOUTS:
        ctx.warn(ctx.line(node), f"unknown slide layout {layout!r}: the slide is laid out as "
                 f"usual (layouts: {', '.join(AUTHOR_LAYOUTS)})")
        layout = ""
    inner = [c for c in node.children if not _is_notes(c)]
    notes = [c for c in node.children if _is_notes(c)]  # reveal.js keeps them inside
    blocks = ctx.blocks(inner, numbered=False, terms=False)
    notes_blocks = tuple(b for n in notes
                         for b in ctx.blocks(n.children, numbered=False, terms=False))
    title = ctx.typeset(attrs.attrs.get("title", "").strip()) or default_title
    return Slide(blocks=blocks, notes=notes_blocks, title=title, layout=layout,
                 line=ctx.line(node))


def _is_notes(node: SyntaxTreeNode) -> bool:
    return node.type == "div" and "notes" in parse_div_attrs(
        node.nester_tokens.opening.info).classes


def _attach_notes(node: SyntaxTreeNode, part: _Part, ctx: ReadContext) -> None:
    ctx.check_closed(node)
    blocks = ctx.blocks(node.children, numbered=False, terms=False)
    if part.slides:  # a second notes block for one slide adds to the first
        last = part.slides[-1]
        part.slides[-1] = Slide(last.blocks, last.notes + blocks, last.title, last.layout,
                                last.line)
    else:
        part.notes.extend(blocks)


def check_anchors(lecture: Lecture, ctx: ReadContext) -> None:
    """A `[text](#id)` link must land somewhere in the booklet."""
    known = {"intro", "index", "sources"} | {f"ref-{s.key}" for s in ctx.meta.sources}
    for section in lecture.sections:
        known.update((section.id, *section.anchors))
        known.update(a for h in section.subheadings for a in (h.id, *h.anchors))
    known.update(getattr(b, "id", "") for b in lecture.all_blocks())
    known.update(a for t in lecture.key_terms for a in t.anchors)
    for target, line in ctx.text.anchors:
        if target not in known:
            sections = ", ".join(f"#{s.id}" for s in lecture.sections[:3])
            ctx.warn(line, f"link to #{target} goes nowhere: link to a section ({sections}, "
                     "...), a figure (#fig-1) or a table (#tab-1)")
