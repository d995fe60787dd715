"""The slide layouts: one list every stage agrees on.

An author may ask for one with `::: {.slide layout="..."}`; the deck template writes
them as `data-layout`; the deck finds the theme's layout for each (see `deck.theme`).
"""

from __future__ import annotations

LAYOUTS: dict[str, str] = {
    "title": "the title slide: title, subtitle, author and date",
    "content": "a title and a body of bullets or text",
    "two-content": "a title and two columns",
    "section": "a section divider",
    "picture": "a title and a picture",
    "chart": "a title and a chart",
    "table": "a title and a table",
    "quote": "a quotation, large, without bullets",
    "title-only": "a title and free space (text beside a visual)",
    "closing": "the closing slide: thanks, and questions",
}
AUTHOR_LAYOUTS = tuple(k for k in LAYOUTS if k not in ("title", "closing"))  # `::: slide`
