"""`chapbook check`: every validation of a build, without writing anything.

Errors stop the check as they stop a build. On top, it lists what will build
but look bad, as `path:line: message` warnings: a figure without alt text, a
section without a slide block, a slide or table that will be split, a source
never cited, a lecture with no sources.
"""

from __future__ import annotations

from pathlib import Path

from chapbook.blocks import Figure
from chapbook.build import render_outputs
from chapbook.errors import Finding
from chapbook.model.document import Lecture
from chapbook.output import private_tempdir
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices


def check_lecture(folder: Path, theme: Path | None = None) -> tuple[Lecture, list[Finding]]:
    """Parse and render everything in memory; return the lecture and the warnings."""
    with private_tempdir():
        lecture = parse_lecture(Path(folder))
        findings = [*lecture.findings, *lint_lecture(lecture)]
        for rendered in render_outputs(lecture, Path(folder), choices=Choices(theme=theme)):
            findings.extend(Finding(lecture.source, None, w) for w in rendered.warnings)
    return lecture, findings


def lint_lecture(lecture: Lecture) -> list[Finding]:
    """What the model alone tells about the outcome."""
    src = lecture.source
    found: list[Finding] = []
    for block in lecture.all_blocks():
        if isinstance(block, Figure) and not block.alt:
            found.append(Finding(src, block.line, f"figure {block.src} has no alt text: "
                                 "describe it in ![...] for screen readers"))
    for section in lecture.sections:
        for slide in section.slides:
            if not slide.blocks:
                found.append(Finding(src, slide.line, f"the slide block of {section.title!r} "
                                     "is empty: the slide will show its title only"))
        if not section.slides:
            found.append(Finding(src, section.line, f"section {section.title!r} has no "
                                 "`::: slide` block: its slide is derived from the prose"))
        elif not any(s.notes for s in section.slides) and not section.notes:
            found.append(Finding(src, section.line, f"section {section.title!r} has no "
                                 "`::: notes` block: its prose becomes the speaker notes"))
    if not lecture.meta.sources:
        found.append(Finding(src, None, "the lecture has no sources: add `sources:` to the "
                             "front matter so the booklet and deck can list further reading"))
    for source in lecture.meta.sources:
        if source.key not in lecture.cited:
            found.append(Finding(src, None, f"source {source.key!r} is never cited "
                                 f"(cite it as [@{source.key}])"))
    return found
