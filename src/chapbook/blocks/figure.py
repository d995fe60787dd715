"""Figures: an image in a paragraph of its own. Alt text for screen readers, the image's
title as caption; numbered in the booklet, a picture slide in the deck."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from markupsafe import Markup, escape

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


def lone_image(inline):
    """The image node, if it is the only thing in the paragraph."""
    kids = [c for c in inline.children
            if c.type not in ("softbreak", "hardbreak")
            and not (c.type == "text" and not c.content.strip())]
    return kids[0] if len(kids) == 1 and kids[0].type == "image" else None


def from_image(image, ctx, line: int, *, numbered: bool) -> Figure:
    from chapbook.read.assets import check_image, resolve_in_folder

    ref = str(image.attrs.get("src", ""))
    path = resolve_in_folder(ref, ctx.root, ctx.source, line, "image")
    info = check_image(path, ref, ctx.source, line)
    alt = "".join(_plain(c) for c in image.children).strip()
    title = ctx.typeset(str(image.attrs.get("title") or ""))
    number = ctx.number("figure") if numbered else None
    return Figure(
        src=ref, file=path.relative_to(Path(ctx.root).resolve()).as_posix(), url=path.as_uri(),
        alt=alt, caption_html=Markup(escape(title)), caption_text=title, number=number,
        width=info.width, height=info.height,
        id=f"fig-{number}" if number else f"img-{line}", line=line,
    )


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
