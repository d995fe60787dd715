"""One build: a lecture folder in, the requested outputs written all-or-nothing.

Parse once; resolve the settings once; then the formats are made on every core
(`workers`), those sharing work (the booklet and its print file) by the same
worker. Each output is written to a temporary file beside its target; only when
all are complete are they renamed into place together, so a failure anywhere
leaves the previous outputs untouched.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from chapbook.formats import DEFAULT, FORMATS, Job, cost, groups, prepare_shared
from chapbook.limits import stage, time_limit
from chapbook.model.document import Lecture
from chapbook.output import atomic_batch, build_time, private_tempdir
from chapbook.read import parse_lecture
from chapbook.settings import Choices, resolve
from chapbook.workers import Workers, cores

log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float


@dataclass(frozen=True)
class Made:
    """An output rendered and written to its temporary file (in whichever process)."""

    name: str
    seconds: float
    warnings: tuple[str, ...] = ()


def render_outputs(job: Job, names: tuple[str, ...], temps: dict[str, Path]) -> list[Made]:
    """Render `names` from `job`, each written to its temporary file in `temps`."""
    made = []
    with time_limit("the build"):  # in a worker, what is left of the build's limit
        for name in names:
            started = time.perf_counter()
            output = FORMATS[name].render(job)
            output.write(temps[name])
            made.append(Made(name, time.perf_counter() - started, tuple(output.warnings)))
    return made


def make_outputs(job: Job, temps: dict[str, Path], workers: int) -> list[Made]:
    """Every output in `temps`, on up to `workers` processes; the first failure stops all."""
    parts = groups(tuple(temps))
    tasks = [partial(render_outputs, job, part, temps) for part in parts]
    longest_first = sorted(range(len(parts)), key=lambda i: -cost(parts[i]))
    if workers > 1 and len(parts) > 1:
        prepare_shared(job, parts)
    made: list[Made] = []
    with Workers(tasks, workers, longest_first) as pool:
        for outcome in pool.outcomes():
            outcome.replay()
            if outcome.error is not None:
                raise outcome.error
            made += outcome.value
    return made


def output_paths(lecture: Lecture, out: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    return {name: Path(out) / f"{lecture.slug}{FORMATS[name].suffix}" for name in formats}


def report_findings(lecture: Lecture) -> None:
    for finding in lecture.findings:
        log.warning("%s", str(finding).replace(": warning: ", ": ", 1))


def report_warnings(lecture: Lecture, made: list[Made]) -> None:
    for item in made:
        for warning in item.warnings:
            log.warning("%s: %s", lecture.source, warning)


def build(folder: Path, out: Path, formats: tuple[str, ...] = DEFAULT,
          theme: Path | None = None, choices: Choices | None = None,
          workers: int | None = None) -> list[Built]:
    """Build `formats` of the lecture in `folder` into `out`; `theme` is `--theme`;
    `workers` processes at most (default: one a core, `CHAPBOOK_JOBS`)."""
    build_time()  # a bad SOURCE_DATE_EPOCH stops the build before any work
    choices = choices or Choices()
    if theme is not None:
        choices = Choices(choices.paper, choices.bleed, Path(theme))
    with private_tempdir(), time_limit("the build"):  # one limit for everything
        with stage("reading the lecture"):
            lecture = parse_lecture(Path(folder))
        report_findings(lecture)
        job = Job(lecture, resolve(lecture, choices))
        targets = output_paths(lecture, out, formats)
        with atomic_batch() as batch:
            temps = {name: batch.path(target) for name, target in targets.items()}
            made = make_outputs(job, temps, workers or cores())
            report_warnings(lecture, made)
    return [Built(targets[item.name], item.seconds) for item in made]
