"""Lines of text broken once: the same text in the same font at the same width is not
broken again by Pango.

WeasyPrint breaks each line of text with `split_first_line`: a Pango layout of the
text that is left, shaped and broken to find where its first line ends. A quarter of a
booklet's layout goes there, and some of it again and again: a running header on every
page, a table's cells measured for their widths and then laid out, a chart's letters;
in a watching process, every paragraph the save did not touch. The answer depends only
on the call's arguments, the fonts, and the values of the style that the call reads, so
it is kept (`_Breaks`): by the arguments and the fonts, with the value of each property
the call read (a `_Reading` of the style notes them), and given again for a style with
the same values. A call that looks past its style's values (at a parent's, through
`calc()`) is not kept; fonts added to a font configuration start it afresh.

An answer given again comes with a layout of its own whose Pango layout is not made
yet, as WeasyPrint's own layouts are between laying out and drawing (`deactivate`):
drawing makes it from its box's style (`reactivate`). The PDF is the same to the byte.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from operator import itemgetter

LIMIT = 10_000  # answers kept, the least lately used forgotten first: about 1 KB each
_MADE_AGAIN = frozenset({"layout", "language", "style"})  # by `reactivate`, from its box
_generations = itertools.count(1)


class _Reading:
    """A style seen through: each value read is noted; looking at anything but its
    values and its fonts (`font_config`) marks the reading as not to be kept."""

    __slots__ = ("read", "strayed", "style")

    def __init__(self, style) -> None:
        self.style = style
        self.read: dict[str, object] = {}
        self.strayed = False

    def __getitem__(self, name: str):
        value = self.style[name]
        self.read.setdefault(name, value)
        return value

    @property
    def font_config(self):
        return self.style.font_config

    def __getattr__(self, name: str):
        self.strayed = True
        return getattr(self.style, name)


class _Breaks:
    """`split_first_line`, its answers kept."""

    def __init__(self, split_first_line, layout_class, limit: int = LIMIT) -> None:
        self.split = split_first_line
        self.layout_class = layout_class
        self.limit = limit
        self.kept: OrderedDict[tuple, list[tuple]] = OrderedDict()
        self.readers: dict[tuple, Callable] = {}  # by the names read, shared
        self.hits = self.misses = 0

    def forget(self) -> None:
        self.kept.clear()
        self.readers.clear()
        self.hits = self.misses = 0

    def __call__(self, text, style, context, max_width, justification_spacing,
                 is_line_start=True, minimum=False):
        key = (text, max_width, justification_spacing, is_line_start, minimum,
               generation(style.font_config))
        answers = self.kept.get(key)
        if answers is not None:
            for read, values, answer in answers:
                if read(style) == values:
                    self.kept.move_to_end(key)
                    self.hits += 1
                    return self._again(answer)
        self.misses += 1
        reading = _Reading(style)
        result = self.split(text, reading, context, max_width, justification_spacing,
                            is_line_start, minimum)
        layout = result[0]
        if getattr(layout, "style", None) is reading:
            layout.style = style
        if not reading.strayed:
            self._keep(key, reading.read, layout, result[1:])
        return result

    def _keep(self, key: tuple, read: dict, layout, metrics: tuple) -> None:
        names = tuple(read)
        reader = self.readers.get(names)
        if reader is None:
            reader = self.readers[names] = _reader(names)
        kept = {name: value for name, value in vars(layout).items()
                if name not in _MADE_AGAIN}
        self.kept.setdefault(key, []).append((reader, reader(read), (kept, *metrics)))
        self.kept.move_to_end(key)
        if len(self.kept) > self.limit:
            self.kept.popitem(last=False)

    def _again(self, answer: tuple) -> tuple:
        kept, *metrics = answer
        layout = self.layout_class.__new__(self.layout_class)
        layout.__dict__.update(kept)
        return (layout, *metrics)


def _reader(names: tuple[str, ...]) -> Callable:
    """The values of `names` in a style, as a tuple (`itemgetter` gives one value bare)."""
    if len(names) > 1:
        return itemgetter(*names)
    return lambda style: tuple(style[name] for name in names)


def generation(fonts) -> int:
    """The font configuration's present state: new for each, and again after each face
    added to it."""
    state = fonts.__dict__.get("_chapbook_generation")
    if state is None:
        state = fonts._chapbook_generation = next(_generations)
    return state


@contextlib.contextmanager
def own_lines() -> Iterator[None]:
    """Lines kept only while the block runs: a lecture of a course. A course's lectures
    seldom share a line but their running header, and those kept from a worker's first
    lecture would be held by every process forked from it (`make bench`'s course, one
    lecture copied twenty times, would measure what no course has)."""
    _forget()
    try:
        yield
    finally:
        _forget()


def _forget() -> None:
    line_break = sys.modules.get("weasyprint.text.line_break")  # not imported for a deck
    breaks = getattr(line_break, "split_first_line", None)
    if isinstance(breaks, _Breaks):
        breaks.forget()


def break_lines_once() -> None:
    """Patch WeasyPrint's `split_first_line` where it is called, and its font
    configurations to start afresh when a face is added (once, for the process)."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break
    from weasyprint.text.fonts import FontConfiguration

    if isinstance(line_break.split_first_line, _Breaks):
        return
    breaks = _Breaks(line_break.split_first_line, line_break.Layout)
    for module in (line_break, inline, preferred):
        module.split_first_line = breaks
    add_font_face = FontConfiguration.add_font_face

    def added(self, rule_descriptors, url_fetcher):
        self.__dict__.pop("_chapbook_generation", None)
        return add_font_face(self, rule_descriptors, url_fetcher)

    FontConfiguration.add_font_face = added
