"""Python's cyclic garbage collector paused while a build makes its outputs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector.

    A build grows a large heap that stays alive until its outputs are written (the
    parsed lecture, WeasyPrint's boxes, the deck's slides) and makes little cyclic
    garbage, yet each full collection walks the whole heap again: about a tenth of
    a booklet's layout and writing. Reference counting still frees what is dropped;
    collection resumes (if it was on) after the block.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
