"""Splitting the plan by measurement: what goes on each slide that is shown, decided once.

The deck template says what the slides hold; this decides how: text is measured in
the theme's fonts against the room its layout gives (`Geometry`, read from the theme
by `chapbook.deck.geometry`), a body too long for one slide continues on "(cont.)"
slides, a table continues by rows, an author's `---` starts a new slide, and every
slide gets a title of its own (screen readers list slides by title). The deck, the
handout and the HTML slides then show exactly these slides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from chapbook.errors import Note, RenderError
from chapbook.plan.fit import BODY_SIZES, fit_body, fit_table
from chapbook.plan.schema import (
    Break,
    ChartData,
    ColumnBreak,
    DeckPlan,
    Equation,
    Fit,
    Para,
    Picture,
    PlanSlide,
    TableData,
    TextBody,
)

QUOTE_SIZES = (32, 28, 24, 20, 18)
TEXT_INSET = (14.0, 10.0)  # points kept clear inside a text box, across and down
BESIDE_SHARE = 0.42  # of the free area's width, for text beside a picture, table or chart


@dataclass(frozen=True)
class Room:
    """A box text or a visual may fill, in points, and where it comes from (for errors)."""

    width: float
    height: float
    layout: str = ""  # the theme layout's name
    what: str = ""  # "its placeholder 'Content Placeholder 2'", "the room below its title"

    def inset(self) -> Room:
        return replace(self, width=self.width - TEXT_INSET[0], height=self.height - TEXT_INSET[1])

    def require(self, size: float, theme: str = "") -> None:
        """A box must hold a few characters of one line at the smallest size; a smaller one
        (a broken or hostile theme) is an error naming its layout."""
        if self.width >= 3 * size and self.height >= size * 1.25:
            return
        raise RenderError(f"theme layout {self.layout!r}: {self.what} is "
                          f"{max(self.width, 0):.0f} x {max(self.height, 0):.0f} pt, too small "
                          f"for one line of {size:g}-pt text; fix the layout in PowerPoint or "
                          "use another theme", theme or None)


@dataclass(frozen=True)
class Geometry:
    """What splitting needs to know of a theme."""

    text: dict[str, Room]  # per plan layout key: the body's room (the free area without one)
    column: Room | None  # one column of a two-content layout; None without two bodies
    free: Room  # below the title, for pictures, tables and charts
    font: str  # the measuring font for body text (see `plan.fit.measuring_font`)
    theme: str = ""  # the theme file, for error messages
    side: Room | None = None  # the text beside a visual; None: a share of `free`
    sizes: tuple[int, ...] = BODY_SIZES  # body text sizes this theme allows, largest first

    @property
    def beside(self) -> Room:
        """The text box beside a visual."""
        return self.side or replace(self.free, width=self.free.width * BESIDE_SHARE)


def split_plan(plan: DeckPlan, geometry: Geometry, cont: str = "cont.") -> DeckPlan:
    """The slides as shown: measured, split, continued and titled uniquely."""
    splitter = _Splitter(geometry, cont)
    slides: list[PlanSlide] = []
    for slide in plan.slides:
        for part in _author_breaks(slide, cont):
            slides.extend(splitter.split(part))
    return replace(plan, slides=_unique_titles(slides), warnings=tuple(splitter.warnings))


def continued_title(title: str, n: int, total: int, cont: str) -> str:
    """The title of slide n (from 0) of `total`: `Title (cont.)` for the second of two,
    `Title (cont. 3/4)` when there are more."""
    if n == 0:
        return title
    return f"{title} ({cont})" if total == 2 else f"{title} ({cont} {n + 1}/{total})"


def _author_breaks(slide: PlanSlide, cont: str) -> list[PlanSlide]:
    """A `---` inside a slide block starts the next slide, titled as a continuation."""
    parts: list[list] = [[]]
    for item in slide.content:
        if isinstance(item, Break):
            parts.append([])
        else:
            parts[-1].append(item)
    parts = [p for p in parts if p] or [[]]
    return [replace(slide, title=continued_title(slide.title, n, len(parts), cont),
                    content=tuple(part), notes=slide.notes if n == 0 else (),
                    continued=n > 0)
            for n, part in enumerate(parts)]


class _Splitter:
    def __init__(self, geometry: Geometry, cont: str):
        self.geometry = geometry
        self.cont = cont
        self.warnings: list[Note] = []

    def split(self, slide: PlanSlide) -> list[PlanSlide]:
        if slide.layout in ("title", "section", "closing"):
            return [slide]
        if any(isinstance(c, ColumnBreak) for c in slide.content):
            return self._author_columns(slide)
        texts = [c for c in slide.content if isinstance(c, TextBody)]
        visuals = [c for c in slide.content if not isinstance(c, TextBody)]
        paras = tuple(p for t in texts for p in t.paras)
        if slide.layout == "two-content" and texts and not visuals:
            return self._columns(slide, paras)
        if visuals and not texts:
            return [s for visual in visuals for s in self._visual(slide, visual)]
        if visuals:
            return [*self._beside(slide, paras, visuals[0]), *self._more(slide, visuals[1:])]
        return self._text(slide, paras)

    def _more(self, slide: PlanSlide, visuals: list) -> list[PlanSlide]:
        """The visuals after the first one beside a slide's text: a continuation slide each,
        so none is lost; its notes say what it shows."""
        total = len(visuals) + 1
        return [s for n, visual in enumerate(visuals, start=1)
                for s in self._visual(replace(
                    slide, title=continued_title(slide.title, n, total, self.cont),
                    notes=tuple(t for t in (getattr(visual, "caption", ""),
                                            getattr(visual, "alt", "")) if t)[:1],
                    continued=True), visual)]

    def _text(self, slide: PlanSlide, paras: tuple[Para, ...]) -> list[PlanSlide]:
        key = "callout" if slide.callout and "callout" in self.geometry.text else slide.layout
        room = self.geometry.text.get(key, self.geometry.free).inset()
        room.require(BODY_SIZES[-1], self.geometry.theme)
        quote = slide.layout == "quote"
        if quote:  # a quotation: larger, in italics, without bullets; its source set apart
            paras = tuple(_quoted(p) for p in paras)
        fit = fit_body(paras, room.width, room.height,
                       sizes=QUOTE_SIZES if quote else self.geometry.sizes, font=self.geometry.font)
        if len(fit.chunks) > 1:
            self.warnings.append(Note(f"slide {slide.title!r} is too long for one slide: "
                                      f"split over {len(fit.chunks)} slides", slide.line))
        return self._continue(slide, fit.chunks, lambda chunk: Fit(size=fit.size),
                              lambda chunk: (TextBody(chunk),))

    def _columns(self, slide: PlanSlide, paras: tuple[Para, ...]) -> list[PlanSlide]:
        """A list in two columns; a list too long for two columns goes on over more slides."""
        column = self.geometry.column
        if column is None:
            return self._text(slide, paras)
        room = column.inset()
        room.require(BODY_SIZES[-1], self.geometry.theme)
        fit = fit_body(paras, room.width, room.height, self.geometry.sizes, max_bullets=None,
                       font=self.geometry.font)
        columns = list(fit.chunks)
        size = fit.size
        if len(columns) == 1:  # it fits one column: share it out over two, as large as fits
            half = (len(paras) + 1) // 2
            columns = [paras[:half], paras[half:]]
            size = min(fit_body(c, room.width, room.height, self.geometry.sizes, max_bullets=None,
                                font=self.geometry.font).size for c in columns if c)
        pages = [tuple(columns[i:i + 2]) for i in range(0, len(columns), 2)]
        if len(pages) > 1:
            self.warnings.append(Note(f"slide {slide.title!r} is too long for one slide: "
                                      f"split over {len(pages)} slides", slide.line))
        return self._continue(
            slide, pages, lambda page: Fit(size=size, columns=page),
            lambda page: (TextBody(tuple(p for col in page for p in col)),))

    def _author_columns(self, slide: PlanSlide) -> list[PlanSlide]:
        """`:::: columns`: two columns of text side by side when they fit; text beside a
        visual; else the content one after the other."""
        parts: list[list] = [[]]
        for item in slide.content:
            if isinstance(item, ColumnBreak):
                parts.append([])
            else:
                parts[-1].append(item)
        columns = [tuple(p for c in part for p in c.paras) for part in parts
                   if all(isinstance(c, TextBody) for c in part)]
        flat = replace(slide, content=tuple(c for part in parts for c in part))
        column = self.geometry.column
        if len(columns) == len(parts) == 2 and column is not None:
            room = column.inset()
            fits = [fit_body(col, room.width, room.height, max_bullets=None,
                             font=self.geometry.font) for col in columns]
            if all(len(f.chunks) == 1 for f in fits):
                return [replace(flat, layout="two-content", fit=Fit(
                    size=min(f.size for f in fits), columns=tuple(columns)))]
        return self.split(flat)

    def _visual(self, slide: PlanSlide, visual) -> list[PlanSlide]:
        if isinstance(visual, TableData):
            return self._table(slide, visual)
        if isinstance(visual, Equation):
            return [replace(slide, content=(visual,))]
        if isinstance(visual, Picture) and visual.caption and visual.caption == slide.title:
            visual = replace(visual, caption="")  # the title already says it
        return [replace(slide, content=(visual,))]

    def _table(self, slide: PlanSlide, table: TableData) -> list[PlanSlide]:
        free = self.geometry.free
        fit = fit_table(table.header, table.rows, free.width, free.height, self.geometry.font)
        if len(fit.chunks) > 1:
            self.warnings.append(Note(f"table {slide.title!r} has {len(table.rows)} rows: "
                                      f"continued over {len(fit.chunks)} slides", slide.line))
        notes = slide.notes or (table.caption or slide.title,)
        out = []
        for n, rows in enumerate(fit.chunks):
            title = continued_title(slide.title, n, len(fit.chunks), self.cont)
            out.append(replace(slide, title=title, content=(table,), notes=notes,
                               fit=Fit(size=fit.size, table=fit, rows=rows),
                               continued=slide.continued or n > 0))
        return out

    def _beside(self, slide: PlanSlide, paras: tuple[Para, ...],
                visual: Picture | TableData | ChartData | Equation) -> list[PlanSlide]:
        """Text beside a picture, table or chart: one slide, the text at the size that fits;
        text too long to sit beside it goes on as text, the visual on a slide of its own."""
        room = self.geometry.beside.inset()
        room.require(BODY_SIZES[-1], self.geometry.theme)
        fit = fit_body(paras, room.width, room.height, self.geometry.sizes,
                       font=self.geometry.font)
        if len(fit.chunks) == 1:
            return [replace(slide, content=(TextBody(fit.chunks[0]), visual),
                            fit=Fit(size=fit.size))]
        parts = [*self._text(replace(slide, content=(TextBody(paras),)), paras),
                 *self._visual(replace(slide, notes=()), visual)]
        return [replace(part, title=continued_title(slide.title, n, len(parts), self.cont),
                        continued=slide.continued or n > 0) for n, part in enumerate(parts)]

    def _continue(self, slide: PlanSlide, chunks, fit_of: Callable, content_of: Callable):
        """One slide per chunk; without notes of its own a slide gives the presenter its
        points in full."""
        out = []
        for n, chunk in enumerate(chunks):
            content = content_of(chunk)
            shown = tuple(p for body in content for p in body.paras)
            notes = slide.notes if n == 0 and slide.notes else tuple(p.text for p in shown)
            out.append(replace(slide, title=continued_title(slide.title, n, len(chunks),
                                                            self.cont),
                               content=content, notes=notes, fit=fit_of(chunk),
                               continued=slide.continued or n > 0))
        return out


def _quoted(para: Para) -> Para:
    """A paragraph of a quotation in italics; one that starts with a dash names its source
    (`— Author, Work`) and is set upright as its attribution."""
    if para.text.lstrip()[:1] in ("—", "–", "―"):
        return Para(para.runs, para.level, False, "attribution")
    return Para(tuple(replace(r, italic=True) for r in para.runs), para.level, False, para.style)


def _unique_titles(slides: list[PlanSlide]) -> tuple[PlanSlide, ...]:
    """Every slide its own title: a repeated one gets ` (2)`, ` (3)`..."""
    seen: set[str] = set()
    out = []
    for slide in slides:
        candidate, n = slide.title, 1
        while candidate in seen:
            n += 1
            candidate = f"{slide.title} ({n})"
        seen.add(candidate)
        out.append(replace(slide, title=candidate) if candidate != slide.title else slide)
    return tuple(out)

