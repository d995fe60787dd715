"""The output formats, in one registry: the command's choices, `all`, and the build loop
all derive from `FORMATS`.

A format renders from a `Job` (one lecture, its settings, and what several formats
share, made once: the laid-out booklet, the deck plan split for the theme) into an
`Output` held in memory; the build writes every output only when all have rendered.
Heavy libraries are imported when a format is rendered, not when the command starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from chapbook.errors import Note
from chapbook.limits import stage

if TYPE_CHECKING:  # the command's start imports this module, not the document model
    from chapbook.model.document import Lecture
    from chapbook.settings import Settings


@dataclass
class Job:
    """One lecture's build."""

    lecture: Lecture
    settings: Settings
    reload: str = ""  # under `chapbook watch`: the stamp the HTML slides reload on
    cores: int | None = None  # a long booklet's halves may use these (default: the machine's)
    alone: bool = False  # the build's only output (group): a long deck may use `cores` too
    booklet_html: str | None = None  # the booklet's body HTML, made ahead (`build.Read`)

    @cached_property
    def booklet(self):
        """The booklet laid out once, for the PDF and the print file."""
        from chapbook.booklet import render_booklet

        return render_booklet(self.lecture, self.settings, cores=self.cores,
                              body_html=self.booklet_html)

    @cached_property
    def booklet_pdf(self) -> bytes:
        """The booklet written once: the PDF file, and the pages the print file imposes."""
        from chapbook.booklet import booklet_pdf

        return booklet_pdf(self.booklet)

    @cached_property
    def deck_plan(self):
        """The slides as shown: the plan split for the theme (deck, handout, HTML slides)."""
        from chapbook.deck import split_for_theme
        from chapbook.plan import plan_deck

        with stage("composing the deck"):
            plan = plan_deck(self.lecture)
        return split_for_theme(plan, self.settings.theme, self.settings.labels["cont"],
                               self.layouts)

    @property
    def layouts(self) -> dict[str, str]:
        """The front matter's `layouts:`: a theme layout named for some kinds of slide."""
        return dict(self.lecture.meta.layouts)


@dataclass(frozen=True)
class Output:
    """An output rendered in memory: `write(path)` saves it. `count` `unit`s long (16
    pages, 22 slides), for the summary the command prints."""

    write: Callable[[Path], object]
    warnings: tuple[Note, ...] = ()
    count: int = 0
    unit: str = ""


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # after the lecture's name: `.pdf`, `-print.pdf`
    help: str
    render: Callable[[Job], Output] = field(repr=False)
    default: bool = False  # made when no format is asked for
    cost: float = 1.0  # its time in a worker, in seconds for the sample: the longest go first
    shares: str = ""  # formats sharing a piece of the `Job` are made by one worker
    needs: tuple[str, ...] = ()  # libraries and `Job` pieces it uses


def _pdf(job: Job) -> Output:
    from chapbook.booklet import page_count

    pages = page_count(job.booklet)  # laid out now: layout errors before anything is written
    return Output(lambda path: Path(path).write_bytes(job.booklet_pdf), count=pages,
                  unit="page")


def _print(job: Job) -> Output:
    from chapbook.booklet import booklet_pdf, page_count, write_imposed
    from chapbook.booklet.impose import plan_imposition

    # With bleed the sheets get crop marks of their own, so the pages carry none:
    # the same layout, written without them.
    marks = bool(job.settings.bleed)
    document = job.booklet

    def write(path: Path) -> Path:
        pages = booklet_pdf(document, crop_marks=False) if marks else job.booklet_pdf
        return write_imposed(pages, path, marks)

    return Output(write, count=plan_imposition(page_count(document)).sheets, unit="sheet")


def _lecturer(job: Job) -> Output:
    from chapbook.booklet import page_count, render_booklet, write_booklet

    document = render_booklet(job.lecture, job.settings, edition="lecturer", cores=job.cores)
    return Output(lambda path: write_booklet(document, path), count=page_count(document),
                  unit="page")


def _handout(job: Job) -> Output:
    from chapbook.handout import render_handout, write_handout

    document = render_handout(job.deck_plan, job.lecture.root, job.lecture.source)
    return Output(lambda path: write_handout(document, path), count=len(document.pages),
                  unit="page")


def _html(job: Job) -> Output:
    from chapbook.deck import theme_look
    from chapbook.slides import render_slides_html
    from chapbook.slides.render import Reload, sidecar_name

    look = theme_look(job.settings.theme, job.layouts)
    page_name = f"{job.lecture.slug}{FORMATS['html'].suffix}"
    reload = Reload(sidecar_name(page_name), job.reload) if job.reload else None
    page = render_slides_html(job.deck_plan, look, job.lecture.root, reload=reload)
    return Output(lambda path: path.write_bytes(page.encode("utf-8")),
                  count=len(job.deck_plan.slides), unit="slide")


def _pptx(job: Job) -> Output:
    from chapbook.deck import compose_deck, save_pptx
    from chapbook.workers import cores as usable

    cores = (job.cores or usable()) if job.alone else 1
    prs, warnings = compose_deck(job.deck_plan, job.settings.theme, job.lecture.root,
                                 job.layouts, cores=cores)
    return Output(lambda path: save_pptx(prs, path), tuple(warnings), len(prs.slides),
                  "slide")


def _epub(job: Job) -> Output:
    from chapbook.epub import render_epub

    book = render_epub(job.lecture, job.settings)
    return Output(lambda path: Path(path).write_bytes(book),
                  count=len(job.lecture.sections), unit="section")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("pdf", ".pdf", "the booklet", _pdf, default=True, cost=1.4, shares="booklet",
           needs=("weasyprint",)),
    Format("print", "-print.pdf", "the booklet imposed two-up for saddle stitching", _print,
           cost=0.2, shares="booklet", needs=("weasyprint",)),
    Format("lecturer", "-lecturer.pdf", "the booklet with each section's slides and speaker "
           "notes", _lecturer, cost=1.6, needs=("weasyprint",)),
    Format("handout", "-handout.pdf", "the slides with their notes, three a page", _handout,
           cost=0.7, needs=("weasyprint", "deck_plan")),
    Format("pptx", ".pptx", "the deck", _pptx, default=True, cost=0.13, needs=("deck_plan",)),
    Format("html", "-slides.html", "the slides as one self-contained web page", _html,
           cost=0.45, needs=("deck_plan",)),
    Format("epub", ".epub", "the booklet as a reflowable EPUB 3 e-book", _epub, cost=0.6),
)}
DEFAULT = tuple(name for name, f in FORMATS.items() if f.default)


def groups(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    """`names` in groups that can be made apart (each its own worker): formats that share a
    piece of the job stay together. In build order."""
    grouped: dict[str, list[str]] = {}
    for name in names:
        grouped.setdefault(FORMATS[name].shares or name, []).append(name)
    return [tuple(group) for group in grouped.values()]


def prepare_shared(job: Job, parts: list[tuple[str, ...]]) -> None:
    """Before the parts go to separate workers: import the libraries and make the `Job`
    pieces that two or more of them need, once, so the workers inherit them."""
    import importlib

    counts: dict[str, int] = {}
    for part in parts:
        for need in {n for name in part for n in FORMATS[name].needs}:
            counts[need] = counts.get(need, 0) + 1
    for need, count in counts.items():
        if count > 1:
            if hasattr(Job, need):
                getattr(job, need)
            else:  # WeasyPrint through chapbook.weasy, which finds its libraries quickly
                importlib.import_module("chapbook.weasy" if need == "weasyprint" else need)


def cost(names: tuple[str, ...]) -> float:
    return sum(FORMATS[name].cost for name in names)


def chosen(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The formats asked for, in build order; `all` is every one; none asked is the default."""
    if not names:
        return DEFAULT
    if "all" in names:
        return tuple(FORMATS)
    return tuple(name for name in FORMATS if name in names)
