"""One build: lecture folders in, the requested outputs written all-or-nothing.

Parse once; resolve the settings once; then the formats are made on every core
(`workers`), those sharing work (the booklet and its print file) by the same
worker. Each output is written to a temporary file beside its target; only when
all are complete are they renamed into place together, so a failure anywhere
leaves the previous outputs untouched. Several lectures (`build_many`) are one
worker's task each, every lecture all-or-nothing on its own.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from chapbook import warm
from chapbook.errors import ChapbookError, Note
from chapbook.formats import DEFAULT, FORMATS, Job, cost, groups, prepare_shared
from chapbook.heap import collection_paused
from chapbook.limits import allow, stage, time_limit
from chapbook.output import Batch, atomic_batch, build_time, private_tempdir
from chapbook.read import SOURCE_NAME
from chapbook.settings import Choices, resolve
from chapbook.weasy_breaks import own_lines
from chapbook.workers import Helper, Workers, cores

if TYPE_CHECKING:  # the lecture's model is imported by the process that parses it first
    from chapbook.model.document import Lecture

log = logging.getLogger("chapbook")


Progress = Callable[[Path, tuple[str, ...]], None]
"""Told that formats of a lecture (its folder) are rendered, as each part finishes."""


@dataclass(frozen=True)
class Built:
    """An output in place: its format, file, length (`count` `unit`s) and render time."""

    path: Path
    seconds: float
    name: str
    count: int
    unit: str


@dataclass(frozen=True)
class Made:
    """An output rendered and written to its temporary file (in whichever process)."""

    name: str
    seconds: float
    warnings: tuple[Note, ...] = ()
    count: int = 0
    unit: str = ""

    def placed(self, path: Path) -> Built:
        return Built(path, self.seconds, self.name, self.count, self.unit)


def _quiet(folder: Path, names: tuple[str, ...]) -> None:
    """No progress display."""


def render_outputs(job: Job, names: tuple[str, ...], temps: dict[str, Path]) -> list[Made]:
    """Render `names` from `job`, each written to its temporary file in `temps`."""
    made = []
    with time_limit("the build"):  # in a worker, what is left of the build's limit
        for name in names:
            started = time.perf_counter()
            output = FORMATS[name].render(job)
            output.write(temps[name])
            made.append(Made(name, time.perf_counter() - started, tuple(output.warnings),
                             output.count, output.unit))
    return made


def make_outputs(job: Job, temps: dict[str, Path], workers: int,
                 progress: Progress = _quiet) -> list[Made]:
    """Every output in `temps`, on up to `workers` processes; the first failure stops all."""
    parts = groups(tuple(temps))
    tasks = [partial(render_outputs, job, part, temps) for part in parts]
    longest_first = sorted(range(len(parts)), key=lambda i: -cost(parts[i]))
    if workers > 1 and len(parts) > 1:
        prepare_shared(job, parts)
    made: list[Made] = []
    folder = job.lecture.root

    def done(index: int) -> None:
        progress(folder, parts[index])

    with Workers(tasks, workers, longest_first, done) as pool:
        for outcome in pool.outcomes():
            outcome.replay()
            if outcome.error is not None:
                raise outcome.error
            made += outcome.value
    return made


# What the outputs' needs import (`Format.needs`), once the library named first is not yet
# imported: WeasyPrint, a quarter of a second, with the booklet's modules (Jinja2,
# Pygments, the charts); python-pptx with the deck's and the slide plan's modules, about
# as long.
IMPORTS = {"weasyprint": ("weasyprint", "chapbook.weasy", "chapbook.booklet.layout",
                          "chapbook.booklet.halves"),
           "deck_plan": ("pptx", "chapbook.deck", "chapbook.plan.reader",
                         "chapbook.plan.render", "chapbook.plan.split")}
# What every build needs once its lecture is read: the model it is unpickled into and
# what its settings are resolved with (babel's locale data, the bundled templates).
READ_NEEDS = ("chapbook.model.document", "chapbook.size", "chapbook.text.labels",
              "chapbook.templates")


@dataclass
class Read:
    """A lecture parsed, and its booklet's body as HTML where the helper that parsed it
    had the time to make it (else None: it is made where the booklet is laid out)."""

    lecture: Lecture
    booklet_html: str | None = None


def read_lecture(folder: Path, formats: tuple[str, ...], workers: int,
                 choices: Choices | None = None) -> Read:
    """The lecture parsed. Where another core is free, a helper parses it while this
    process imports what the costliest output needs (which its worker then inherits),
    and sends it back pickled: the booklet's layout, or a deck built alone, starts that
    much sooner. The parser's modules are the helper's to import: here they would delay
    the fork. The helper then makes the booklet's body HTML (with `choices`), which this
    process would make first when its imports are done."""
    costliest = max(groups(formats), key=cost)
    needs = [IMPORTS[need] for name in costliest for need in FORMATS[name].needs
             if need in IMPORTS and IMPORTS[need][0] not in sys.modules]
    if workers < 2 or not needs:
        from chapbook.read import parse_lecture

        return Read(parse_lecture(folder))
    booklet = any(FORMATS[name].shares == "booklet" for name in formats)
    task = partial(_parse, folder, (choices or Choices()) if booklet else None, workers)
    with Helper(task) as helper:
        for module in dict.fromkeys([*(m for _, *modules in needs for m in modules),
                                     *READ_NEEDS]):
            importlib.import_module(module)
        lecture = helper.receive()
        return Read(lecture, helper.receive() if booklet else None)


def _parse(folder: Path, booklet: Choices | None, cores: int, say, hear) -> None:
    """A helper's: parse the lecture in `folder` and send it; then, given the `booklet`'s
    choices, its body's HTML (or None)."""
    from chapbook.read import parse_lecture

    lecture = parse_lecture(folder)
    say(lecture)
    if booklet is not None:
        say(_booklet_html(lecture, booklet, cores))


def _booklet_html(lecture: Lecture, choices: Choices, cores: int) -> str | None:
    """The booklet's body HTML as `Job.booklet` lays it out whole, or None: a long one is
    laid out in halves from HTML of their own, and on any error the process laying it out
    makes the HTML itself and meets the error there, in its place in the build."""
    from chapbook.booklet.halves import in_halves
    from chapbook.booklet.layout import render_booklet_html

    try:
        if in_halves(lecture, cores):
            return None
        return render_booklet_html(lecture, resolve(lecture, choices))
    except Exception:  # made again, and raised, where it is laid out
        return None


def output_paths(lecture: Lecture, out: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    return {name: Path(out) / f"{lecture.slug}{FORMATS[name].suffix}" for name in formats}


def report_findings(lecture: Lecture) -> None:
    """Log each finding, its place kept apart (`record.where`) for the summary."""
    for finding in lecture.findings:
        log.warning("%s", str(finding).replace(": warning: ", ": ", 1),
                    extra={"where": (str(finding.path), finding.line, finding.message)})


def report_warnings(lecture: Lecture, made: list[Made]) -> None:
    for item in made:
        for warning in item.warnings:
            where = f"{lecture.source}:{warning.line}" if warning.line else lecture.source
            log.warning("%s: %s", where, warning.message,
                        extra={"where": (str(lecture.source), warning.line, warning.message)})


def build(folder: Path, out: Path, formats: tuple[str, ...] = DEFAULT,
          theme: Path | None = None, choices: Choices | None = None,
          workers: int | None = None, progress: Progress = _quiet) -> list[Built]:
    """Build `formats` of the lecture in `folder` into `out`; `theme` is `--theme`;
    `workers` processes at most (default: one a core, `CHAPBOOK_JOBS`); `progress` is
    told of each part rendered."""
    build_time()  # a bad SOURCE_DATE_EPOCH stops the build before any work
    choices = choices or Choices()
    if theme is not None:
        choices = Choices(choices.paper, choices.bleed, Path(theme))
    # One time limit for everything; no cyclic collection while the outputs are made.
    with private_tempdir(), time_limit("the build"), collection_paused():
        workers = workers or cores()
        with stage("reading the lecture"):
            read = read_lecture(Path(folder), formats, workers, choices)
            lecture = read.lecture
        from chapbook.size import time_allowance

        allow(time_allowance(lecture))
        report_findings(lecture)
        job = Job(lecture, resolve(lecture, choices), cores=workers,
                  alone=len(groups(formats)) == 1, booklet_html=read.booklet_html)
        targets = output_paths(lecture, out, formats)
        with atomic_batch() as batch:
            temps = {name: batch.path(target) for name, target in targets.items()}
            made = make_outputs(job, temps, workers, progress)
            report_warnings(lecture, made)
    return [item.placed(targets[item.name]) for item in made]


@dataclass
class LectureBuild:
    """One lecture of `build_many`: what it wrote, or why it wrote nothing."""

    folder: Path
    built: list[Built] = field(default_factory=list)
    error: Exception | None = None


def build_many(folders: list[Path], out: Path, formats: tuple[str, ...] = DEFAULT,
               choices: Choices | None = None, workers: int | None = None,
               progress: Progress = _quiet) -> Iterator[LectureBuild]:
    """Build each lecture in `folders`, all-or-nothing on its own: one lecture failing
    leaves the others to build. Yields each in order as soon as it is written."""
    build_time()
    choices = choices or Choices()
    workers = workers or cores()
    if len(folders) == 1:  # one lecture: its formats on every core
        yield _one(folders[0], lambda: build(folders[0], out, formats, choices=choices,
                                             workers=workers, progress=progress))
        return
    # Each worker keeps fonts and parsed stylesheets from one lecture to the next.
    with private_tempdir(), warm.kept(), contextlib.ExitStack() as stack:
        batches, tasks = [], []
        named: set[str] = set()
        for folder in map(Path, folders):
            batch = Batch()
            stack.callback(batch.discard)  # whatever is not committed goes
            batches.append(batch)
            try:
                temps = _claim(batch, folder, out, formats, named)
            except (ChapbookError, OSError) as exc:
                tasks.append(partial(_raise, exc))
                continue
            tasks.append(partial(lecture_outputs, folder, formats, choices, temps))
        def done(index: int) -> None:
            progress(Path(folders[index]), formats)

        # Each lecture after a worker's first in a process forked from it, warm.
        with Workers(tasks, workers, longest_first(folders), done, fresh=True) as pool:
            for folder, batch, outcome in zip(folders, batches, pool.outcomes(), strict=True):
                outcome.replay()
                yield _one(Path(folder), lambda b=batch, o=outcome: _commit(b, o))


def longest_first(folders: list[Path]) -> list[int]:
    """The lectures' order to start them in, the longest text first (ties in the order
    given): a long lecture started last would be the only work left for its core while
    the others wait (a course of nine sample lectures and one of 60 pages, that one
    last: 9.8 s, the other core idle the last 3.2 s)."""
    def length(index: int) -> int:
        try:
            return (Path(folders[index]) / SOURCE_NAME).stat().st_size
        except OSError:  # its task reports the error
            return 0

    return sorted(range(len(folders)), key=lambda index: -length(index))


def _claim(batch: Batch, folder: Path, out: Path, formats: tuple[str, ...],
           named: set[str]) -> dict[str, Path]:
    """Temporary files for the lecture's outputs; two lectures may not write the same."""
    slug = folder.resolve().name
    if slug in named:
        raise ChapbookError(f"another lecture in this build is also named {slug!r} and would "
                            "write the same files; build it on its own or rename its folder",
                            folder)
    named.add(slug)
    return {name: batch.path(Path(out) / f"{slug}{FORMATS[name].suffix}") for name in formats}


def _raise(error: BaseException):
    raise error


def lecture_outputs(folder: Path, formats: tuple[str, ...], choices: Choices,
                    temps: dict[str, Path]) -> list[Made]:
    """One lecture of several, start to end (in a worker): read, render, write its temps."""
    from chapbook.read import parse_lecture
    from chapbook.size import time_allowance

    with time_limit("the build"), own_lines():  # a limit of its own; lines of its own
        with stage("reading the lecture"):
            lecture = parse_lecture(folder)
        allow(time_allowance(lecture))
        report_findings(lecture)
        # The other cores build other lectures: a long booklet is laid out whole.
        made = render_outputs(Job(lecture, resolve(lecture, choices), cores=1), formats, temps)
        report_warnings(lecture, made)
    return made


def _commit(batch: Batch, outcome) -> list[Built]:
    if outcome.error is not None:
        raise outcome.error
    built = [item.placed(target)
             for item, (_, target) in zip(outcome.value, batch.pending, strict=True)]
    batch.commit()
    return built


def _one(folder: Path, run) -> LectureBuild:
    try:
        return LectureBuild(folder, run())
    except Exception as exc:  # reported by the caller; the other lectures go on
        return LectureBuild(folder, error=exc)
