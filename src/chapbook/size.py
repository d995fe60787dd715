"""How large a lecture's outputs will be, estimated from the model before any layout.

The time limit grows with the estimate (a 400-page book is not held to a limit
set for 30 pages), and `chapbook check` lays the booklet out only when the
estimate comes near the page limit. Estimates err on the large side.
"""

from __future__ import annotations

from chapbook.blocks import Table
from chapbook.model.document import Lecture

WORDS_PER_PAGE = 200  # an A5 page of the bundled booklet holds about 230
FIXED_PAGES = 4  # cover, contents, sources, index
ROWS_PER_PAGE = 25


def estimated_pages(lecture: Lecture) -> int:
    """The booklet's pages: its words, figures and table rows."""
    blocks = lecture.all_blocks()
    words = sum(len(text.split()) for b in blocks
                if isinstance(text := getattr(b, "text", None), str))
    rows = sum(len(b.rows) for b in blocks if isinstance(b, Table))
    figures = len(lecture.figures) + len(lecture.charts)
    return FIXED_PAGES + words // WORDS_PER_PAGE + figures // 2 + rows // ROWS_PER_PAGE


def estimated_slides(lecture: Lecture) -> int:
    """The deck's slides before splitting: title, overview, sections, figures, tables."""
    per_section = sum(max(1, len(s.slides)) for s in lecture.sections)
    return (4 + len(lecture.intro_slides) + per_section + len(lecture.figures)
            + len(lecture.tables) + len(lecture.callouts))


SECONDS_PER_PAGE = 1.0  # layout and writing take about 0.2 s a page on a busy machine
SECONDS_PER_SLIDE = 0.25  # composing takes about 0.02 s a slide


def time_allowance(lecture: Lecture) -> float:
    """Seconds added to the time limit for a lecture of this size."""
    return (SECONDS_PER_PAGE * estimated_pages(lecture)
            + SECONDS_PER_SLIDE * estimated_slides(lecture))
