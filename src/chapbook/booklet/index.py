"""The index of key terms: references from the body's layout, pages of two balanced columns.

The body is laid out once; the pages its term anchors landed on give each term's
references, one a page (`index_entries`). The index is then laid out as a small
document of its own: first in one column as wide as an index column, to measure
every entry (`measure_entries`), then page by page in two lists side by side
(`split_columns`), balanced here. CSS columns would be simpler, but WeasyPrint
lays out everything that follows a column break to place it, and balances by
laying the columns out again a pixel taller until they fit: quadratic in the
index's length, most of a long booklet's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from chapbook.booklet.pagebox import content_area
from chapbook.model.document import Lecture

COLUMNS = 2
ENTRY_ID = "index-entry-{}"  # ids the measuring layout gives the entries
SLACK = 1.0  # px left free in a column: rounding must not push an entry over


@dataclass(frozen=True)
class IndexRef:
    """A reference: the anchor of a term's occurrence and the page it is on."""

    anchor: str
    page: int


@dataclass(frozen=True)
class IndexEntry:
    term: str
    refs: tuple[IndexRef, ...]


def index_entries(lecture: Lecture, pages: dict[str, int]) -> list[IndexEntry]:
    """Every key term with one reference per page it occurs on, in page order."""
    entries = []
    for term in lecture.key_terms:
        refs: dict[int, IndexRef] = {}
        for anchor in term.anchors:
            page = pages.get(anchor)
            if page is not None and page not in refs:
                refs[page] = IndexRef(anchor, page)
        entries.append(IndexEntry(term.term, tuple(refs[p] for p in sorted(refs))))
    return entries


@dataclass(frozen=True)
class Measured:
    """The index in one column: each entry's height, the space between entries, and the
    room for the list on the index's first page (below its heading) and on later pages."""

    heights: tuple[float, ...]
    gap: float
    first: float
    later: float


def measure_entries(document, count: int) -> Measured:
    """Read `count` entries' boxes (ids `ENTRY_ID`) off the one-column layout."""
    boxes: list[tuple[int, float, float]] = []  # page, top, bottom
    for number, page in enumerate(document.pages):
        for i in range(len(boxes), count):
            found = page.anchors.get(ENTRY_ID.format(i))
            if found is None:
                break
            boxes.append((number, found[1], found[3]))
    if len(boxes) < count:
        raise ValueError(f"the index's measuring layout shows {len(boxes)} of {count} entries")
    gaps = [b[1] - a[2] for a, b in pairwise(boxes) if a[0] == b[0]]
    top, bottom = content_area(document.pages[0])
    return Measured(tuple(b[2] - b[1] for b in boxes), min(gaps, default=0.0),
                    bottom - boxes[0][1] if boxes else bottom - top, bottom - top)


def split_columns(measured: Measured) -> list[list[range]]:
    """The index's pages, each as its columns: the entries in each, balanced."""
    return [_balance(measured, page) for page in split_pages(measured)]


def split_pages(measured: Measured, columns: int = COLUMNS) -> list[range]:
    """The entries on each page of the index: as many as fill its columns, in order.

    An entry taller than a column gets a page of its own.
    """
    pages: list[range] = []
    start, room, total = 0, measured.first, len(measured.heights)
    while start < total:
        end = start
        for _ in range(columns):
            end = _fill_column(measured, end, room)
        end = max(end, start + 1)
        pages.append(range(start, end))
        start, room = end, measured.later
    return pages


def _fill_column(measured: Measured, start: int, room: float) -> int:
    """The index after the last entry that fits in a column of height `room` from `start`."""
    used, end = 0.0, start
    while end < len(measured.heights):
        used += measured.heights[end] + (measured.gap if end > start else 0.0)
        if used > room - SLACK:
            break
        end += 1
    return end


def _balance(measured: Measured, entries: range) -> list[range]:
    """Two columns of `entries`, the taller as short as can be (the left one on a tie)."""
    def taller(split: int) -> tuple[float, int]:
        return (max(_height(measured, entries.start, split), _height(measured, split,
                                                                    entries.stop)), -split)

    split = min(range(entries.start, entries.stop + 1), key=taller)
    return [range(entries.start, split), range(split, entries.stop)]


def _height(measured: Measured, start: int, stop: int) -> float:
    if stop <= start:
        return 0.0
    return sum(measured.heights[start:stop]) + measured.gap * (stop - start - 1)
