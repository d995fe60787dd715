"""Limits that stop a runaway build with a clear message instead of eating the machine.

A user's CSS with huge values or a lecture with a ten-thousand-row table can
make layout run for hours. A build therefore runs under one wall-clock limit
(limits opened inside it add nothing) and results are capped in size. The
limit grows with the lecture: 120 s, and once the lecture is read `allow`
adds what its size needs (see `chapbook.size`), so a 400-page book is not held
to a limit made for 30 pages. `CHAPBOOK_TIME_LIMIT` (seconds) sets a fixed
limit instead.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
import time
from collections.abc import Iterator

from chapbook.errors import RenderError

MAX_TABLE_ROWS = 1000
MAX_PAGES = 500
MAX_PAGE_MM = 1200  # A0 is 1189 mm tall: anything larger is not paper
MAX_SLIDES = 500


BASE_SECONDS = 120


def fixed_limit() -> int | None:
    """`CHAPBOOK_TIME_LIMIT` when set to a number of seconds."""
    value = os.environ.get("CHAPBOOK_TIME_LIMIT", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def time_limit_seconds() -> int:
    return fixed_limit() or BASE_SECONDS


_active = False
_deadline: float | None = None  # time.monotonic() when the running limit ends
_seconds = 0  # the running limit's length, for its message
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
    message says what was running when time ran out. In a worker process the limit
    is what is left of the parent's (`after_fork`).
    """
    global _active, _deadline, _seconds
    with stage(what):
        if _active or threading.current_thread() is not threading.main_thread():
            yield  # an enclosing limit (one for the whole build) already runs
            return
        inherited = _deadline
        if inherited is None:
            _seconds = time_limit_seconds()
            deadline = time.monotonic() + _seconds
        else:
            deadline = inherited
        _active, _deadline = True, deadline

        def alarm(signum, frame):
            raise _Timeout(_stages[-1] if _stages else what)

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.alarm(max(1, math.ceil(deadline - time.monotonic())))
        try:
            yield
        except _Timeout as timeout:
            raise out_of_time(timeout.stage) from None
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            _active, _deadline = False, inherited


def allow(extra: float) -> None:
    """Lengthen the running limit by `extra` seconds (what a large lecture needs, known
    once it is read); nothing when `CHAPBOOK_TIME_LIMIT` fixes the limit."""
    global _deadline, _seconds
    if not _active or _deadline is None or fixed_limit() or extra <= 0:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    _deadline += extra
    _seconds += math.ceil(extra)
    signal.alarm(max(1, math.ceil(_deadline - time.monotonic())))


def out_of_time(what: str) -> RenderError:
    """The time limit's message: the stage that ran long and its usual causes."""
    seconds = _seconds or time_limit_seconds()
    cause = USUAL_CAUSES.get(what, "an unusually large lecture")
    return RenderError(f"{what} took longer than {seconds} s (the build's time limit) and was "
                       f"stopped; the usual cause there: {cause} (CHAPBOOK_TIME_LIMIT sets "
                       "the limit)")


def current_stage() -> str:
    return _stages[-1] if _stages else "the build"


def remaining() -> float | None:
    """Seconds left of the running time limit, None outside one."""
    return None if _deadline is None else _deadline - time.monotonic()


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """No alarm in this process for the block (it waits for workers that keep the limit
    themselves); the alarm is set again afterwards for what is left."""
    if not _active or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.alarm(0)
    try:
        yield
    finally:
        if _deadline is not None:
            signal.alarm(max(1, math.ceil(_deadline - time.monotonic())))


def after_fork() -> None:
    """In a new worker process: no limit runs here yet, but the parent's deadline holds, so
    the worker's first `time_limit` ends when the parent's would."""
    global _active
    signal.alarm(0)
    _active = False
    _stages.clear()


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
