"""`chapbook watch`: one warm process that rebuilds, on every save, the outputs whose
inputs changed.

It polls the modification times of what `deps.dependencies` lists (no extra
dependency, any file system) every `interval` seconds, and sorts them by output: a
format's own template folders (the lecture's and the bundled `templates/<kind>/`)
and the theme matter only to the formats that read them, everything else (the
text, figures, data, bibliography, course file) to all. chapbook's own source is not
watched: a running process does not reload it.

Watching trades the build's all-or-nothing batch for speed: each output (the booklet
with its print file) is committed as soon as it is made, the quickest first (the
deck), and reported with the time since the save was seen. Each file is still
written atomically, and an output that fails leaves its previous file and prints
its one error line; the others are still written, and watching goes on. The lecture
is parsed once per change. Builds run here, in this process, until one succeeds and
leaves it warm (the libraries imported, the templates compiled, the fonts loaded, kept
by `weasy.shared_fonts`); later rebuilds make the costliest output (the booklet) here,
warm, and the others meanwhile in workers forked from this process, each starting
warm, the deck's ahead of the others'. The HTML slides
written here reload themselves in an open browser (`slides.render.Reload`: a script
and a sidecar file, `NAME-slides.stamp.js`); a build's never carry it.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from chapbook import limits
from chapbook import warm as warm_state
from chapbook.build import output_paths, render_outputs, report_findings, report_warnings
from chapbook.deps import TEMPLATES, dependencies
from chapbook.formats import FORMATS, Job, cost, groups, prepare_shared
from chapbook.heap import collection_paused
from chapbook.output import Batch, private_tempdir
from chapbook.read import parse_lecture
from chapbook.read.cite_replay import replaying
from chapbook.read.parse import SOURCE_NAME
from chapbook.settings import Choices, resolve
from chapbook.size import time_allowance
from chapbook.slides.render import sidecar_name, sidecar_script
from chapbook.templates import bundled_templates
from chapbook.weasy import shared_fonts
from chapbook.workers import Outcome, Workers, cores

Stamp = dict[Path, int | None]
THEMED = frozenset({"pptx", "html", "handout"})  # the formats drawn on the theme
THEME_SUFFIXES = (".pptx", ".potx")
SWITCH = 0.0005  # seconds: how soon a committing thread gets its turn
BEHIND = 5  # how much lower the later outputs' workers run than the first's (nice)


def snapshot(paths: list[Path]) -> Stamp:
    """Each file's modification time (None when it is gone). Folders are left out: the
    files are listed anew every poll, so a file added to one is seen as itself."""
    stamp: Stamp = {}
    for path in paths:
        try:
            found = path.stat()
        except OSError:
            stamp[path] = None
            continue
        if not stat.S_ISDIR(found.st_mode):
            stamp[path] = found.st_mtime_ns
    return stamp


def readers(path: Path, folder: Path, formats: tuple[str, ...]) -> tuple[str, ...]:
    """Which of `formats` read `path`, one of the lecture's dependencies."""
    if path.suffix.lower() in THEME_SUFFIXES:
        return tuple(name for name in formats if name in THEMED)
    for templates in (folder / "templates", bundled_templates()):
        if path.is_relative_to(templates) and path != templates:
            kind = path.relative_to(templates).parts[0]
            return tuple(name for name in formats if kind in TEMPLATES.get(name, ()))
    return formats


def inputs(folder: Path, out: Path, formats: tuple[str, ...],
           theme: Path | None = None) -> dict[str, list[Path]]:
    """Each format's inputs: what it reads of the lecture's dependencies, less chapbook's
    source and the outputs (an output folder inside the lecture's)."""
    folder, outputs = Path(folder), Path(out).resolve()
    nested = outputs.is_relative_to(folder.resolve())
    found: dict[str, list[Path]] = {name: [] for name in formats}
    for path in dependencies(folder, formats, theme, source=False):
        if nested and path.resolve().is_relative_to(outputs):
            continue
        for name in readers(path, folder, formats):
            found[name].append(path)
    return found


def warm_up(formats: tuple[str, ...]) -> None:
    """Import what the formats use now, once."""
    for need in {n for name in formats for n in FORMATS[name].needs}:
        if not hasattr(Job, need):
            importlib.import_module(need)
    importlib.import_module("chapbook.booklet")
    importlib.import_module("chapbook.deck")


def changed_outputs(now: dict[str, Stamp], seen: dict[str, Stamp]) -> tuple[str, ...]:
    return tuple(name for name, stamp in now.items() if seen.get(name) != stamp)


def watch(folder: Path, out: Path, formats: tuple[str, ...], choices: Choices,
          report: Callable[[str], None], failed: Callable[[Exception], None],
          interval: float = 0.2, rounds: int | None = None) -> None:
    """Build, then rebuild what changed after every save, until interrupted (or after
    `rounds` polls)."""
    warm_up(formats)
    seen: dict[str, Stamp] = {}
    warm = False  # until a build has succeeded here, in this process, rebuilds run here
    # One temporary folder for the whole watch: the shared fonts live in it.
    with private_tempdir(), shared_fonts(), replaying(), contextlib.ExitStack() as stack:
        stack.callback(gc.unfreeze)
        while rounds is None or rounds > 0:
            listed = inputs(folder, out, formats, choices.theme)
            stamps = snapshot(sorted({p for paths in listed.values() for p in paths}))
            now = {name: {p: stamps[p] for p in paths if p in stamps}
                   for name, paths in listed.items()}
            names = changed_outputs(now, seen)
            if names:
                seen.update({name: now[name] for name in names})  # a save during the build
                if warm:
                    warm_state.before_forks()  # what the workers forked below take
                ok = rebuild(folder, out, names, choices, report, failed,  # differs from this
                             cores() if warm else 1)
                gc.collect()  # what the outputs made here left, while nothing waits
                if ok and not warm:  # warm now: what it holds is never collected, so
                    warm = True  # forked workers neither copy nor walk it
                    warm_state.before_forks()
                    gc.freeze()
            if rounds is not None:
                rounds -= 1
            pause(interval, Path(folder) / SOURCE_NAME)


def pause(interval: float, source: Path) -> None:
    """Wait `interval` seconds before the next look at every input, but wake as soon as
    the lecture itself is saved: the usual change is seen within 10 ms (5 on average),
    for one `stat` of one file each time (a hundred a second cost a millisecond)."""
    before = _mtime(source)
    step = min(0.01, interval)
    end = time.monotonic() + interval
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(step, left))
        if _mtime(source) != before:
            return


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def rebuild(folder: Path, out: Path, names: tuple[str, ...], choices: Choices,
            report: Callable[[str], None], failed: Callable[[Exception], None],
            workers: int) -> bool:
    """Parse once; make `names`, the quickest first, each committed and reported as soon
    as it is made; an output that fails is reported and leaves its previous file.
    Whether every one was written."""
    commit = _Commits(time.perf_counter(), report, failed)
    try:
        with limits.time_limit("the build"), collection_paused():
            with limits.stage("reading the lecture"):
                lecture = parse_lecture(Path(folder))
            limits.allow(time_allowance(lecture))
            report_findings(lecture)
            job = Job(lecture, resolve(lecture, choices), reload=f"{time.time_ns():x}")
            targets = output_paths(lecture, out, names)
            parts = sorted(groups(names), key=cost)
            batches = [Batch() for _ in parts]
            try:
                temps = {name: batch.path(targets[name])
                         for part, batch in zip(parts, batches, strict=True) for name in part}
                tasks = [partial(render_outputs, job, part, temps) for part in parts]
                done = partial(commit, job, batches)
                if min(workers, len(tasks)) > 1:
                    prepare_shared(job, parts)
                    _side_by_side(tasks, [cost(part) for part in parts], workers - 1, done)
                else:
                    with Workers(tasks, 1) as pool:
                        for index, outcome in enumerate(pool.outcomes()):
                            done(index, outcome)
            finally:
                for batch in batches:
                    batch.discard()
    except Exception as exc:  # the lecture is being edited: say why, keep watching
        failed(exc)
        return False
    return commit.written == len(parts)


def _side_by_side(tasks: list[Callable[[], object]], costs: list[float], count: int,
                  done: Callable[[int, Outcome], None]) -> None:
    """The costliest task (the last) here, in this warm process, the others at once in
    `count` workers forked from it, the quickest first (the deck): each output is
    committed as soon as it is made, the workers' from a thread. A worker forked for
    the sample's booklet took 0.15 to 0.35 s longer than this process (2.0 s)."""
    *others, here = range(len(tasks))
    forked = [tasks[0], *(partial(_behind, tasks[i]) for i in others[1:])]
    order = [0, *sorted(range(1, len(forked)), key=lambda i: -costs[i])]
    cancelled = threading.Event()
    failures: list[BaseException] = []

    def follow(pool: Workers) -> None:
        try:
            for index, outcome in enumerate(pool.outcomes()):
                if cancelled.is_set():
                    return
                done(index, outcome)
        except BaseException as exc:  # told in this process's thread, after its own work
            if not cancelled.is_set():
                failures.append(exc)

    switching = sys.getswitchinterval()
    with Workers(forked, count, order, beside=True) as pool, contextlib.ExitStack() as stack:
        pool.start()  # forked from this one thread, before the work here begins
        thread = threading.Thread(target=follow, args=(pool,), name="chapbook-commits")
        thread.start()
        # A commit waits for the interpreter at each of its calls to the system (by
        # default up to 5 ms each, 0.08 s for the deck); it costs nothing while waiting.
        sys.setswitchinterval(SWITCH)
        stack.callback(sys.setswitchinterval, switching)
        try:
            try:
                outcome = Outcome(tasks[here]())
            except Exception as exc:
                outcome = Outcome(error=exc)
            done(here, outcome)
        except BaseException:  # out of time, interrupted: the workers go at once
            cancelled.set()
            pool.stop()
            raise
        finally:
            thread.join()
    if failures:
        raise failures[0]


class _Commits:
    """Outputs committed and reported one at a time, from whichever thread made them."""

    def __init__(self, started: float, report: Callable[[str], None],
                 failed: Callable[[Exception], None]) -> None:
        self.started, self.report, self.failed = started, report, failed
        self.written = 0
        self.lock = threading.Lock()

    def __call__(self, job: Job, batches: list[Batch], index: int, outcome: Outcome) -> None:
        with self.lock:
            outcome.replay()
            self.written += _commit(job, batches[index], outcome, self.started, self.report,
                                    self.failed)


def _behind(task: Callable[[], object]) -> object:
    """Run `task` (in a worker) yielding the processor to the first output's on a busy
    machine: the deck is reported sooner, and the others are not later on an idle one."""
    os.nice(BEHIND)
    return task()


def _commit(job: Job, batch: Batch, outcome, started: float,
            report: Callable[[str], None], failed: Callable[[Exception], None]) -> bool:
    """One output (or the booklet and its print file) into place, or its error said; the
    HTML slides with their sidecar after them, which tells an open page to reload."""
    try:
        if outcome.error is not None:
            raise outcome.error
        report_warnings(job.lecture, outcome.value)
        written = [target.name for _, target in batch.pending]
        for _, target in list(batch.pending):
            if target.name.endswith(FORMATS["html"].suffix):
                batch.path(target.with_name(sidecar_name(target.name))).write_text(
                    sidecar_script(job.reload), encoding="utf-8")
        batch.commit()
    except Exception as exc:
        failed(exc)
        return False
    report(f"rebuilt {', '.join(written)} in {time.perf_counter() - started:.1f} s")
    return True
