"""Whether this process lays out one document after another: a watching process, or a
worker of a build of several lectures. While it does (inside `kept()`), what WeasyPrint
makes for a document and can serve the next (fonts loaded, stylesheets parsed, see
`weasy.Warm`) is kept until the block ends, and what each process forked from it will
take as its own, changing it, can be made ready ahead (`ahead`: a deck's theme, opened).

The switch lives apart from `weasy` so that a build can turn it on before anything
imports WeasyPrint: its workers then keep their own, each from its first document on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

_depth = 0
_at_end: list[Callable[[], None]] = []
_ahead: dict[object, Callable[[], None]] = {}  # by what each prepares


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Keep what documents can share until the (outermost) block ends."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            _ahead.clear()
            while _at_end:
                _at_end.pop()()


def keeping() -> bool:
    return _depth > 0


def at_end(drop: Callable[[], None]) -> None:
    """Call `drop` when the block ends (to let go of what was kept)."""
    _at_end.append(drop)


def ahead(key: object, prepare: Callable[[], None]) -> None:
    """While keeping: `prepare` is to run before this process forks processes that start
    warm from it (`before_forks`), the latest one registered under `key`."""
    if keeping():
        _ahead[key] = prepare


def before_forks() -> None:
    """Make ready what the processes about to be forked from this one will each take as
    their own (a course's worker after its first lecture, a watching process before its
    rebuilds fork)."""
    for prepare in list(_ahead.values()):
        prepare()
