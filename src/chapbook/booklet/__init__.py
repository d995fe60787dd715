"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint), and its imposition."""

from chapbook.booklet.layout import (
    EDITIONS,
    IndexEntry,
    anchor_pages,
    one_ref_per_page,
    render_booklet,
    render_booklet_html,
    write_booklet,
    write_imposed,
)

__all__ = ["EDITIONS", "IndexEntry", "anchor_pages", "one_ref_per_page", "render_booklet",
           "render_booklet_html", "write_booklet", "write_imposed"]
