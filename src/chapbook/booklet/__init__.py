"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint), and its imposition."""

from chapbook.booklet.index import IndexEntry, IndexRef, index_entries
from chapbook.booklet.layout import (
    EDITIONS,
    anchor_pages,
    booklet_pdf,
    page_count,
    render_booklet,
    render_booklet_html,
    write_booklet,
    write_imposed,
)

__all__ = ["EDITIONS", "IndexEntry", "IndexRef", "anchor_pages", "booklet_pdf", "index_entries",
           "page_count", "render_booklet", "render_booklet_html", "write_booklet",
           "write_imposed"]
