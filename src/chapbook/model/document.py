"""The typed lecture model: the only thing templates and writers see.

Everything is a frozen dataclass built once by `chapbook.read`; no I/O happens here.
The blocks a section holds are the records of `chapbook.blocks`. Rich text is kept
twice: `html` (safe, escaped HTML with footnotes, citations and key-term anchors,
for the booklet and the slide plan) and `text` (plain text without footnotes, for
speaker notes, metadata and derived bullets). Every block keeps the source line it
came from, so later warnings can name it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from chapbook.blocks import Block, Callout, Chart, Figure, Heading, Table, walk
from chapbook.errors import Finding
from chapbook.model.sources import Source
from chapbook.text.ordering import sort_key


@dataclass(frozen=True)
class Meta:
    """Validated front matter."""

    title: str
    subtitle: str = ""
    author: str = ""
    institution: str = ""
    date: dt.date | None = None
    lang: str = "en"
    sources: tuple[Source, ...] = ()  # the front matter's own: always listed
    bibliography: tuple[Source, ...] = ()  # from `bibliography:` files: listed when cited
    csl: str = ""  # a citation style (.csl) in the lecture folder; "": the bundled one
    paper: str = ""  # empty: the default (A5) or the command line's choice
    bleed: float = 0.0  # mm
    theme: str = ""  # a .pptx in the lecture folder whose layouts the deck uses
    course_theme: Path | None = None  # the course file's theme, when the lecture names none
    layouts: tuple[tuple[str, str], ...] = ()  # (kind of slide, theme layout name)
    date_given: str = ""  # a date that is not a calendar date (`Spring 2026`), as written
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # fields of other tools, kept as text

    @property
    def date_text(self) -> str:
        """The date as a reader writes it, e.g. `27 November 2026`, or as given."""
        from chapbook.text.labels import format_date

        return format_date(self.date, self.lang) if self.date else self.date_given


@dataclass(frozen=True)
class Slide:
    """A `::: slide` block: what the slide shows instead of text derived from prose."""

    blocks: tuple[Block, ...]
    notes: tuple[Block, ...]
    title: str
    layout: str
    line: int


@dataclass(frozen=True)
class Section:
    """A `##` section: booklet prose plus the slides it asks for."""

    number: int
    id: str
    title_html: Markup
    title: str
    blocks: tuple[Block, ...]
    slides: tuple[Slide, ...]
    notes: tuple[Block, ...]
    line: int
    anchors: tuple[str, ...] = ()  # other ids links may use: `{#id}`, Pandoc's and GitHub's
    numbered: bool = True  # False for `{.unnumbered}`
    listed: bool = True  # False for `{.unlisted}`: not in the contents

    @property
    def subheadings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))


@dataclass(frozen=True)
class KeyTerm:
    """A bold phrase; `anchors` are the ids of its occurrences in the booklet."""

    term: str
    anchors: tuple[str, ...]

    @property
    def sort_key(self) -> str:
        return sort_key(self.term)


@dataclass(frozen=True)
class Lecture:
    meta: Meta
    slug: str
    root: Path
    source: Path
    intro: tuple[Block, ...]
    intro_slides: tuple[Slide, ...]
    intro_notes: tuple[Block, ...]
    sections: tuple[Section, ...]
    key_terms: tuple[KeyTerm, ...]
    cited: tuple[str, ...] = field(default=())
    references: tuple[Source, ...] = ()  # the list of sources, formatted, in the style's order
    findings: tuple[Finding, ...] = ()  # what reading approximated, as path:line warnings

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for b in self.all_blocks() if isinstance(b, Figure))

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(b for b in self.all_blocks() if isinstance(b, Chart))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.all_blocks() if isinstance(b, Table))

    @property
    def callouts(self) -> tuple[Callout, ...]:
        return tuple(b for b in self.all_blocks() if isinstance(b, Callout))

    def all_blocks(self) -> list[Block]:
        """Every booklet block, depth first, in reading order."""
        out: list[Block] = []
        for blocks in (self.intro, *(s.blocks for s in self.sections)):
            out.extend(walk(blocks))
        return out


__all__ = ["Block", "KeyTerm", "Lecture", "Meta", "Section", "Slide"]
