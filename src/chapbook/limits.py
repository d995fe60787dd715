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


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so library code cannot swallow it."""


@contextlib.contextmanager
def time_limit(what: str) -> Iterator[None]:
    """Stop the block after the time limit (main thread only; elsewhere no limit)."""
    global _active
    seconds = time_limit_seconds()
    if _active or threading.current_thread() is not threading.main_thread():
        yield  # an enclosing limit (one for the whole build) already runs
        return
    _active = True

    def alarm(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    except _Timeout:
        raise RenderError(f"{what} took longer than {seconds} s and was stopped: look for huge "
                          "values in custom CSS or an enormous table "
                          "(CHAPBOOK_TIME_LIMIT sets the limit)") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        _active = False
