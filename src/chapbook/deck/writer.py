"""The pptx writer: a DeckPlan split for a theme -> an editable PowerPoint deck.

Splitting already decided what each slide shows and at what size (`chapbook.plan.split`);
this places it on the theme's layouts (found by `geometry.Layouts`): titles shrunk to
their box, text in the body placeholder, pictures, tables and charts in the room
below the title, slide numbers, nothing left saying "Click to add text".
"""

from __future__ import annotations

from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.deck.geometry import Layouts, placeholder
from chapbook.deck.package import set_core_properties, xml_text
from chapbook.deck.pptx_xml import (
    copy_placeholder,
    drop_existing_slides,
    first_in_reading_order,
    inherited_size,
    remove_shape,
    theme_fonts,
)
from chapbook.deck.text import fill, shrink_to_fit
from chapbook.deck.theme import BODY_TYPES, FOOTER_TYPES, TITLE_TYPES, open_theme
from chapbook.deck.visuals import add_table, add_visual
from chapbook.errors import RenderError
from chapbook.limits import MAX_SLIDES, time_limit
from chapbook.plan.fit import measuring_font
from chapbook.plan.schema import (
    ChartData,
    DeckPlan,
    Equation,
    Picture,
    PlanSlide,
    TableData,
    TextBody,
)

MIN_TITLE_PT = 24
SUBTITLE_FLOOR_PT = 18
VISUAL_LAYOUTS = {TableData: "table", ChartData: "chart", Picture: "picture",
                  Equation: "picture"}


def compose_deck(plan: DeckPlan, theme: Path, root: Path) -> tuple[object, list[str]]:
    """The deck in memory and the warnings about it, from a plan split for this theme
    (`split_for_theme`); pictures are files under `root`."""
    prs, removed = open_theme(theme)
    drop_existing_slides(prs)
    writer = _Writer(prs, Path(root).resolve())
    with time_limit("composing the deck"):
        try:
            for slide in plan.slides:
                writer.add(slide)
        except RenderError as exc:
            if exc.path is not None:
                raise
            raise RenderError(exc.message, theme) from None  # the theme is at fault
    if len(prs.slides) > MAX_SLIDES:
        raise RenderError(f"the deck would have {len(prs.slides)} slides, more than {MAX_SLIDES}")
    set_core_properties(prs, plan)
    return prs, [f"theme {theme.name}: {w}" for w in removed] + writer.font_warnings + \
        list(plan.warnings) + writer.warnings


class _Writer:
    def __init__(self, prs, root: Path):
        self.prs = prs
        self.root = root
        self.layouts = Layouts(prs)
        self.warnings: list[str] = []
        self.font_warnings: list[str] = []
        major, minor = theme_fonts(prs)
        self.title_font, exact_title = measuring_font(major)
        self.body_font, exact_body = measuring_font(minor)
        for face, exact, font in ((major, exact_title, self.title_font),
                                  (minor, exact_body, self.body_font)):
            if not exact:
                self.font_warnings.append(f"theme font {face!r}: no metric-compatible font is "
                                          f"shipped; text is measured with {font} (wider than "
                                          "most)")

    def add(self, plan: PlanSlide) -> None:
        if plan.layout in ("title", "section"):
            self._title_like(plan)
            return
        texts = [c for c in plan.content if isinstance(c, TextBody)]
        visuals = [c for c in plan.content if not isinstance(c, TextBody)]
        if plan.fit.columns:
            self._columns(plan)
        elif visuals and texts:
            self._beside(plan, texts[0], visuals[0])
        elif visuals:
            self._visual(plan, visuals[0])
        else:
            self._text(plan, texts)

    # -- one kind of slide each ----------------------------------------------------------

    def _title_like(self, plan: PlanSlide) -> None:
        slide = self._new(plan.layout, plan)
        sub = placeholder(slide, (PP_PLACEHOLDER.SUBTITLE, *BODY_TYPES))
        if sub is not None and plan.subtitle:
            sub.text_frame.text = xml_text(plan.subtitle)
            sub.text_frame.word_wrap = True
            if shrink_to_fit(sub, plan.subtitle.replace("\v", "\n"), inherited_size(sub, "body"),
                             SUBTITLE_FLOOR_PT, self.body_font) is None:
                self.warnings.append(f"the subtitle of {plan.title[:40]!r} is too long for its "
                                     "box")
        elif sub is not None:
            remove_shape(sub)
        self._finish(slide)

    def _text(self, plan: PlanSlide, texts: list[TextBody]) -> None:
        paras = tuple(p for t in texts for p in t.paras)
        slide = self._new(plan.layout, plan)
        body = placeholder(slide, BODY_TYPES)
        if body is None:
            frame = slide.shapes.add_textbox(*self.layouts.free_area()).text_frame
        else:
            frame = body.text_frame
        fill(frame, paras, plan.fit.size)
        self._finish(slide)

    def _columns(self, plan: PlanSlide) -> None:
        slide = self._new("two-content", plan)
        bodies = sorted((ph for ph in slide.placeholders
                         if ph.placeholder_format.type in BODY_TYPES), key=lambda ph: ph.left)
        for body, column in zip(bodies, plan.fit.columns, strict=False):
            fill(body.text_frame, column, plan.fit.size)
        self._finish(slide)

    def _visual(self, plan: PlanSlide, visual) -> None:
        slide = self._new(VISUAL_LAYOUTS[type(visual)], plan)
        area = self.layouts.free_area()
        if isinstance(visual, TableData):
            add_table(slide, visual, area, self.body_font, plan.fit.table, plan.fit.rows)
        else:
            add_visual(slide, visual, area, self.root, self.body_font)
        self._finish(slide)

    def _beside(self, plan: PlanSlide, text: TextBody, visual) -> None:
        slide = self._new("title-only", plan)
        text_area, visual_area = self.layouts.beside_areas()
        frame = slide.shapes.add_textbox(*text_area).text_frame
        frame.word_wrap = True
        fill(frame, text.paras, plan.fit.size, bullets=True)
        add_visual(slide, visual, visual_area, self.root, self.body_font)
        self._finish(slide)

    # -- every slide ---------------------------------------------------------------------

    def _new(self, key: str, plan: PlanSlide):
        slide = self.prs.slides.add_slide(self.layouts(key))
        title = placeholder(slide, TITLE_TYPES)
        if title is not None:
            title.text_frame.text = xml_text(plan.title)
            size = shrink_to_fit(title, plan.title, inherited_size(title, "title"),
                                 MIN_TITLE_PT, self.title_font, bold=True)
            if size is None:
                self.warnings.append(f"title {plan.title[:40]!r}… is too long even at "
                                     f"{MIN_TITLE_PT} pt: shorten it")
            first_in_reading_order(slide, title)
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = xml_text("\n\n".join(plan.notes))
        number = placeholder(slide.slide_layout, (PP_PLACEHOLDER.SLIDE_NUMBER,))
        if number is not None:
            copy_placeholder(slide, number)
        return slide

    def _finish(self, slide) -> None:
        """Drop placeholders left empty, so PowerPoint shows no 'Click to add text'."""
        for ph in list(slide.placeholders):
            kind = ph.placeholder_format.type
            if kind in FOOTER_TYPES:
                continue
            if ph.has_text_frame and ph.text_frame.text.strip():
                continue
            if not ph.has_text_frame and kind != PP_PLACEHOLDER.PICTURE:
                continue
            remove_shape(ph)

