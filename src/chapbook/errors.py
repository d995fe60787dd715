"""Every error chapbook reports, under one base class.

Each carries the file and line it is about, so the command line can print one
line, `path:line: message`, that an editor can jump to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ChapbookError(Exception):
    """A problem with the user's input or setup, reported as one line."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class ContentError(ChapbookError):
    """The lecture source breaks the content format."""


class Unavailable(ContentError):
    """A file the lecture names is missing, or on the network (chapbook never downloads):
    a picture can stand in as a placeholder, with a warning."""


class TemplateError(ChapbookError):
    """A booklet or deck template cannot be loaded or rendered."""


class RenderError(ChapbookError):
    """WeasyPrint or python-pptx could not produce the output."""


@dataclass(frozen=True)
class Note:
    """A warning from rendering an output, at the lecture's `line` when known: the build
    and `check` make it a `Finding` of the lecture's source."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Finding:
    """A warning: something built, but approximated or likely to look wrong.

    `chapbook check --strict` turns findings into errors.
    """

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: warning: {self.message}"
