"""One build: a lecture folder in, the requested outputs written all-or-nothing.

Parse once; each format renders from the same model into memory; only when all
have rendered are they written, to temporary files renamed into place together.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from chapbook.booklet import BookletOptions, render_booklet, write_booklet
from chapbook.errors import ChapbookError
from chapbook.limits import stage, time_limit
from chapbook.model.document import Lecture
from chapbook.output import atomic_batch, build_time, private_tempdir
from chapbook.read.parse import parse_lecture
from chapbook.templates import bundled_templates
from chapbook.text.labels import labels_for

FORMATS = ("pdf", "pptx")  # what a build makes unless told otherwise
ALL_FORMATS = ("pdf", "pptx", "print", "lecturer", "handout")
SUFFIXES = {"pdf": ".pdf", "pptx": ".pptx", "print": "-print.pdf", "lecturer": "-lecturer.pdf",
            "handout": "-handout.pdf"}
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
    """The reference deck: `--theme`, else front matter's `theme:`, else the lecture's
    `templates/deck/theme.pptx`, else the bundled one."""
    if theme is not None:
        if not Path(theme).is_file():
            raise ChapbookError(f"theme {theme} not found", theme)
        return Path(theme)
    if lecture.meta.theme:
        return (lecture.root / lecture.meta.theme).resolve()
    own = lecture.root / "templates" / "deck" / "theme.pptx"
    if not own.is_file():
        return bundled_templates() / "deck" / "theme.pptx"
    if not own.resolve().is_relative_to(Path(lecture.root).resolve()):
        raise ChapbookError(f"points outside the lecture folder (to {own.resolve()})", own)
    return own


def render_outputs(lecture: Lecture, out: Path, formats: tuple[str, ...] = FORMATS,
                   theme: Path | None = None,
                   booklet: BookletOptions | None = None) -> list[Rendered]:
    booklet = booklet or BookletOptions()
    with time_limit("the build"):
        return _render_outputs(lecture, out, formats, theme, booklet)


def _render_outputs(lecture: Lecture, out: Path, formats: tuple[str, ...], theme: Path | None,
                    booklet: BookletOptions) -> list[Rendered]:
    rendered = []

    def target(fmt: str) -> Path:
        return out / f"{lecture.slug}{SUFFIXES[fmt]}"

    if "pdf" in formats or "print" in formats:
        started = time.perf_counter()
        document = render_booklet(lecture, booklet)
        seconds = time.perf_counter() - started
        if "pdf" in formats:
            rendered.append(Rendered(target("pdf"),
                                     lambda path, d=document: write_booklet(d, path), seconds))
        if "print" in formats:
            # With bleed the sheets get crop marks of their own, so the pages carry none.
            marks = bool(booklet.resolve(lecture).bleed)
            if marks:
                started = time.perf_counter()
                document = render_booklet(lecture, replace(booklet, marks=False))
                seconds = time.perf_counter() - started
            rendered.append(Rendered(target("print"),
                                     lambda path, d=document: _write_imposed(d, path, marks),
                                     seconds))
    if "lecturer" in formats:
        started = time.perf_counter()
        document = render_booklet(lecture, replace(booklet, edition="lecturer"))
        rendered.append(Rendered(target("lecturer"),
                                 lambda path, d=document: write_booklet(d, path),
                                 time.perf_counter() - started))
    if "handout" in formats:
        from chapbook.handout import render_handout, write_handout

        started = time.perf_counter()
        document = render_handout(lecture)
        rendered.append(Rendered(target("handout"),
                                 lambda path, d=document: write_handout(d, path),
                                 time.perf_counter() - started))
    if "pptx" in formats:
        from chapbook.deck import compose_deck, save_pptx
        from chapbook.plan.slideplan import plan_deck

        started = time.perf_counter()
        prs, warnings = compose_deck(plan_deck(lecture), theme_path(lecture, theme),
                                     [lecture.root], labels_for(lecture.meta.lang)["cont"])
        rendered.append(Rendered(target("pptx"), lambda path, p=prs: save_pptx(p, path),
                                 time.perf_counter() - started, warnings))
    return rendered


def _write_imposed(document, path: Path, marks: bool) -> None:
    """The booklet imposed two-up for saddle stitching (see `impose`)."""
    from chapbook.booklet.impose import impose_booklet

    single = path.with_name(path.name + ".pages")
    try:
        write_booklet(document, single)
        with stage("imposing the booklet"):
            impose_booklet(single, path, marks=marks)
    finally:
        single.unlink(missing_ok=True)


def build(folder: Path, out: Path, formats: tuple[str, ...] = FORMATS,
          theme: Path | None = None,
          booklet: BookletOptions | None = None) -> list[Built]:
    build_time()  # a bad SOURCE_DATE_EPOCH stops the build before any work
    with private_tempdir(), time_limit("the build"):  # one limit for everything
        with stage("reading the lecture"):
            lecture = parse_lecture(Path(folder))
        rendered = render_outputs(lecture, Path(out), formats, theme, booklet)
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
