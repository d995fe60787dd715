"""The booklet: Lecture -> paged HTML (Jinja2) -> PDF (WeasyPrint), and its imposition."""

from chapbook.booklet.layout import (
    BookletOptions,
    IndexEntry,
    anchor_pages,
    one_ref_per_page,
    render_booklet,
    render_booklet_html,
    write_booklet,
)

__all__ = ["BookletOptions", "IndexEntry", "anchor_pages", "one_ref_per_page", "render_booklet",
           "render_booklet_html", "write_booklet"]
