"""`chapbook watch`: one warm process that rebuilds a lecture whenever a file it reads
changes.

It polls the modification times of what `deps.dependencies` lists (no extra
dependency, any file system) every `interval` seconds. A rebuild is the normal
all-or-nothing build, so an error in the lecture prints its one line and keeps
the last good outputs, and watching goes on. The libraries the formats need are
imported once, before the first build, so each rebuild's workers start warm.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path

from chapbook.build import build
from chapbook.deps import dependencies
from chapbook.formats import FORMATS, Job
from chapbook.settings import Choices

Stamp = dict[Path, int | None]


def snapshot(paths: list[Path]) -> Stamp:
    """Each path's modification time (None when it is gone)."""
    stamp: Stamp = {}
    for path in paths:
        try:
            stamp[path] = path.stat().st_mtime_ns
        except OSError:
            stamp[path] = None
    return stamp


def warm_up(formats: tuple[str, ...]) -> None:
    """Import what the formats use now, not in every rebuild's workers."""
    for need in {n for name in formats for n in FORMATS[name].needs}:
        if not hasattr(Job, need):
            importlib.import_module(need)
    importlib.import_module("chapbook.booklet")
    importlib.import_module("chapbook.deck")


def watch(folder: Path, out: Path, formats: tuple[str, ...], choices: Choices,
          report: Callable[[str], None], failed: Callable[[Exception], None],
          interval: float = 0.2, rounds: int | None = None) -> None:
    """Build, then rebuild after every change, until interrupted (or after `rounds` polls)."""
    warm_up(formats)
    last: Stamp | None = None
    while rounds is None or rounds > 0:
        now = snapshot(dependencies(folder, formats, choices.theme))
        if now != last:
            last = now  # a save during the build differs from this: built again next
            started = time.perf_counter()
            try:
                built = build(folder, out, formats, choices=choices)
            except Exception as exc:  # the lecture is being edited: say why, keep watching
                failed(exc)
            else:
                names = ", ".join(b.path.name for b in built)
                report(f"rebuilt {names} in {time.perf_counter() - started:.1f} s")
        if rounds is not None:
            rounds -= 1
        time.sleep(interval)
