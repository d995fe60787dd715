"""Every choice a build makes, resolved once: command line > front matter > the lecture's
own folder > the course file (`chapbook.yml`, merged into the front matter by
`read.course`) > bundled. Later stages take typed values from here and never look again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chapbook.errors import ChapbookError
from chapbook.paper import Paper, paper_for

if TYPE_CHECKING:  # `Choices` is the command's, before any lecture is read
    from chapbook.model.document import Lecture


@dataclass(frozen=True)
class Choices:
    """What the command line (or a caller) asks for; None leaves it to the lecture."""

    paper: str | None = None
    bleed: float | None = None
    theme: Path | None = None


@dataclass(frozen=True)
class Settings:
    paper: Paper
    bleed: float  # mm; crop marks come with it
    theme: Path  # the reference deck whose layouts the slides use
    lang: str
    labels: dict[str, str]


def resolve(lecture: Lecture, choices: Choices | None = None) -> Settings:
    from chapbook.text.labels import labels_for

    choices = choices or Choices()
    meta = lecture.meta
    bleed = choices.bleed if choices.bleed else meta.bleed
    return Settings(paper=paper_for(choices.paper or meta.paper or None), bleed=bleed,
                    theme=theme_path(lecture, choices.theme), lang=meta.lang,
                    labels=labels_for(meta.lang))


def theme_path(lecture: Lecture, theme: Path | None = None) -> Path:
    """The reference deck: `--theme`, else front matter's `theme:`, else the lecture's
    `templates/deck/theme.pptx`, else the course file's `theme:`, else the bundled one."""
    if theme is not None:
        if not Path(theme).is_file():
            raise ChapbookError(f"theme {theme} not found", theme)
        return Path(theme)
    if lecture.meta.theme:
        return (lecture.root / lecture.meta.theme).resolve()
    from chapbook.templates import bundled_templates

    own = lecture.root / "templates" / "deck" / "theme.pptx"
    if not own.is_file():
        return lecture.meta.course_theme or bundled_templates() / "deck" / "theme.pptx"
    if not own.resolve().is_relative_to(Path(lecture.root).resolve()):
        raise ChapbookError(f"points outside the lecture folder (to {own.resolve()})", own)
    return own
