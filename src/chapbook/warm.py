"""Whether this process lays out one document after another: a watching process, or a
worker of a build of several lectures. While it does (inside `kept()`), what WeasyPrint
makes for a document and can serve the next (fonts loaded, stylesheets parsed, see
`weasy.Warm`) is kept until the block ends.

The switch lives apart from `weasy` so that a build can turn it on before anything
imports WeasyPrint: its workers then keep their own, each from its first document on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

_depth = 0
_at_end: list[Callable[[], None]] = []


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
            while _at_end:
                _at_end.pop()()


def keeping() -> bool:
    return _depth > 0


def at_end(drop: Callable[[], None]) -> None:
    """Call `drop` when the block ends (to let go of what was kept)."""
    _at_end.append(drop)
