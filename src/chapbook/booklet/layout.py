"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint).

`render_booklet_html` is pure; `render_booklet` lays it out into a WeasyPrint
document (inspectable: pages, anchors) and `write_booklet` saves it atomically.
The index of key terms needs the pages its terms land on, which only layout
knows: the first layout lists every occurrence, and where a term occurs twice
on one page the index is rendered once more with one reference per page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from chapbook.charts.svg import chart_svg
from chapbook.errors import RenderError
from chapbook.limits import MAX_PAGE_MM, MAX_PAGES, time_limit
from chapbook.model.document import Lecture
from chapbook.settings import Settings, resolve
from chapbook.templates import make_environment, render, template_dirs
from chapbook.text.highlight import highlight_html

log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class IndexEntry:
    term: str
    refs: tuple[str, ...]


EDITIONS = ("booklet", "lecturer")  # the lecturer's adds each section's slides and notes


def render_booklet_html(lecture: Lecture, settings: Settings | None = None,
                        index: list[IndexEntry] | None = None, edition: str = "booklet",
                        marks: bool = True) -> str:
    """The booklet as HTML; `index` defaults to every occurrence of every key term.

    `settings` default to the lecture's own; `marks`: crop marks on each page when
    there is bleed (the print file's sheets carry their own instead).
    """
    settings = settings or resolve(lecture)
    if index is None:
        index = [IndexEntry(t.term, t.anchors) for t in lecture.key_terms]
    env = make_environment(template_dirs("booklet", lecture.root))
    return render(env, "booklet.html.j2", lecture=lecture, index=index, labels=settings.labels,
                  page=settings.paper, chart_svg=chart_svg, highlight=highlight_html,
                  bleed=settings.bleed, marks=marks,
                  edition=edition)


def render_booklet(lecture: Lecture, settings: Settings | None = None,
                   edition: str = "booklet", marks: bool = True):
    """Lay the booklet out; returns a WeasyPrint Document."""
    settings = settings or resolve(lecture)
    document = _layout(lecture, render_booklet_html(lecture, settings, None, edition, marks))
    index = one_ref_per_page(lecture, anchor_pages(document))
    if any(len(e.refs) != len(t.anchors) for e, t in zip(index, lecture.key_terms, strict=True)):
        document = _layout(lecture, render_booklet_html(lecture, settings, index, edition, marks))
    return document


def write_booklet(document, target: Path) -> Path:
    """Write a laid-out booklet to `target` (callers make that path atomic)."""
    from chapbook.weasy import weasyprint_errors

    with weasyprint_errors("booklet"), time_limit("writing the booklet"):
        document.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=True)
    return target


def anchor_pages(document) -> dict[str, int]:
    """Anchor id -> page number (1-based) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def one_ref_per_page(lecture: Lecture, pages: dict[str, int]) -> list[IndexEntry]:
    entries = []
    for term in lecture.key_terms:
        seen: set[int] = set()
        refs = []
        for anchor in term.anchors:
            page = pages.get(anchor)
            if page not in seen:
                seen.add(page)
                refs.append(anchor)
        entries.append(IndexEntry(term.term, tuple(refs)))
    return entries


def _layout(lecture: Lecture, html: str):
    from chapbook.weasy import layout_html

    dirs = template_dirs("booklet", lecture.root)
    document = layout_html(html, dirs[-1] / "booklet.html", [lecture.root, *dirs], None, dirs,
                           "booklet", "laying out the booklet")
    widest = max((max(p.width, p.height) for p in document.pages), default=0) * 25.4 / 96
    if widest > MAX_PAGE_MM:
        raise RenderError(f"the booklet's pages would be {widest:.0f} mm across, more than "
                          f"{MAX_PAGE_MM} mm: check `size` in a custom @page rule",
                          lecture.source)
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the booklet would have {len(document.pages)} pages, more than "
                          f"{MAX_PAGES}: is a custom CSS value far too large?", lecture.source)
    return document


def write_imposed(document, target: Path, marks: bool) -> Path:
    """The booklet imposed two-up for saddle stitching (see `impose`)."""
    from chapbook.booklet.impose import impose_booklet
    from chapbook.limits import stage

    single = target.with_name(target.name + ".pages")
    try:
        write_booklet(document, single)
        with stage("imposing the booklet"):
            impose_booklet(single, target, marks=marks)
    finally:
        single.unlink(missing_ok=True)
    return target
