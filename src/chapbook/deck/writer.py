"""The pptx writer: a DeckPlan split for a theme -> an editable PowerPoint deck.

Splitting already decided what each slide shows and at what size (`chapbook.plan.split`);
this places it on the theme's layouts (chosen by role in `geometry.Layouts`): titles
shrunk to their box, text in the body placeholder with the template's bullets, pictures,
tables and charts in the content area clear of the template's decorations, callouts in a
box coloured for their kind, slide numbers on all but the title slide, nothing left
saying "Click to add text".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.blocks.callout import label_of
from chapbook.deck.area import Box, box_of
from chapbook.deck.bullets import placeholder_shows_bullets, template_levels, write_no_bullet
from chapbook.deck.callout import add_callout, kind_of
from chapbook.deck.geometry import Layouts, bodies_of, placeholder, room
from chapbook.deck.package import set_core_properties, xml_text
from chapbook.deck.parts import compose_slides
from chapbook.deck.pptx_xml import (
    MadeAlone,
    SlideCopier,
    copy_placeholder,
    drop_existing_slides,
    first_in_reading_order,
    inherited_size,
    own_box,
    paragraph_properties,
    remember_part_names,
    remember_slide_relationships,
    remove_shape,
    sample_look,
    table_style,
    text_typefaces,
)
from chapbook.deck.text import balance, dress, fill, shrink_to_fit
from chapbook.deck.theme import BODY_TYPES, FOOTER_TYPES, TITLE_TYPES, theme_to_compose
from chapbook.deck.visuals import add_table, add_visual
from chapbook.errors import Note, RenderError
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
from chapbook.text.labels import labels_for

MIN_TITLE_PT = 18  # a title too long for its box at this size overflows it (warned)
SUBTITLE_FLOOR_PT = 18
VISUAL_LAYOUTS = {TableData: "table", ChartData: "chart", Picture: "picture",
                  Equation: "picture"}
TITLE_LIKE = ("title", "section", "closing")


def compose_deck(plan: DeckPlan, theme: Path, root: Path,
                 layouts: dict[str, str] | None = None, *,
                 cores: int = 1) -> tuple[object, list[Note]]:
    """The deck in memory and the warnings about it, from a plan split for this theme
    (`split_for_theme`); pictures are files under `root`; `layouts` names a theme layout
    for some plan layout keys (the front matter's `layouts:`). A long deck is composed
    in two parts at once when `cores` allow (`parts`)."""
    prs, removed, standard = theme_to_compose(theme, Layouts)
    drop_existing_slides(prs)
    remember_part_names(prs)
    remember_slide_relationships(prs)
    with time_limit("composing the deck"):
        try:
            writer = _Writer(prs, Path(root).resolve(), layouts, plan.lang, standard)
            compose_slides(writer, plan.slides, cores)
        except RenderError as exc:
            if exc.path is not None:
                raise
            raise RenderError(exc.message, theme) from None  # the theme is at fault
    if len(prs.slides) > MAX_SLIDES:
        raise RenderError(f"the deck would have {len(prs.slides)} slides, more than {MAX_SLIDES}")
    set_core_properties(prs, plan)
    layout_warnings = writer.layouts.fallbacks(writer.used)
    return prs, [Note(f"theme {theme.name}: {w}") for w in removed + layout_warnings] + \
        [Note(w) for w in writer.font_warnings] + list(plan.warnings) + writer.warnings


class _Writer:
    def __init__(self, prs, root: Path, mapping: dict[str, str] | None = None,
                 lang: str = "en", standard: Layouts | None = None):
        """`standard`: the theme's layouts as `Layouts(prs)` chooses them, if made."""
        self.prs = prs
        self.root = root
        self.labels = labels_for(lang)
        mapped = any((mapping or {}).values())
        self.layouts = standard if standard is not None and not mapped else Layouts(prs, mapping)
        self.used: set[str] = set()  # the plan layout keys slides were made for
        self.table_style = table_style(prs)
        self.warnings: list[Note] = []
        self.font_warnings: list[str] = []
        self.levels = {}  # per master: the template's list levels
        self.shared: dict[str, _Shared] = {}  # per plan layout key
        self.copier = SlideCopier(prs)
        # Read once per layout: every slide of one starts as a copy of the same placeholders
        self.title_sizes: dict[str, float] = {}  # plan layout key -> its title's size
        self.shows: dict[tuple, tuple | None] = {}  # a body placeholder -> `_levels_for`
        major, minor = text_typefaces(prs)
        self.title_font, exact_title = measuring_font(major)
        self.body_font, exact_body = measuring_font(minor)
        for face, exact, font in dict.fromkeys(((major, exact_title, self.title_font),
                                                (minor, exact_body, self.body_font))):
            if not exact:
                self.font_warnings.append(f"theme font {face!r}: no metric-compatible font is "
                                          f"shipped; text is measured with {font} (wider than "
                                          "most)")

    def add(self, plan: PlanSlide) -> None:
        if plan.layout in TITLE_LIKE:
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
        elif plan.callout:
            self._callout(plan, texts)
        else:
            self._text(plan, texts)

    def adopt(self, made: MadeAlone, warnings: list[Note]) -> None:
        """A slide composed by another process (`parts`), with the warnings it gave there."""
        self.copier.adopt(made)
        self.warnings += warnings

    # -- one kind of slide each ----------------------------------------------------------

    def _title_like(self, plan: PlanSlide) -> None:
        slide = self._new(plan.layout, plan)
        sub = placeholder(slide, (PP_PLACEHOLDER.SUBTITLE, *BODY_TYPES))
        if sub is not None and plan.subtitle:
            sub.text_frame.text = xml_text(plan.subtitle)
            sub.text_frame.word_wrap = True
            if shrink_to_fit(sub, plan.subtitle.replace("\v", "\n"), inherited_size(sub, "body"),
                             SUBTITLE_FLOOR_PT, self.body_font, box=self._box(sub)) is None:
                self.warnings.append(Note(f"the subtitle of {plan.title[:40]!r} is too long "
                                          "for its box", plan.line or None))
            for para in sub.text_frame.paragraphs:
                write_no_bullet(paragraph_properties(para))
            self._dress(slide, sub.text_frame, ("subTitle", "body", "obj"))
        elif sub is not None:
            remove_shape(sub)
        self._finish(slide)

    def _text(self, plan: PlanSlide, texts: list[TextBody]) -> None:
        paras = tuple(p for t in texts for p in t.paras)
        slide = self._new(plan.layout, plan)
        if not paras:  # a slide with a title only: no empty box
            self._finish(slide)
            return
        area = self.layouts.text_area(plan.layout)
        frame, levels = self._text_frame(slide, area)
        fill(frame, paras, plan.fit.size, levels)
        self._dress(slide, frame)
        balance([(frame, paras)], plan.fit.size, room(area, "", ""), self.body_font)
        self._finish(slide)

    def _text_frame(self, slide, area: Box):
        """(the text frame for a slide's text in `area`, the list levels it writes): the
        layout's body placeholder moved there, else a text box of our own."""
        body = next(iter(bodies_of(slide, self._box)), None)
        if body is None:
            return slide.shapes.add_textbox(*area.tuple()).text_frame, self._levels(slide)
        self._place(body, area)
        return body.text_frame, self._levels_for(slide, body)

    def _columns(self, plan: PlanSlide) -> None:
        slide = self._new("two-content", plan)
        areas = self.layouts.columns()
        filled = []
        for body, area, column in zip(bodies_of(slide, self._box), areas, plan.fit.columns,
                                      strict=False):
            self._place(body, area)
            fill(body.text_frame, column, plan.fit.size, self._levels_for(slide, body))
            self._dress(slide, body.text_frame)
            filled.append((body.text_frame, column))
        if areas:
            balance(filled, plan.fit.size, room(areas[0], "", ""), self.body_font)
        self._finish(slide)

    def _visual(self, plan: PlanSlide, visual) -> None:
        key = VISUAL_LAYOUTS[type(visual)]
        slide = self._new(key, plan)
        area = self.layouts.visual_area(key).tuple()
        if isinstance(visual, TableData):
            add_table(slide, visual, area, self.body_font, plan.fit.table, plan.fit.rows,
                      self.table_style)
        else:
            add_visual(slide, visual, area, self.root, self.body_font, self.table_style)
        self._finish(slide)

    def _beside(self, plan: PlanSlide, text: TextBody, visual) -> None:
        key = self.layouts.beside_key()
        slide = self._new(key, plan)
        text_area, visual_area = self.layouts.beside_areas()
        frame, levels = self._text_frame(slide, text_area)
        fill(frame, text.paras, plan.fit.size, levels)
        self._dress(slide, frame)
        balance([(frame, text.paras)], plan.fit.size, room(text_area, "", ""), self.body_font)
        add_visual(slide, visual, visual_area.tuple(), self.root, self.body_font,
                   self.table_style)
        self._finish(slide)

    def _callout(self, plan: PlanSlide, texts: list[TextBody]) -> None:
        paras = tuple(p for t in texts for p in t.paras)
        slide = self._new(plan.layout, plan)
        area = self.layouts.text_area(plan.layout)
        add_callout(slide, kind_of(plan.callout_family), label_of(plan.callout, self.labels),
                    paras, plan.fit.size, area,
                    self._levels(slide), self.body_font)
        self._finish(slide)

    # -- every slide ---------------------------------------------------------------------

    def _new(self, key: str, plan: PlanSlide):
        self.used.add(key)
        shared = self._shared(key)
        layout = shared.layout
        slide = self.copier.add_slide(layout)
        if shared.pinned:  # LibreOffice's layouts: every placeholder idx 0, so pin their boxes
            _pin_boxes(slide, layout)
        title = placeholder(slide, TITLE_TYPES)
        if title is not None:
            title.text_frame.text = xml_text(plan.title)
            if key not in self.title_sizes:
                self.title_sizes[key] = inherited_size(title, "title")
            size = shrink_to_fit(title, plan.title, self.title_sizes[key],
                                 MIN_TITLE_PT, self.title_font, bold=True, box=self._box(title))
            if size is None:
                self.warnings.append(Note(f"title {plan.title[:40]!r}… is too long even at "
                                          f"{MIN_TITLE_PT} pt: shorten it", plan.line or None))
            dress(title.text_frame, sample_look(layout.slide_master, ("title", "ctrTitle")))
            first_in_reading_order(slide, title)
        if plan.notes:
            notes = self.copier.notes_slide(slide)
            notes.notes_text_frame.text = xml_text("\n\n".join(plan.notes))
        if shared.number is not None and plan.layout != "title":  # the title slide shows none
            copy_placeholder(slide, shared.number)
        return slide

    def _shared(self, key: str) -> _Shared:
        if key not in self.shared:
            self.shared[key] = _Shared.of(self.layouts(key))
        return self.shared[key]

    def _box(self, slide_placeholder) -> Box | None:
        """A slide placeholder's box, as `box_of` finds it: each edge its own, else its
        layout counterpart's (read once per layout, not looked up again for every slide)."""
        layout = slide_placeholder.part.slide_layout
        shared = next((s for s in self.shared.values() if s.layout == layout), None)
        if shared is None:
            return box_of(slide_placeholder)
        base = shared.boxes.get(slide_placeholder.placeholder_format.idx, (None,) * 4)
        values = tuple(o if o is not None else b
                       for o, b in zip(own_box(slide_placeholder), base, strict=True))
        return None if None in values else Box(*(int(v) for v in values))

    def _place(self, body, area: Box) -> None:
        """Give a body placeholder the box text was measured for, when its own differs."""
        if self._box(body) != area:
            body.left, body.top, body.width, body.height = area.tuple()

    def _dress(self, slide, frame, kinds=("body", "obj")) -> None:
        dress(frame, sample_look(slide.slide_layout.slide_master, kinds))

    def _levels(self, slide) -> tuple:
        master = slide.slide_layout.slide_master
        key = id(master)
        if key not in self.levels:
            self.levels[key] = template_levels(master)
        return self.levels[key]

    def _levels_for(self, slide, body):
        """The template's levels to write out, or None where the placeholder shows its own."""
        layout = slide.slide_layout
        form = body.placeholder_format
        key = (str(layout.part.partname), form.idx, form.type, body.shape_id)
        if key not in self.shows:
            counterpart = _counterpart(slide, body, layout)
            shows = placeholder_shows_bullets(counterpart, layout.slide_master, 0)
            self.shows[key] = self._levels(slide) if shows is None else None
        return self.shows[key]

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


@dataclass(frozen=True)
class _Shared:
    """What every slide made from one layout shares, read from the layout once."""

    layout: object
    pinned: bool  # placeholders share an idx (LibreOffice): boxes are pinned on each slide
    number: object | None  # the slide-number placeholder, copied to each slide
    boxes: dict[int, tuple]  # idx -> the (left, top, width, height) a slide's inherits

    @classmethod
    def of(cls, layout) -> _Shared:
        placeholders = list(layout.placeholders)
        indexes = [ph.placeholder_format.idx for ph in placeholders]
        boxes: dict[int, tuple] = {}
        for idx, ph in zip(indexes, placeholders, strict=True):
            boxes.setdefault(idx, _edges(ph))  # python-pptx inherits from the first
        return cls(layout, len(indexes) != len(set(indexes)),
                   placeholder(layout, (PP_PLACEHOLDER.SLIDE_NUMBER,)), boxes)


def _edges(ph) -> tuple:
    try:
        return ph.left, ph.top, ph.width, ph.height
    except (AttributeError, KeyError, ValueError):
        return (None,) * 4


def _counterpart(slide, slide_placeholder, layout):
    """The layout placeholder a slide placeholder stands for: by idx when that is unique,
    else by type in order (LibreOffice gives them all idx 0)."""
    kind = slide_placeholder.placeholder_format.type
    matches = [ph for ph in layout.placeholders
               if ph.placeholder_format.idx == slide_placeholder.placeholder_format.idx]
    if len(matches) == 1 and matches[0].placeholder_format.type == kind:
        return matches[0]
    same = [ph for ph in layout.placeholders if ph.placeholder_format.type == kind]
    peers = [ph for ph in slide.placeholders if ph.placeholder_format.type == kind]
    index = next((n for n, ph in enumerate(peers) if ph.shape_id == slide_placeholder.shape_id),
                 0)
    return same[index] if index < len(same) else (same[0] if same else None)


def _pin_boxes(slide, layout) -> None:
    """Each placeholder given its layout counterpart's box explicitly."""
    for ph in slide.placeholders:
        counterpart = _counterpart(slide, ph, layout)
        box = box_of(counterpart) if counterpart is not None else None
        if box is not None:
            ph.left, ph.top, ph.width, ph.height = box.tuple()
