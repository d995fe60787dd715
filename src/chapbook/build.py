"""One build: a lecture folder in, the requested outputs written all-or-nothing.

Parse once; each format renders from the same model into memory; only when all
have rendered are they written, to temporary files renamed into place together.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chapbook.errors import ChapbookError
from chapbook.labels import labels_for
from chapbook.model import Lecture
from chapbook.output import atomic_batch
from chapbook.parse import parse_lecture
from chapbook.templates import bundled_templates

FORMATS = ("pdf", "pptx")
log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float


@dataclass
class Rendered:
    """An output rendered in memory, waiting to be written."""

    target: Path
    write: Callable[[Path], object]
    seconds: float
    warnings: list[str] = field(default_factory=list)


def theme_path(lecture: Lecture, theme: Path | None = None) -> Path:
    """The reference deck: `--theme`, else the lecture's own, else the bundled one."""
    if theme is not None:
        if not Path(theme).is_file():
            raise ChapbookError(f"theme {theme} not found", theme)
        return Path(theme)
    own = lecture.root / "templates" / "deck" / "theme.pptx"
    return own if own.is_file() else bundled_templates() / "deck" / "theme.pptx"


def render_outputs(lecture: Lecture, out: Path, formats: tuple[str, ...] = FORMATS,
                   theme: Path | None = None) -> list[Rendered]:
    rendered = []
    if "pdf" in formats:
        from chapbook.booklet import render_booklet, write_booklet

        started = time.perf_counter()
        document = render_booklet(lecture)
        rendered.append(Rendered(out / f"{lecture.slug}.pdf",
                                 lambda path, d=document: write_booklet(d, path),
                                 time.perf_counter() - started))
    if "pptx" in formats:
        from chapbook.deck import compose_deck, save_pptx
        from chapbook.slideplan import plan_deck

        started = time.perf_counter()
        prs, warnings = compose_deck(plan_deck(lecture), theme_path(lecture, theme),
                                     [lecture.root], labels_for(lecture.meta.lang)["cont"])
        rendered.append(Rendered(out / f"{lecture.slug}.pptx",
                                 lambda path, p=prs: save_pptx(p, path),
                                 time.perf_counter() - started, warnings))
    return rendered


def build(folder: Path, out: Path, formats: tuple[str, ...] = FORMATS,
          theme: Path | None = None) -> list[Built]:
    lecture = parse_lecture(Path(folder))
    rendered = render_outputs(lecture, Path(out), formats, theme)
    for item in rendered:
        for warning in item.warnings:
            log.warning("%s: %s", lecture.source, warning)
    built = []
    with atomic_batch() as batch:
        for item in rendered:
            started = time.perf_counter()
            item.write(batch.path(item.target))
            built.append(Built(item.target, item.seconds + time.perf_counter() - started))
    return built
