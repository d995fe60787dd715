"""The slide plan: Lecture -> slide-plan HTML (Jinja2) -> DeckPlan.

The HTML (`<section class="slide" data-layout=...>`, notes in `<aside
class="notes">`) is the deck's contract: `render_plan_html` writes it from the
templates, `read_plan` reads it back into plain dataclasses, and the pptx writer
sees nothing else. A browser can preview the same HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from chapbook.charts.axis import Axis
from chapbook.charts.svg import chart_svg
from chapbook.errors import TemplateError
from chapbook.model.document import Block, Lecture, Paragraph, Quote, Section, block_text
from chapbook.templates import make_environment, render, template_dirs
from chapbook.text.labels import labels_for

LAYOUTS = ("title", "content", "two-content", "section", "picture", "chart", "table", "quote",
           "title-only")
MAX_DERIVED_POINTS = 5
MAX_POINT_CHARS = 110


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """One bullet or paragraph; `level` 0 is the top level."""

    runs: tuple[Run, ...]
    level: int = 0
    bullet: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBody:
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Picture:
    path: Path
    alt: str
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class TableData:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aligns: tuple[str, ...]
    caption: str


@dataclass(frozen=True)
class ChartData:
    """A chart to draw natively: one value per label, some labels highlighted."""

    chart_type: str  # timeline | bar
    label_name: str
    value_name: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    displays: tuple[str, ...]
    highlights: tuple[bool, ...]
    axis: Axis
    caption: str
    alt: str


Content = TextBody | Picture | TableData | ChartData


@dataclass(frozen=True)
class PlanSlide:
    layout: str
    title: str
    subtitle: str
    content: tuple[Content, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class DeckPlan:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    slides: tuple[PlanSlide, ...]


# --- rendering ----------------------------------------------------------------------


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
    text = block_text(block)
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


# --- reading back -------------------------------------------------------------------


def plan_deck(lecture: Lecture) -> DeckPlan:
    return read_plan(render_plan_html(lecture))


def read_plan(html: str) -> DeckPlan:
    """Parse slide-plan HTML into a DeckPlan."""
    root = lxml.html.document_fromstring(html)
    meta = {m.get("name"): m.get("content", "") for m in root.iter("meta") if m.get("name")}
    slides = []
    for number, section in enumerate(root.xpath('//section[contains(@class, "slide")]'), 1):
        layout = section.get("data-layout", "content")
        if layout not in LAYOUTS:
            raise TemplateError(f"slide {number}: unknown layout {layout!r} (use one of "
                                f"{', '.join(LAYOUTS)})")
        slides.append(_read_slide(section, layout))
    title = root.findtext(".//title") or ""
    return DeckPlan(
        title=title.strip(),
        author=meta.get("author", ""),
        subject=meta.get("description", ""),
        keywords=meta.get("keywords", ""),
        lang=root.get("lang", "en"),
        slides=tuple(slides),
    )


def _read_slide(section, layout: str) -> PlanSlide:
    title, subtitle, content, notes = "", "", [], []
    for el in section:
        tag = el.tag
        if tag in ("h1", "h2") and not title:
            title = _text(el)
        elif tag == "aside" and "notes" in el.get("class", ""):
            notes.extend(t for p in el.iter("p") if (t := _text(p)))
        elif (tag == "p" and "subtitle" in el.get("class", "")) or (
            tag == "p" and layout == "section"
        ):
            subtitle = _text(el)
        elif tag in ("ul", "ol"):
            content.append(TextBody(tuple(_list_paras(el, 0))))
        elif tag in ("p", "pre"):
            _append_paras(content, [Para(_runs(el), 0, bullet=False)])
        elif tag == "blockquote":
            _append_paras(content, [Para(_runs(p), 0, bullet=False) for p in el.iter("p")])
        elif tag == "figure" and "chart" in (el.get("class") or ""):
            content.append(_chart(el))
        elif tag == "figure":
            content.append(_picture(el))
        elif tag == "table":
            content.append(_table(el))
    return PlanSlide(layout, title, subtitle, tuple(content), tuple(notes))


def _append_paras(content: list, paras: list[Para]) -> None:
    if content and isinstance(content[-1], TextBody):
        content[-1] = TextBody(content[-1].paras + tuple(paras))
    else:
        content.append(TextBody(tuple(paras)))


def _list_paras(el, level: int) -> list[Para]:
    paras = []
    for li in el:
        if li.tag != "li":
            continue
        paras.append(Para(_runs(li, skip=("ul", "ol")), level))
        for sub in li:
            if sub.tag in ("ul", "ol"):
                paras.extend(_list_paras(sub, level + 1))
    return paras


def _runs(el, bold: bool = False, italic: bool = False, skip=()) -> tuple[Run, ...]:
    """Text runs with bold and italic, footnotes left out, whitespace collapsed."""
    runs: list[Run] = []

    def walk(node, b: bool, i: bool, top: bool) -> None:
        if not top:
            if node.tag in skip or "footnote" in (node.get("class") or ""):
                if node.tail:
                    runs.append(Run(node.tail, bold, italic))
                return
            b = b or node.tag in ("strong", "b")
            i = i or node.tag in ("em", "i")
        if node.tag == "br":
            runs.append(Run("\v", b, i))
        if node.text:
            runs.append(Run(node.text, b, i))
        for child in node:
            walk(child, b, i, False)
            if child.tail and not (child.tag in skip or "footnote" in (child.get("class") or "")):
                runs.append(Run(child.tail, b, i))

    walk(el, bold, italic, True)
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"[ \t\n\r]+", " ", run.text)
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic)
        elif text:
            out.append(Run(text, run.bold, run.italic))
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return tuple(r for r in out if r.text)


def _text(el) -> str:
    return "".join(r.text for r in _runs(el)).strip()


def _picture(el) -> Picture:
    img = el.find(".//img")
    if img is None:
        raise TemplateError("slide plan: a <figure> without an <img>")
    src = img.get("src", "")
    parts = urlsplit(src)
    if parts.scheme != "file":
        raise TemplateError(f"slide plan: picture {src!r} must be a file: URL")
    caption = el.find(".//figcaption")
    return Picture(
        path=Path(unquote(parts.path)),
        alt=img.get("alt", ""),
        caption=_text(caption) if caption is not None else "",
        width=int(img.get("width") or 0),
        height=int(img.get("height") or 0),
    )


def _chart(el) -> ChartData:
    header = [_text(c) for c in el.xpath("./table/thead/tr/th")]
    rows = el.xpath("./table/tbody/tr")
    try:
        values = tuple(float(tr.xpath("./td")[1].get("data-value")) for tr in rows)
        axis = Axis(float(el.get("data-axis-min")), float(el.get("data-axis-max")),
                    float(el.get("data-axis-step")))
    except (TypeError, ValueError, IndexError):
        raise TemplateError("slide plan: a chart needs data-value on each value cell and "
                            "data-axis-min/max/step on its figure") from None
    caption = el.find("figcaption")
    return ChartData(
        chart_type=el.get("data-chart-type", "bar"),
        label_name=header[0] if header else "",
        value_name=header[1] if len(header) > 1 else "",
        labels=tuple(_text(tr.xpath("./td")[0]) for tr in rows),
        values=values,
        displays=tuple(_text(tr.xpath("./td")[1]) for tr in rows),
        highlights=tuple("highlight" in (tr.get("class") or "") for tr in rows),
        axis=axis,
        caption=_text(caption) if caption is not None else "",
        alt=el.get("aria-label", ""),
    )


def _table(el) -> TableData:
    header = tuple(_text(c) for c in el.xpath("./thead/tr/th"))
    rows = tuple(tuple(_text(c) for c in tr.xpath("./td")) for tr in el.xpath("./tbody/tr"))
    cells = el.xpath("./thead/tr/th") or (el.xpath("./tbody/tr[1]/td"))
    aligns = tuple(c.get("data-align", "") for c in cells)
    caption = el.find("caption")
    return TableData(header, rows, aligns, _text(caption) if caption is not None else "")
