"""The footnotes waiting to be placed, asked about in constant time.

WeasyPrint keeps the footnotes not yet placed in a list (`LayoutContext.footnotes`),
and for every line it lays out asks of each box in the line whether the box's footnote
is in that list. Most boxes have no footnote, and each question reads the whole list:
a long booklet's footnotes (one every page or two) made it 4 % of the layout of 400
pages laid out whole. Here the list keeps a count of its members beside it, in step
with every change, and answers from that; it is still a list, in the same order, so
the layout and the PDF are the same.
"""

from __future__ import annotations

from collections import Counter


class WaitingFootnotes(list):
    """A list whose membership test counts its members (by identity, as a list finds boxes,
    which have no equality of their own)."""

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._members = Counter(map(id, self))

    def __contains__(self, item) -> bool:
        return self._members[id(item)] > 0

    def copy(self) -> WaitingFootnotes:
        return WaitingFootnotes(self)

    def append(self, item) -> None:
        super().append(item)
        self._members[id(item)] += 1

    def remove(self, item) -> None:
        super().remove(item)
        self._members[id(item)] -= 1

    # The rest of list's changes, which WeasyPrint does not make, kept in step all the same.

    def extend(self, items) -> None:
        for item in items:
            self.append(item)

    def __iadd__(self, items):
        self.extend(items)
        return self

    def insert(self, index, item) -> None:
        super().insert(index, item)
        self._members[id(item)] += 1

    def pop(self, index=-1):
        item = super().pop(index)
        self._members[id(item)] -= 1
        return item

    def clear(self) -> None:
        super().clear()
        self._members.clear()

    def __setitem__(self, index, value) -> None:
        super().__setitem__(index, value)
        self._members = Counter(map(id, self))

    def __delitem__(self, index) -> None:
        super().__delitem__(index)
        self._members = Counter(map(id, self))

    def __imul__(self, count):
        super().__imul__(count)
        self._members = Counter(map(id, self))
        return self


def count_waiting_footnotes() -> None:
    """Patch WeasyPrint's `LayoutContext` (once, for the process): its footnotes waiting
    to be placed are a `WaitingFootnotes`."""
    from weasyprint.layout import LayoutContext

    if getattr(LayoutContext.__init__, "_chapbook_original", None) is not None:
        return
    original = LayoutContext.__init__

    def __init__(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.footnotes = WaitingFootnotes(self.footnotes)

    __init__._chapbook_original = original
    LayoutContext.__init__ = __init__
