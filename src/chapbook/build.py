"""One build: a lecture folder in, the requested outputs written atomically.

Parse once; each format renders from the same model. Everything is rendered
before anything is written, so a failure in the deck cannot leave a new booklet
beside an old deck.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from chapbook.errors import ChapbookError
from chapbook.labels import labels_for
from chapbook.model import Lecture
from chapbook.parse import parse_lecture
from chapbook.templates import bundled_templates

FORMATS = ("pdf", "pptx")
log = logging.getLogger("chapbook")


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float


def theme_path(lecture: Lecture, theme: Path | None = None) -> Path:
    """The reference deck: `--theme`, else the lecture's own, else the bundled one."""
    if theme is not None:
        if not Path(theme).is_file():
            raise ChapbookError(f"theme {theme} not found", theme)
        return Path(theme)
    own = lecture.root / "templates" / "deck" / "theme.pptx"
    return own if own.is_file() else bundled_templates() / "deck" / "theme.pptx"


def build(folder: Path, out: Path, formats: tuple[str, ...] = FORMATS,
          theme: Path | None = None) -> list[Built]:
    lecture = parse_lecture(Path(folder))
    out = Path(out)
    jobs = []
    if "pdf" in formats:
        from chapbook.booklet import render_booklet, write_booklet

        started = time.perf_counter()
        document = render_booklet(lecture)
        target = out / f"{lecture.slug}.pdf"
        jobs.append((started, lambda d=document, t=target: write_booklet(lecture, t, d)))
    if "pptx" in formats:
        from chapbook.deck import save_pptx
        from chapbook.slideplan import plan_deck

        started = time.perf_counter()
        plan = plan_deck(lecture)
        target = out / f"{lecture.slug}.pptx"
        deck_theme = theme_path(lecture, theme)
        cont = labels_for(lecture.meta.lang)["cont"]
        jobs.append((started, lambda p=plan, t=target: save_pptx(
            p, deck_theme, t, [lecture.root], cont)))
    built = []
    for started, write in jobs:
        path = write()
        built.append(Built(path, time.perf_counter() - started))
    return built
