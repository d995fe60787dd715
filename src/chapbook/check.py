"""`chapbook check`: every validation of a build, without writing anything.

Errors stop the check as they stop a build. On top, it lists what will build
but was approximated or will look bad, as `path:line: message` warnings: what
reading approximated (a figure without alt text, an unknown div, a missing
picture...), an empty slide block, a slide or table that will be split, a source
never cited.
"""

from __future__ import annotations

from pathlib import Path

from chapbook.errors import Finding
from chapbook.formats import DEFAULT, FORMATS, Job
from chapbook.limits import time_limit
from chapbook.model.document import Lecture
from chapbook.output import private_tempdir
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices, resolve


def check_lecture(folder: Path, theme: Path | None = None) -> tuple[Lecture, list[Finding]]:
    """Parse and render everything in memory; return the lecture and the warnings."""
    with private_tempdir(), time_limit("the check"):
        lecture = parse_lecture(Path(folder))
        findings = [*lecture.findings, *lint_lecture(lecture)]
        job = Job(lecture, resolve(lecture, Choices(theme=theme)))
        for name in DEFAULT:
            output = FORMATS[name].render(job)
            findings.extend(Finding(lecture.source, None, w) for w in output.warnings)
    return lecture, findings


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
