"""Figures: an image in a paragraph of its own. Alt text for screen readers, the image's
title as caption; numbered in the booklet, a picture slide in the deck."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from markupsafe import Markup, escape

from chapbook.errors import Unavailable
from chapbook.plan.schema import Picture

KIND = "figure"
NODES: tuple[str, ...] = ()  # made by `paragraph` from a paragraph that is one image
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    kind: ClassVar[str] = KIND
    src: str  # as the author wrote it
    file: str  # the checked file, relative to the lecture folder (POSIX)
    url: str  # the same file as a `file:` URL, for the booklet's layout
    alt: str
    caption_html: Markup
    caption_text: str
    number: int | None
    width: int
    height: int
    id: str
    line: int
    size: str = ""  # CSS width/height from the author's attributes
    classes: str = ""


def lone_images(inline) -> list:
    """The image nodes, if the paragraph holds images and nothing else."""
    kids = [c for c in inline.children
            if c.type not in ("softbreak", "hardbreak")
            and not (c.type == "text" and not c.content.strip())]
    return kids if kids and all(k.type == "image" for k in kids) else []


def row(images, ctx, line: int, *, numbered: bool):
    """Images side by side in one paragraph: a row of figures, each with its own number."""
    from chapbook.blocks.figurerow import FigureRow

    return FigureRow(tuple(from_image(i, ctx, line, numbered=numbered) for i in images), line)


def from_image(image, ctx, line: int, *, numbered: bool) -> Figure:
    """A figure from an image node: Pandoc/Quarto attributes honoured (`width`, `height`,
    `fig-alt`, `#fig-id`, `.class`); with `fig-alt` the bracketed text is the caption,
    as in Quarto, else it is the alt text and the image's title the caption."""
    from chapbook.read.assets import check_image, resolve_in_folder

    ref = str(image.attrs.get("src", ""))
    try:
        path = resolve_in_folder(ref, ctx.root, ctx.source, line, "image")
    except Unavailable as exc:  # a placeholder stands in, as Pandoc's alt text does
        ctx.warn(line, f"{exc.message}: a placeholder stands in for it")
        path = None
    info = check_image(path, ref, ctx.source, line) if path is not None else None
    bracketed = "".join(_plain(c) for c in image.children).strip()
    title = str(image.attrs.get("title") or "")
    alt = bracketed
    if image.attrs.get("fig-alt") is not None:
        alt, title = str(image.attrs["fig-alt"]).strip(), title or bracketed
    title = ctx.typeset(title)
    if not alt:
        ctx.warn(line, f"figure {ref} has no alt text: describe it in ![...] (or fig-alt) for "
                 "screen readers")
    number = ctx.number("figure") if numbered else None
    ident = str(image.attrs.get("id") or "") or (f"fig-{number}" if number else f"img-{line}")
    return Figure(
        src=ref, file=path.relative_to(Path(ctx.root).resolve()).as_posix() if path else "",
        url=path.as_uri() if path else "", alt=alt, caption_html=Markup(escape(title)),
        caption_text=title, number=number, width=info.width if info else 0,
        height=info.height if info else 0, id=ident, line=line,
        size=_css_size(image.attrs), classes=str(image.attrs.get("class") or ""),
    )


def inline_image(image, text, line: int) -> tuple[str, str]:
    """An image inside running text: a small picture on the line, its alt text as text."""
    from chapbook.read.assets import check_image, resolve_in_folder

    ref = str(image.attrs.get("src", ""))
    alt = str(image.attrs.get("fig-alt") or "".join(_plain(c) for c in image.children)).strip()
    try:
        path = resolve_in_folder(ref, text.root, text.source, line, "image")
    except Unavailable as exc:
        text.warn(line, f"{exc.message}: its alt text stands in for it")
        return f'<span class="missing-image">{escape(alt or ref)}</span>', alt
    check_image(path, ref, text.source, line)
    if not alt:
        text.warn(line, f"image {ref} has no alt text: describe it in ![...] for screen readers")
    return (f'<img class="inline" src="{escape(path.as_uri())}" alt="{escape(alt or ref)}">',
            alt)


def _css_size(attrs) -> str:
    """`width: 50%; height: 3cm` from Pandoc's width/height attributes (units kept; a bare
    number is pixels, as in Pandoc)."""
    out = []
    for name in ("width", "height"):
        value = str(attrs.get(name) or "").strip()
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(%|px|cm|mm|in|pt|em)?", value)
        if m:
            out.append(f"{name}: {m.group(1)}{m.group(2) or 'px'}")
    return "; ".join(out)


def _plain(node) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(c) for c in node.children)


def own_text(block: Figure) -> str:
    return block.caption_text or block.alt


def children(block: Figure) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    img = element.find(".//img")
    if img is None:
        from chapbook.errors import TemplateError

        raise TemplateError("slide plan: a figure without an <img>")
    caption = element.find(".//figcaption")
    return [Picture(
        src=reader.picture_source(unquote(img.get("src", ""))),
        alt=img.get("alt", ""),
        caption=reader.text(caption) if caption is not None else "",
        width=int(img.get("width") or 0),
        height=int(img.get("height") or 0),
    )]
