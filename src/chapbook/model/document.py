"""The typed lecture model: the only thing templates and writers see.

Everything is a frozen dataclass built once by `parse`; no I/O happens here.
Rich text is kept twice: `html` (safe, escaped HTML with footnotes, citations and
key-term anchors, for the booklet and the slide plan) and `text` (plain text
without footnotes, for speaker notes, metadata and derived bullets). Every block
keeps the source line it came from, so later warnings can name it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from markupsafe import Markup

from chapbook.charts.axis import Axis
from chapbook.model.sources import Source
from chapbook.text.ordering import sort_key


@dataclass(frozen=True)
class Meta:
    """Validated front matter."""

    title: str
    subtitle: str = ""
    author: str = ""
    date: dt.date | None = None
    lang: str = "en"
    sources: tuple[Source, ...] = ()
    paper: str = ""  # empty: the default (A5) or the command line's choice
    bleed: float = 0.0  # mm
    theme: str = ""  # a .pptx in the lecture folder whose layouts the deck uses

    @property
    def date_text(self) -> str:
        """The date as a reader writes it, e.g. `27 November 2026`."""
        from chapbook.text.labels import format_date

        return format_date(self.date, self.lang) if self.date else ""


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    html: Markup
    text: str
    line: int


@dataclass(frozen=True)
class Heading:
    """A `###` (or deeper) subheading inside a section."""

    kind: ClassVar[str] = "heading"
    level: int
    html: Markup
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return " ".join(block_text(b) for b in self.blocks)


@dataclass(frozen=True)
class ListBlock:
    kind: ClassVar[str] = "list"
    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    line: int


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = "quote"
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Code:
    kind: ClassVar[str] = "code"
    text: str
    language: str
    line: int


@dataclass(frozen=True)
class Rule:
    kind: ClassVar[str] = "rule"
    line: int


@dataclass(frozen=True)
class Figure:
    """An image in a paragraph of its own: alt text for screen readers, title as caption."""

    kind: ClassVar[str] = "figure"
    src: str  # as the author wrote it, relative to the lecture folder
    url: str  # the checked file, as a `file:` URL (templates never see paths)
    alt: str
    caption_html: Markup
    caption_text: str
    number: int | None
    width: int
    height: int
    id: str
    line: int


@dataclass(frozen=True)
class Cell:
    html: Markup
    text: str
    align: str = ""


@dataclass(frozen=True)
class Table:
    """A GFM table; a `Table: ...` paragraph next to it is its caption."""

    kind: ClassVar[str] = "table"
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption_html: Markup
    caption_text: str
    number: int | None
    id: str
    line: int


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float  # a number, or a date as a decimal year
    display: str  # how the value is written: `12 July 1935`, `1 200`
    highlight: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart drawn from a CSV in `data/`: vector graphics in the booklet, native in the deck.

    `timeline` charts place dates on a year axis; `bar` charts plot numbers.
    """

    kind: ClassVar[str] = "chart"
    chart_type: str
    src: str
    label_name: str
    value_name: str
    points: tuple[ChartPoint, ...]
    axis: Axis
    caption_html: Markup
    caption_text: str
    alt: str
    number: int | None
    id: str
    line: int
    title: str = ""  # the slide's title; the caption when empty


@dataclass(frozen=True)
class Callout:
    """A boxed aside in the booklet, a slide of its own in the deck."""

    kind: ClassVar[str] = "callout"
    title: str
    blocks: tuple[Block, ...]
    id: str
    line: int


Block = Paragraph | Heading | ListBlock | Quote | Code | Rule | Figure | Chart | Table | Callout


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


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        if isinstance(b, Quote | Callout):
            out.extend(walk(b.blocks))
        elif isinstance(b, ListBlock):
            for item in b.items:
                out.extend(walk(item.blocks))
    return out


def block_text(block: Block) -> str:
    """Plain text of a block, for notes and metadata."""
    if isinstance(block, Paragraph | Heading):
        return block.text
    if isinstance(block, ListBlock):
        return " ".join(i.text for i in block.items)
    if isinstance(block, Quote | Callout):
        return " ".join(block_text(b) for b in block.blocks)
    if isinstance(block, Code):
        return block.text
    if isinstance(block, Figure | Chart):
        return block.caption_text or block.alt
    if isinstance(block, Table):
        return block.caption_text
    return ""
