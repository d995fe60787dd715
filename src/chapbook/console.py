"""What `chapbook build` shows while it works and says when it is done.

Three audiences, three displays: a person at a terminal gets a live line per
lecture being built (after about a second, so a quick build does not flicker)
and, per lecture, its warnings grouped and its outputs in a table; a script or
`make` gets the same lines with no escape codes; `--json` gets one JSON document
on stdout and nothing else there. Warnings are collected from the log as the
build makes them and shown once per lecture: the same message at several lines is
one warning naming every line, and a message repeated by several outputs is shown
once. Errors are always one line on stderr.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

DELAY = 1.0  # seconds before the live display appears


@dataclass(frozen=True)
class Warned:
    """One warning: where (`path`, `line`, when known) and what."""

    path: str | None
    line: int | None
    message: str

    @classmethod
    def of(cls, record: logging.LogRecord) -> Warned:
        where = getattr(record, "where", None)  # set by the build (`build.report_findings`)
        if where is not None:
            path, line, message = where
            return cls(path, line, message)
        return cls(None, None, record.getMessage())

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message}


def grouped(warnings: Sequence[Warned]) -> list[str]:
    """The warnings as the lines to print: the same message in the same file once, with
    every line it was found at; the first time each was found decides the order."""
    lines: dict[tuple[str | None, str], list[int | None]] = {}
    for warned in warnings:
        at = lines.setdefault((warned.path, warned.message), [])
        if warned.line not in at:
            at.append(warned.line)
    return [_line(path, message, at) for (path, message), at in lines.items()]


def _line(path: str | None, message: str, at: list[int | None]) -> str:
    if path is None:
        return f"chapbook: warning: {message}"
    numbered = [n for n in at if n is not None]
    if not numbered:
        return f"{path}: warning: {message}"
    also = numbered[1:]
    more = (f" (also line{'s' if len(also) > 1 else ''} {', '.join(map(str, also))})"
            if also else "")
    return f"{path}:{numbered[0]}: warning: {message}{more}"


class WarningLog(logging.Handler):
    """Collects the build's warnings until the display takes them; passes debug messages
    (`--debug`) straight through to stderr."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.warnings: list[Warned] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings.append(Warned.of(record))
        else:
            print(f"chapbook: debug: {record.getMessage()}", file=sys.stderr)

    def take(self) -> list[Warned]:
        taken, self.warnings = self.warnings, []
        return taken


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def size(nbytes: int) -> str:
    if nbytes < 1024 * 1024:
        return f"{max(1, round(nbytes / 1024))} KB"
    return f"{nbytes / (1024 * 1024):.1f} MB"


class Display:
    """Plain lines: outputs on stdout, warnings on stderr (a terminal, `make`, a log)."""

    def __init__(self, quiet: bool = False, out: TextIO | None = None,
                 err: TextIO | None = None) -> None:
        self.quiet = quiet
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.started = time.perf_counter()

    def start(self, folders: Sequence[Path], formats: tuple[str, ...]) -> None:
        """The build begins: `formats` of each lecture in `folders`."""

    def rendered(self, folder: Path, names: tuple[str, ...]) -> None:
        """Part of a lecture's outputs are rendered (still to be written)."""

    def lecture(self, folder: Path, built: Sequence, warnings: Sequence[Warned],
                error: str | None) -> None:
        """A lecture is done: written (`built`), or failed with the `error` line."""
        if error is not None:
            print(error, file=self.err, flush=True)
        if self.quiet:
            return
        lines = grouped(warnings)
        for line in lines:
            print(line, file=self.err)
        self.err.flush()
        rows = [_row(item) for item in built]
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
        for path, extent, nbytes, seconds in rows:
            print(f"wrote {path:<{widths[0]}}  {extent:>{widths[1]}}  {nbytes:>{widths[2]}}  "
                  f"{seconds:>{widths[3]}}".rstrip(), file=self.out)
        if built and warnings:
            print(f"  {plural(len(lines), 'warning')} above "
                  "(`chapbook check --strict` fails on them)", file=self.out)
        self.out.flush()

    def finish(self, total: int, failed: Sequence[Path]) -> None:
        """Every lecture is done."""
        if total > 1 and (failed or not self.quiet):
            names = ", ".join(str(f) for f in failed)
            print(f"built {total - len(failed)} of {total} lectures in "
                  f"{time.perf_counter() - self.started:.1f} s"
                  + (f"; failed: {names}" if failed else ""), file=self.out, flush=True)


def _row(item) -> tuple[str, str, str, str]:
    extent = plural(item.count, item.unit) if item.unit else ""
    return (str(item.path), extent, size(item.path.stat().st_size), f"{item.seconds:.1f} s")


class LiveDisplay(Display):
    """On a terminal: below the lines the plain display prints, a line per lecture being
    built (a spinner, what is left to render, the time so far), shown once the build
    has taken `DELAY` seconds and gone when it ends."""

    def __init__(self, quiet: bool = False) -> None:
        super().__init__(quiet)
        self.lock = threading.RLock()
        self.live = None
        self.timer: threading.Timer | None = None
        self.left: dict[Path, list[str]] = {}
        self.spinners: dict[Path, object] = {}
        self.names: dict[Path, str] = {}

    def start(self, folders: Sequence[Path], formats: tuple[str, ...]) -> None:
        from rich.spinner import Spinner

        for folder in folders:
            key = _key(folder)
            self.left[key] = list(formats)
            self.names[key] = Path(folder).resolve().name
            self.spinners[key] = Spinner("dots")
        self.timer = threading.Timer(DELAY, self._show)
        self.timer.daemon = True
        self.timer.start()

    def _show(self) -> None:
        from rich.console import Console, Group
        from rich.live import Live
        from rich.text import Text

        def view():
            with self.lock:
                for key, spinner in self.spinners.items():
                    spinner.update(text=Text(self._status(key), no_wrap=True,
                                             overflow="ellipsis"))
                return Group(*self.spinners.values())

        with self.lock:
            if self.timer is None:  # finished meanwhile
                return
            self.live = Live(get_renderable=view, console=Console(file=sys.stderr),
                             transient=True, refresh_per_second=8, redirect_stdout=False,
                             redirect_stderr=False)
            self.live.start()
            _LIVE.append(self)

    def _status(self, key: Path) -> str:
        left = self.left.get(key, [])
        doing = f"rendering {', '.join(left)}" if left else "writing"
        return f"{self.names[key]}: {doing}  {time.perf_counter() - self.started:.0f} s"

    def rendered(self, folder: Path, names: tuple[str, ...]) -> None:
        with self.lock:
            key = _key(folder)
            self.left[key] = [n for n in self.left.get(key, []) if n not in names]

    def lecture(self, folder: Path, built, warnings, error) -> None:
        # The display's own thread takes `lock` while drawing: stop it without holding that.
        with self.lock:
            self.spinners.pop(_key(folder), None)
            live = self.live
        if live is not None:
            live.stop()
        try:
            super().lecture(folder, built, warnings, error)
        finally:
            if live is not None and self.spinners:
                live.start()

    def finish(self, total: int, failed: Sequence[Path]) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            live, self.live = self.live, None
            if self in _LIVE:
                _LIVE.remove(self)
        if live is not None:
            live.stop()
        super().finish(total, failed)


def _key(folder: Path) -> Path:
    return Path(folder).resolve()


_LIVE: list[LiveDisplay] = []  # the live display running, held still across a fork


def _before_fork() -> None:
    """A forked worker must not inherit a lock the display's thread holds mid-write."""
    for display in _LIVE:
        display.lock.acquire()
        if display.live is not None:
            display.live.console._lock.acquire()


def _after_fork_in_parent() -> None:
    for display in _LIVE:
        if display.live is not None:
            display.live.console._lock.release()
        display.lock.release()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                    after_in_child=lambda: _LIVE.clear())


class JsonDisplay(Display):
    """`--json`: one document on stdout when the build ends; errors still on stderr."""

    def __init__(self) -> None:
        super().__init__(quiet=True)
        self.lectures: list[dict] = []

    def lecture(self, folder: Path, built, warnings, error) -> None:
        if error is not None:
            print(error, file=self.err, flush=True)
        self.lectures.append({
            "folder": str(folder),
            "ok": error is None,
            "error": error,
            "outputs": [{"format": item.name, "path": str(item.path),
                         "bytes": item.path.stat().st_size, "seconds": round(item.seconds, 3),
                         "count": item.count, "unit": item.unit} for item in built],
            "warnings": [w.as_dict() for w in warnings],
        })

    def finish(self, total: int, failed: Sequence[Path]) -> None:
        document = {"ok": not failed, "seconds": round(time.perf_counter() - self.started, 3),
                    "lectures": self.lectures}
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        print(file=self.out, flush=True)


def display_for(quiet: bool, as_json: bool) -> Display:
    """The display for how the command was asked and where its output goes."""
    if as_json:
        return JsonDisplay()
    if not quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
        return LiveDisplay()
    return Display(quiet)
