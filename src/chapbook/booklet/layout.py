"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint).

`render_booklet_html` is pure; `render_booklet` lays it out into a WeasyPrint
document (inspectable: pages, anchors) and `booklet_pdf` writes it.

Layout is one pass over the body. The index of key terms needs the pages its
terms land on, which only layout knows, so the body ends on the index's heading
alone (the contents get the index's page from it) and the index is laid out
after, as a small document of its own continuing the body's page numbers and
sides (see `index`); its pages take the place of the heading's. Links, bookmarks
and PDF tags are made page by page when the PDF is written, so they hold across
the joined pages: a reference in the index links to its term's anchor in the body.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from chapbook.booklet.index import IndexEntry, index_entries, measure_entries, split_columns
from chapbook.booklet.pagebox import drawing, side, starts_with
from chapbook.charts.palette import palette_from_css
from chapbook.charts.svg import chart_svg
from chapbook.errors import RenderError
from chapbook.heap import collection_paused
from chapbook.limits import MAX_PAGE_MM, MAX_PAGES, time_limit
from chapbook.model.document import Lecture
from chapbook.settings import Settings, resolve
from chapbook.templates import find_file, make_environment, render, template_dirs
from chapbook.text.highlight import highlight_html

log = logging.getLogger("chapbook")

EDITIONS = ("booklet", "lecturer")  # the lecturer's adds each section's slides and notes
INDEX_ID = "index"  # the index section's id, in the template
_ID = re.compile(r'\sid="([^"]*)"')
_INTERNAL_LINK = re.compile(r'<a href="#([^"]*)"[^>]*>(.*?)</a>', re.S)


def render_booklet_html(lecture: Lecture, settings: Settings | None = None, *,
                        edition: str = "booklet", marks: bool = True, part: str = "body",
                        index_pages: list[list[list[IndexEntry]]] | None = None,
                        measure: bool = False, env=None, sections=(), intro: bool = False,
                        sources: bool = False, toc_pages: dict[str, object] | None = None
                        ) -> str:
    """The booklet's body as HTML, or (`part="index"`) its index of key terms alone, or
    (a long booklet's, see `halves`) its front matter or a run of chapters.

    `settings` default to the lecture's own; `marks`: crop marks on each page when
    there is bleed (the print file's sheets carry their own instead); `index_pages`:
    the index's entries, page by page, column by column; `measure`: the index in one
    column, to measure (see `index`); `env`: a Jinja2 environment made for the booklet's
    template folders, given when parts are rendered in turn, so templates compile once;
    `sections`, `intro`, `sources`: the chapters of `part="chapters"`, and whether the
    introduction and the list of sources come with them; `toc_pages`: the page of each
    entry of the contents (`part="front"`).
    """
    settings = settings or resolve(lecture)
    dirs = template_dirs("booklet", lecture.root)
    env = env or make_environment(dirs)
    css = find_file(dirs, "booklet.css")

    def draw_chart(chart) -> str:  # a function of ours, as templates may call (not a partial)
        return chart_svg(chart, palette=_palette(css.read_text(encoding="utf-8")))

    html = render(env, "booklet.html.j2", lecture=lecture, labels=settings.labels,
                  page=settings.paper, chart_svg=draw_chart,
                  highlight=highlight_html,
                  bleed=settings.bleed, marks=marks, edition=edition, part=part,
                  index_pages=index_pages or [], measure=measure, sections=list(sections),
                  intro=intro, sources=sources, toc_pages=toc_pages or {})
    return unlink_missing(html) if part == "body" else html


@lru_cache(maxsize=4)
def _palette(css: str):
    """The charts' colours from the stylesheet's text, read once for the parts laid out,
    and only where a part has a chart (parsing the sheet takes as long as the index's
    HTML)."""
    return palette_from_css(css)


def unlink_missing(html: str, ids: set[str] | None = None) -> str:
    """Links to an `#id` the page does not have (or not among `ids`), as their text:
    WeasyPrint refuses to write them, and reading has warned of each
    (`structure.check_anchors`). The index part's links reach the body's ids and are
    left alone."""
    ids = set(_ID.findall(html)) if ids is None else ids
    return _INTERNAL_LINK.sub(lambda m: m.group(0) if m.group(1) in ids else m.group(2), html)


def render_booklet(lecture: Lecture, settings: Settings | None = None,
                   edition: str = "booklet", marks: bool = True, *, cores: int | None = None,
                   body_html: str | None = None):
    """Lay the booklet out: the body once, then the index; returns a WeasyPrint Document
    of both parts' pages (written as one PDF). A long booklet is laid out in halves on
    two of the `cores` (by default those this process may use) and returned as `Halves`.
    `body_html`: the body's HTML for these arguments, made ahead (by the process that
    parsed the lecture), used where the booklet is laid out whole."""
    from chapbook.booklet.halves import Retry, in_halves, render_in_halves
    from chapbook.workers import cores as usable

    settings = settings or resolve(lecture)
    with collection_paused():
        if in_halves(lecture, usable() if cores is None else cores):
            try:
                return render_in_halves(lecture, settings, edition, marks)
            except Retry as why:
                log.debug("booklet laid out whole: %s", why)
        return _render_booklet(lecture, settings, edition, marks, body_html)


def page_count(booklet) -> int:
    """The pages of a laid-out booklet, whole or in halves."""
    return booklet.pages if isinstance(booklet.pages, int) else len(booklet.pages)


def _render_booklet(lecture: Lecture, settings: Settings, edition: str, marks: bool,
                    body_html: str | None = None):
    from chapbook.weasy import Joined

    joined = Joined()  # shared by the parts (kept alive by the document): fonts, stylesheets
    env = make_environment(template_dirs("booklet", lecture.root))

    def html(**part) -> str:
        return render_booklet_html(lecture, settings, edition=edition, marks=marks, env=env,
                                   **part)

    body = _layout(lecture, body_html or html(part="body"), joined, keep=True)
    pages = anchor_pages(body)
    start = pages.get(INDEX_ID)
    if start is None:  # no key terms
        return body
    _check_index_is_last(lecture, body, start)
    index = _layout_index(lecture, html, index_entries(lecture, pages),
                          side(body.pages[start - 1]), start, joined, keep=True)
    return _checked(lecture, body.copy(body.pages[:start - 1] + index.pages))


def booklet_pdf(document, *, crop_marks: bool = True) -> bytes:
    """The laid-out booklet as a tagged PDF/UA-1; without `crop_marks` even where its CSS
    asks for them (the print file's sheets carry their own)."""
    from chapbook.booklet.halves import Halves
    from chapbook.weasy import page_references_kept, weasyprint_errors

    if isinstance(document, Halves):
        return document.pdf(crop_marks)
    with (weasyprint_errors("booklet"), time_limit("writing the booklet"),
          drawing(document.pages, crop_marks=crop_marks), page_references_kept(),
          collection_paused()):
        return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)


def write_booklet(document, target: Path) -> Path:
    """Write a laid-out booklet to `target` (callers make that path atomic)."""
    Path(target).write_bytes(booklet_pdf(document))
    return target


def anchor_pages(document) -> dict[str, int]:
    """Anchor id -> page number (1-based) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _layout_index(lecture: Lecture, html: Callable[..., str], entries: list[IndexEntry],
                  where: str, start: int, joined, extra_css: str = "", keep: bool = False):
    """The index as a document of its own whose first page is page `start`, on the
    `where` side: measured in one column, then laid out in balanced columns."""
    css = starting(start, where) + extra_css
    measuring = _layout(lecture, html(part="index", index_pages=[[entries]], measure=True),
                        joined, css, keep)
    try:
        pages = split_columns(measure_entries(measuring, len(entries)))
    except ValueError as error:
        raise RenderError(f"booklet.html.j2: {error}: with `measure`, the index must show "
                          "every entry, each `li` with the id index-entry-N (see the bundled "
                          "template)", lecture.source) from None
    return _layout(lecture, html(part="index", index_pages=[
        [entries[c.start:c.stop] for c in columns] for columns in pages]), joined, css, keep)


def starting(page: int, where: str) -> str:
    """CSS: the document's first page is page `page`, on the `where` side ('left',
    'right'): a part laid out on its own continues the pages before it."""
    return (f"@page :first {{ counter-set: page {page} !important }}\n"
            f"html {{ break-before: {where} !important }}\n")


def _check_index_is_last(lecture: Lecture, body, start: int) -> None:
    """The index's pages replace the stub's: nothing may share or follow them."""
    if len(body.pages) > start or not starts_with(body.pages[start - 1], INDEX_ID):
        raise RenderError("booklet.html.j2: the index of key terms must come last and start a "
                          "page (see the bundled template and booklet.css)", lecture.source)


def _layout(lecture: Lecture, html: str, joined, extra_css: str = "", keep: bool = False):
    """`keep`: the pages are never changed afterwards (not a half's, renumbered), so a
    warm process may keep the document and serve it to the same HTML again."""
    from chapbook.weasy import layout_html

    dirs = template_dirs("booklet", lecture.root)
    document = layout_html(html, dirs[-1] / "booklet.html", [lecture.root, *dirs], None, dirs,
                           "booklet", "laying out the booklet", joined=joined,
                           extra_css=extra_css, keep=keep)
    return _checked(lecture, document)


def _checked(lecture: Lecture, document):
    widest = max((max(p.width, p.height) for p in document.pages), default=0) * 25.4 / 96
    if widest > MAX_PAGE_MM:
        raise RenderError(f"the booklet's pages would be {widest:.0f} mm across, more than "
                          f"{MAX_PAGE_MM} mm: check `size` in a custom @page rule",
                          lecture.source)
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the booklet would have {len(document.pages)} pages, more than "
                          f"{MAX_PAGES}: is a custom CSS value far too large?", lecture.source)
    return document


def write_imposed(pages_pdf: bytes, target: Path, marks: bool) -> Path:
    """The booklet (as written, `pages_pdf`) imposed two-up for saddle stitching."""
    from chapbook.booklet.impose import impose_pdf
    from chapbook.limits import stage

    with stage("imposing the booklet"):
        impose_pdf(pages_pdf, target, marks=marks)
    return target
