"""The slide plan, read back: plan HTML -> DeckPlan, the one reader every presentation uses.

Lossless for what slides show: a `<pre>`'s whitespace is kept, `---` inside a slide
stays a break, pictures keep their URL relative to the lecture folder (and must
stay inside it), numbers are numbers. Each content element names its block kind
(`data-kind`), and that block's module reads it (see `chapbook.blocks`).
The schema is documented in docs/slide-plan.md.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import lxml.html

from chapbook.blocks import UnknownKind, module_for
from chapbook.errors import TemplateError
from chapbook.layouts import LAYOUTS
from chapbook.plan.schema import Content, DeckPlan, PlanSlide, Run, TextBody

STRUCTURE = ("h1", "h2", "aside")  # a slide's title and notes; the rest is content


def read_plan(html: str, root: Path | None = None) -> DeckPlan:
    """Parse slide-plan HTML into a DeckPlan; pictures are checked to lie under `root`."""
    document = lxml.html.document_fromstring(html)
    reader = _Reader(root)
    meta = {m.get("name"): m.get("content", "") for m in document.iter("meta")
            if m.get("name")}
    slides = []
    for number, section in enumerate(document.xpath('//section[contains(@class, "slide")]'),
                                     start=1):
        layout = section.get("data-layout", "content")
        if layout not in LAYOUTS:
            raise TemplateError(f"slide {number}: unknown layout {layout!r} (use one of "
                                f"{', '.join(LAYOUTS)})")
        slides.append(reader.slide(section, layout, number))
    return DeckPlan(
        title=(document.findtext(".//title") or "").strip(),
        author=meta.get("author", ""),
        subject=meta.get("description", ""),
        keywords=meta.get("keywords", ""),
        lang=document.get("lang", "en"),
        slides=tuple(slides),
    )


class _Reader:
    """Reads one plan; block modules call back into it for runs, text and nested content."""

    def __init__(self, root: Path | None):
        self.root = root
        self.number = 0

    def slide(self, section, layout: str, number: int) -> PlanSlide:
        self.number = number
        title, subtitle, notes, content = "", "", [], []
        for el in section:
            if el.tag in ("h1", "h2") and not title:
                title = self.text(el)
            elif el.tag == "aside" and "notes" in (el.get("class") or ""):
                notes.extend(t for p in el.iter("p") if (t := self.text(p)))
            elif el.tag == "p" and ("subtitle" in (el.get("class") or "")
                                    or layout in ("section", "title")):
                subtitle = self.text(el)
            else:
                content.extend(self.contents([el]))
        line = section.get("data-line", "")
        return PlanSlide(layout, title, subtitle, tuple(_merged(content)), tuple(notes),
                         callout=section.get("data-callout", ""),
                         line=int(line) if line.isdigit() else 0)

    def contents(self, elements) -> list[Content]:
        out: list[Content] = []
        for el in elements:
            if not isinstance(el.tag, str) or el.tag in STRUCTURE:
                continue
            kind = el.get("data-kind")
            if kind is None:
                raise TemplateError(f"slide plan: slide {self.number}: <{el.tag}> has no "
                                    "data-kind; write blocks with their partials "
                                    "(blocks/<kind>.html.j2)")
            try:
                module = module_for(kind)
            except UnknownKind as exc:
                raise TemplateError(f"slide plan: slide {self.number}: {exc}") from None
            out.extend(module.read_plan(el, self))
        return out

    def runs(self, element, *, skip: tuple[str, ...] = ()) -> tuple[Run, ...]:
        """Text runs with bold, italic, code and links; footnotes left out, whitespace
        collapsed (only `<pre>` keeps it, through its own block module). Inline maths is
        its Unicode approximation (its drawing is the booklet's), an inline picture its
        alt text."""
        runs: list[Run] = []

        def walk(node, style: dict, top: bool) -> None:
            if not top:
                style = _style_of(node, style)
            if node.tag == "br":
                runs.append(Run("\v", **style))
            if not top and node.get("data-tex") is not None:
                runs.extend(_maths_runs(node.get("data-tex"), style))
                return
            if node.tag == "img" and node.get("alt"):
                runs.append(Run(node.get("alt"), **style))
            if node.text and not (not top and _hidden(node, skip)):
                runs.append(Run(node.text, **style))
            for child in node:
                if isinstance(child.tag, str) and not _hidden(child, skip):
                    walk(child, style, False)
                if child.tail:
                    runs.append(Run(child.tail, **style))

        walk(element, {}, True)
        return _merge(runs)

    def text(self, element) -> str:
        return "".join(r.text for r in self.runs(element)).strip()

    def picture_source(self, src: str) -> str:
        """A picture's URL: relative, inside the lecture folder (a template cannot point
        the deck at any other file)."""
        parts = urlsplit(src)
        path = PurePosixPath(parts.path)
        if parts.scheme or parts.netloc or path.is_absolute() or ".." in path.parts:
            raise TemplateError(f"slide plan: slide {self.number}: picture {src!r} must be a "
                                "path relative to the lecture folder")
        if self.root is not None:
            real = (self.root / path).resolve()
            if not real.is_relative_to(self.root.resolve()) or not real.is_file():
                raise TemplateError(f"slide plan: slide {self.number}: picture {src!r} is not "
                                    "a file in the lecture folder")
        return str(path)


def _hidden(node, skip: tuple[str, ...]) -> bool:
    return node.tag in skip or "footnote" in (node.get("class") or "")


def _maths_runs(tex: str, style: dict) -> list[Run]:
    from chapbook.maths.unicode import tex_to_unicode

    return [Run(text, **{**style, "italic": style.get("italic", False) or italic})
            for text, italic in tex_to_unicode(tex)]


def _style_of(node, style: dict) -> dict:
    tag = node.tag
    out = dict(style)
    if tag in ("strong", "b"):
        out["bold"] = True
    elif tag in ("em", "i"):
        out["italic"] = True
    elif tag == "code":
        out["code"] = True
    elif tag == "a" and re.match(r"^(https?:|mailto:)", node.get("href") or "", re.I):
        out["link"] = node.get("href")
    return out


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Adjacent runs of one style joined; whitespace collapsed, trimmed at both ends."""
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"[ \t\n\r]+", " ", run.text)
        if out and _same_style(out[-1], run):
            last = out[-1]
            out[-1] = Run(last.text + text, last.bold, last.italic, last.code, last.color,
                          last.link)
        elif text:
            out.append(Run(text, run.bold, run.italic, run.code, run.color, run.link))
    if out:
        first, last = out[0], out[-1]
        out[0] = Run(first.text.lstrip(), first.bold, first.italic, first.code, first.color,
                     first.link)
        last = out[-1]
        out[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.code, last.color,
                      last.link)
    return tuple(r for r in out if r.text)


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.code, a.color, a.link) == (b.bold, b.italic, b.code, b.color,
                                                            b.link)


def _merged(content: list[Content]) -> list[Content]:
    """Consecutive text bodies become one: a slide's text is one body."""
    out: list[Content] = []
    for item in content:
        if isinstance(item, TextBody) and out and isinstance(out[-1], TextBody):
            out[-1] = TextBody(out[-1].paras + item.paras)
        else:
            out.append(item)
    return out
