"""One build: a lecture folder in, the requested outputs written all-or-nothing.

Parse once; resolve the settings once; each format renders from the same job into
memory; only when all have rendered are they written, to temporary files renamed
into place together.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from chapbook.formats import DEFAULT, FORMATS, Job, Output
from chapbook.limits import stage, time_limit
from chapbook.model.document import Lecture
from chapbook.output import atomic_batch, build_time, private_tempdir
from chapbook.read import parse_lecture
from chapbook.settings import Choices, resolve

log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float


@dataclass
class Rendered:
    """An output rendered in memory, waiting to be written."""

    target: Path
    output: Output
    seconds: float
    warnings: list[str] = field(default_factory=list)


def render_outputs(lecture: Lecture, out: Path, formats: tuple[str, ...] = DEFAULT,
                   choices: Choices | None = None) -> list[Rendered]:
    with time_limit("the build"):
        job = Job(lecture, resolve(lecture, choices))
        rendered = []
        for name in formats:
            started = time.perf_counter()
            output = FORMATS[name].render(job)
            rendered.append(Rendered(out / f"{lecture.slug}{FORMATS[name].suffix}", output,
                                     time.perf_counter() - started, list(output.warnings)))
        return rendered


def build(folder: Path, out: Path, formats: tuple[str, ...] = DEFAULT,
          theme: Path | None = None, choices: Choices | None = None) -> list[Built]:
    """Build `formats` of the lecture in `folder` into `out`; `theme` is `--theme`."""
    build_time()  # a bad SOURCE_DATE_EPOCH stops the build before any work
    choices = choices or Choices()
    if theme is not None:
        choices = Choices(choices.paper, choices.bleed, Path(theme))
    with private_tempdir(), time_limit("the build"):  # one limit for everything
        with stage("reading the lecture"):
            lecture = parse_lecture(Path(folder))
        for finding in lecture.findings:
            log.warning("%s", str(finding).replace(": warning: ", ": ", 1))
        rendered = render_outputs(lecture, Path(out), formats, choices)
        for item in rendered:
            for warning in item.warnings:
                log.warning("%s: %s", lecture.source, warning)
        built = []
        with atomic_batch() as batch:
            for item in rendered:
                started = time.perf_counter()
                item.output.write(batch.path(item.target))
                built.append(Built(item.target, item.seconds + time.perf_counter() - started))
    return built
