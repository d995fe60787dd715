"""`chapbook check`: every validation of a build, without writing anything.

Errors stop the check as they stop a build. On top, it lists what will build
but was approximated or will look bad, as `path:line: message` warnings: what
reading approximated (a figure without alt text, an unknown div, a missing
picture...), an empty slide block, a slide or table that will be split, a source
never cited.

It does what a build does up to layout: the lecture read, the booklet's
templates rendered, the lecture's own stylesheets checked, the deck planned,
split and composed in memory. The booklet is laid out only where layout can
find an error nothing earlier does: when the lecture has its own booklet
templates or stylesheet (absurd CSS values, an index that is not last), or when
it may come near the page limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from chapbook.console import plural
from chapbook.errors import Finding
from chapbook.formats import FORMATS, Job
from chapbook.limits import MAX_PAGES, allow, stage, time_limit
from chapbook.model.document import Lecture
from chapbook.output import private_tempdir
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices, resolve
from chapbook.size import estimated_pages, time_allowance
from chapbook.templates import template_dirs
from chapbook.workers import Workers, cores


def check_lecture(folder: Path, theme: Path | None = None) -> tuple[Lecture, list[Finding]]:
    """Parse and render everything in memory; return the lecture and the warnings."""
    with private_tempdir(), time_limit("the check"):
        lecture = parse_lecture(Path(folder))
        allow(time_allowance(lecture))
        findings = [*lecture.findings, *lint_lecture(lecture)]
        job = Job(lecture, resolve(lecture, Choices(theme=theme)))
        check_booklet(job)
        output = FORMATS["pptx"].render(job)
        findings.extend(Finding(lecture.source, None, w) for w in output.warnings)
    return lecture, findings


@dataclass
class Checked:
    """One lecture of `check_many`: its summary line and warnings, or the error it has."""

    folder: Path
    summary: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: Exception | None = None


def check_many(folders: list[Path], theme: Path | None = None,
               workers: int | None = None) -> Iterator[Checked]:
    """Check each lecture on its own (one a worker); yields them in order."""
    tasks = [partial(_check_one, Path(folder), theme) for folder in folders]
    with Workers(tasks, workers or cores()) as pool:
        for folder, outcome in zip(folders, pool.outcomes(), strict=True):
            outcome.replay()
            if outcome.error is not None:
                yield Checked(Path(folder), error=outcome.error)
            else:
                yield outcome.value


def _check_one(folder: Path, theme: Path | None) -> Checked:
    lecture, findings = check_lecture(folder, theme)
    return Checked(folder, summarize(lecture, findings), findings)


def summarize(lecture: Lecture, findings: list[Finding]) -> str:
    slides = sum(max(1, len(s.slides)) for s in lecture.sections)
    counts = [(len(lecture.sections), "section"), (slides, "section slide"),
              (len(lecture.figures), "figure"), (len(lecture.tables), "table"),
              (len(lecture.key_terms), "key term"), (len(findings), "warning")]
    return f"{lecture.source}: " + ", ".join(plural(n, unit) for n, unit in counts)


def needs_layout(lecture: Lecture) -> bool:
    """Whether only laying the booklet out can tell if it builds."""
    own = len(template_dirs("booklet", lecture.root)) > 1
    return own or estimated_pages(lecture) > MAX_PAGES // 2


def check_booklet(job: Job) -> None:
    """The booklet's errors: its templates rendered (body and index); laid out in full
    when `needs_layout`."""
    from chapbook.booklet import index_entries, render_booklet_html

    lecture = job.lecture
    if needs_layout(lecture):
        _ = job.booklet
        return
    with stage("rendering the templates"):
        render_booklet_html(lecture, job.settings)
        if lecture.key_terms:
            entries = index_entries(lecture, {})
            render_booklet_html(lecture, job.settings, part="index", index_pages=[[entries]],
                                measure=True)


def lint_lecture(lecture: Lecture) -> list[Finding]:
    """What the model alone tells about the outcome that the author should change.

    What chapbook does by design (slides derived from prose, prose as speaker notes)
    is documented, not warned about; reading already warned of what it approximated.
    """
    src = lecture.source
    found: list[Finding] = []
    for section in lecture.sections:
        for slide in section.slides:
            if not slide.blocks:
                found.append(Finding(src, slide.line, f"the slide block of {section.title!r} "
                                     "is empty: the slide will show its title only"))
    for source in lecture.meta.sources:
        if source.key not in lecture.cited:
            found.append(Finding(src, None, f"source {source.key!r} is never cited "
                                 f"(cite it as [@{source.key}])"))
    return found
