"""Python's cyclic garbage collector paused while a build makes its outputs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_ENDING = False  # the process ends after the build: collection is not resumed


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector.

    A build grows a large heap that stays alive until its outputs are written (the
    parsed lecture, WeasyPrint's boxes, the deck's slides) and makes little cyclic
    garbage, yet each full collection walks the whole heap again: about a tenth of
    a booklet's layout and writing. Reference counting still frees what is dropped;
    collection resumes (if it was on) after the block, unless the process ends there
    (`ending`).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on and not _ENDING:
            gc.enable()


def set_aside() -> None:
    """Set everything this process holds aside for good (`gc.freeze`), never walked again
    by a collection: a worker's warm state (the modules, fonts, stylesheets and templates
    its first lecture loaded), which the processes it forks share.

    Not collected first (call it with collection paused): the cycles the first lecture
    left (68,000 of the 234,000 objects after the sample's) took a full collection 0.15 s
    to find in each worker, at the start of a course, and their memory, freed, would
    stay with the worker all the same (its resident size is the same either way); the
    processes it forks, which would have reused it, grow 14 MiB more (a course of the
    sample: 123 MiB at most, not 109)."""
    gc.freeze()


@contextlib.contextmanager
def ending() -> Iterator[None]:
    """The process ends after the block (`chapbook build` of one lecture): collection
    paused by a build inside it is not resumed. Resumed, it would at once walk every
    object the build made, all still young, only to find the cycles WeasyPrint's boxes
    leave, just before the process exits without freeing anything (0.15 s after a
    100-page booklet, 0.7 s after 400 pages)."""
    global _ENDING
    before, _ENDING = _ENDING, True
    try:
        yield
    finally:
        _ENDING = before
