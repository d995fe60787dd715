"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint).

`render_booklet_html` is pure; `render_booklet` lays it out into a WeasyPrint
document (inspectable: pages, anchors) and `write_booklet` saves it atomically.
The index of key terms needs the pages its terms land on, which only layout
knows: the first layout lists every occurrence, and where a term occurs twice
on one page the index is rendered once more with one reference per page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from chapbook.charts.svg import chart_svg
from chapbook.errors import RenderError
from chapbook.limits import MAX_PAGE_MM, MAX_PAGES, time_limit
from chapbook.model.document import Lecture
from chapbook.paper import paper_for
from chapbook.templates import make_environment, render, template_dirs
from chapbook.text.labels import labels_for

log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class IndexEntry:
    term: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class BookletOptions:
    """How to print: paper (see `paper.py`), bleed in mm, and which edition.

    The `lecturer` edition adds each slide and its speaker notes after its section.
    """

    paper: str = ""
    bleed: float = 0.0
    edition: str = "booklet"
    marks: bool = True  # crop marks on each page when there is bleed

    def resolve(self, lecture: Lecture) -> BookletOptions:
        """Command-line choices win; otherwise the lecture's front matter; else defaults."""
        return replace(self, paper=self.paper or lecture.meta.paper,
                       bleed=self.bleed or lecture.meta.bleed)


def render_booklet_html(lecture: Lecture, index: list[IndexEntry] | None = None,
                        options: BookletOptions = BookletOptions()) -> str:
    """The booklet as HTML; `index` defaults to every occurrence of every key term."""
    if index is None:
        index = [IndexEntry(t.term, t.anchors) for t in lecture.key_terms]
    env = make_environment(template_dirs("booklet", lecture.root))
    return render(env, "booklet.html.j2", lecture=lecture, index=index,
                  labels=labels_for(lecture.meta.lang), page=paper_for(options.paper),
                  chart_svg=chart_svg,
                  bleed=options.bleed, marks=options.marks, edition=options.edition)


def render_booklet(lecture: Lecture, options: BookletOptions = BookletOptions()):
    """Lay the booklet out; returns a WeasyPrint Document."""
    options = options.resolve(lecture)
    document = _layout(lecture, render_booklet_html(lecture, None, options))
    index = one_ref_per_page(lecture, anchor_pages(document))
    if any(len(e.refs) != len(t.anchors) for e, t in zip(index, lecture.key_terms, strict=True)):
        document = _layout(lecture, render_booklet_html(lecture, index, options))
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
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from chapbook.weasy import FolderFetcher, check_own_stylesheets, weasyprint_errors

    dirs = template_dirs("booklet", lecture.root)
    check_own_stylesheets(dirs[0] if len(dirs) > 1 else None, dirs[-1], [lecture.root, *dirs])
    fetcher = FolderFetcher([lecture.root, *dirs])
    base = dirs[-1] / "booklet.html"
    with weasyprint_errors("booklet"), time_limit("laying out the booklet"):
        document = HTML(string=html, base_url=base.as_uri(), url_fetcher=fetcher).render(
            font_config=FontConfiguration()
        )
    widest = max((max(p.width, p.height) for p in document.pages), default=0) * 25.4 / 96
    if widest > MAX_PAGE_MM:
        raise RenderError(f"the booklet's pages would be {widest:.0f} mm across, more than "
                          f"{MAX_PAGE_MM} mm: check `size` in a custom @page rule",
                          lecture.source)
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the booklet would have {len(document.pages)} pages, more than "
                          f"{MAX_PAGES}: is a custom CSS value far too large?", lecture.source)
    return document
