"""The deck plan: what every presentation of the slides (deck, handout, HTML) is made from.

Plain frozen records read from the slide-plan HTML (`chapbook.plan.reader`), then
split by measurement (`chapbook.plan.split`) into the slides that are shown. The
HTML they are read from is documented in docs/slide-plan.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chapbook.charts.axis import Axis
from chapbook.errors import Note


@dataclass(frozen=True)
class Run:
    """A stretch of text of one style; `color` is `RRGGBB` for highlighted code."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    color: str | None = None
    link: str = ""  # an http(s) or mailto URL the run links to


@dataclass(frozen=True)
class Para:
    """One bullet or paragraph; `level` 0 is the top level.

    `style` is "" (a bullet or body paragraph), "code" (a line of a code block:
    whitespace kept, set in monospace), "heading" (a subheading inside a slide) or
    "attribution" (the source under a quotation, `— Author`).
    """

    runs: tuple[Run, ...]
    level: int = 0
    bullet: bool = True
    style: str = ""
    marker: str = ""  # "3." for an item of a numbered list; "" for the theme's bullet

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBody:
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Picture:
    """A picture; `src` is relative to the lecture folder, as the author wrote it."""

    src: str
    alt: str
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class TableData:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aligns: tuple[str, ...]
    caption: str


@dataclass(frozen=True)
class ChartData:
    """A chart to draw natively: one value per label, some labels highlighted; for a line
    or scatter chart over numeric labels, their numbers (`xs`) and axis."""

    chart_type: str  # timeline | bar | line | scatter
    label_name: str
    value_name: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    displays: tuple[str, ...]
    highlights: tuple[bool, ...]
    axis: Axis
    caption: str
    alt: str
    xs: tuple[float, ...] = ()
    x_axis: Axis | None = None


@dataclass(frozen=True)
class Equation:
    """Display maths: its TeX (the deck draws it, editable where it can)."""

    tex: str
    alt: str = ""


@dataclass(frozen=True)
class Break:
    """`---` inside a slide block: the author wants the rest on a slide of its own."""


@dataclass(frozen=True)
class ColumnBreak:
    """Between the columns of a `:::: columns` block."""


Content = TextBody | Picture | TableData | ChartData | Equation | Break | ColumnBreak
VISUALS = (Picture, TableData, ChartData, Equation)


@dataclass(frozen=True)
class Fit:
    """How a slide's content was measured to fit: the text size (pt), and for a two-column
    slide the paragraphs of each column; for a table, its measured geometry."""

    size: int = 0
    columns: tuple[tuple[Para, ...], ...] = ()
    table: object | None = None  # chapbook.plan.fit.TableFit for the rows on this slide
    rows: tuple[int, ...] = ()  # which rows of the table this slide shows


# Callout kinds (Quarto's, the Carpentries', MyST's) by the colour they share on slides.
CALLOUT_FAMILIES: dict[str, tuple[str, ...]] = {
    "note": ("note", "objectives", "questions", "prereq", "seealso", "instructor",
             "checklist", "testimonial", "admonition", "example"),
    "tip": ("tip", "keypoints", "hint", "solution", "spoiler"),
    "warning": ("warning", "attention"),
    "important": ("important", "danger", "error"),
    "caution": ("caution", "challenge", "exercise", "discussion"),
}


@dataclass(frozen=True)
class PlanSlide:
    layout: str
    title: str
    subtitle: str
    content: tuple[Content, ...]
    notes: tuple[str, ...]
    fit: Fit = field(default_factory=Fit)  # set by `split`; empty in the plan as read
    continued: bool = False  # a "(cont.)" slide made by the split
    callout: str = ""  # a callout's own slide: its kind (note, tip, challenge, seealso...)
    line: int = 0  # the lecture's line it comes from (`data-line`); 0 when not known

    @property
    def callout_family(self) -> str:
        """The callout's colour family (note, tip, warning, important or caution), as the
        booklet groups the kinds; "" for a slide that is no callout."""
        if not self.callout:
            return ""
        return next((family for family, kinds in CALLOUT_FAMILIES.items()
                     if self.callout in kinds), "note")


@dataclass(frozen=True)
class DeckPlan:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    slides: tuple[PlanSlide, ...]
    warnings: tuple[Note, ...] = ()  # what the split had to do (slides split, text clipped)
