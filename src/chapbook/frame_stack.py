"""Python's frames kept on one piece of memory while a command runs.

CPython (since 3.11) keeps the frames of running Python functions on a stack of
16 KiB chunks. A call that does not fit in the current chunk gets a new one from the
operating system (`mmap`), and the chunk is handed back (`munmap`) as soon as that
call returns. A recursion that goes back and forth across a chunk's end, as
WeasyPrint's layout and drawing do on every box, maps and unmaps a chunk each time, at
two system calls and a page fault each: 6,600 times in a build of the sample lecture.
How often depends on where the deep calls happen to fall against the chunks' ends: a
lecture of a course, in a process forked from a warm worker, was measured at 1,000 to
9,500 page faults more, and up to a tenth more time.

`on_roomy_stack` calls a function from a frame that asks for a large stack of its own:
CPython gives that frame a chunk of 2 MiB, and the calls made under it fit in the rest
of that chunk, far deeper than Python's recursion limit. Only the pages of the chunk
that frames use are ever touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# The frame asks for 1 MiB (in 8-byte slots); CPython rounds its chunk up to 2 MiB,
# which leaves about 1 MiB for the frames below it (a few hundred bytes each).
ROOM = 1 << 17


def _call(function, args, kwargs):
    return function(*args, **kwargs)


_call.__code__ = _call.__code__.replace(co_stacksize=ROOM)


def on_roomy_stack(function: Callable[..., T], *args, **kwargs) -> T:
    """`function(*args, **kwargs)`, its calls, and processes forked under it, on one
    chunk of the frame stack."""
    return _call(function, args, kwargs)
