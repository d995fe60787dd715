"""Limits that stop a runaway build with a clear message instead of eating the machine.

A user's CSS with huge values or a lecture with a ten-thousand-row table can
make layout run for hours. A build therefore runs under one wall-clock limit
(`CHAPBOOK_TIME_LIMIT` seconds, default 120; limits opened inside it add
nothing) and results are capped in size.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from chapbook.errors import RenderError

MAX_TABLE_ROWS = 1000
MAX_PAGES = 500
MAX_PAGE_MM = 1200  # A0 is 1189 mm tall: anything larger is not paper
MAX_SLIDES = 500


def time_limit_seconds() -> int:
    value = os.environ.get("CHAPBOOK_TIME_LIMIT", "120")
    return int(value) if value.isdigit() and int(value) > 0 else 120


_active = False
_stages: list[str] = []  # what the build is doing now, innermost last

# Stage -> what usually makes it slow, for the time-limit message.
USUAL_CAUSES = {
    "reading the lecture": "a very large lecture.md, image or data file",
    "rendering the templates": "a loop in a custom template that runs very long",
    "laying out the booklet": "huge values in custom CSS, an enormous table, or a very long "
                              "word or URL without spaces",
    "writing the booklet": "very large images or fonts",
    "laying out the handout": "huge values in handout.css or an enormous table",
    "writing the handout": "very large images",
    "composing the deck": "a theme with tiny placeholders, or thousands of bullets",
    "imposing the booklet": "a booklet of very many pages",
}


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so library code cannot swallow it."""

    def __init__(self, stage: str):
        super().__init__(stage)
        self.stage = stage


@contextlib.contextmanager
def stage(what: str) -> Iterator[None]:
    """Name what the build is doing, for the time-limit message."""
    _stages.append(what)
    try:
        yield
    finally:
        _stages.pop()


@contextlib.contextmanager
def time_limit(what: str) -> Iterator[None]:
    """Stop the block after the time limit (main thread only; elsewhere no limit).

    Limits opened inside another add nothing but name the stage they cover, so the
    message says what was running when time ran out.
    """
    global _active
    with stage(what):
        if _active or threading.current_thread() is not threading.main_thread():
            yield  # an enclosing limit (one for the whole build) already runs
            return
        seconds = time_limit_seconds()
        _active = True

        def alarm(signum, frame):
            raise _Timeout(_stages[-1] if _stages else what)

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.alarm(seconds)
        try:
            yield
        except _Timeout as timeout:
            cause = USUAL_CAUSES.get(timeout.stage, "an unusually large lecture")
            raise RenderError(f"{timeout.stage} took longer than {seconds} s (the build's "
                              f"time limit) and was stopped; the usual cause there: {cause} "
                              "(CHAPBOOK_TIME_LIMIT sets the limit)") from None
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            _active = False


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def memory_budget(megabytes: int) -> Iterator[None]:
    """Let the block grow this process by at most `megabytes` (MemoryError beyond).

    Raises the soft address-space limit for the block only, on systems that have
    one (Linux); elsewhere the time limit is the only guard.
    """
    import resource

    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if used is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = used + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield  # an enclosing budget is already tighter
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
