"""The pptx writer: DeckPlan + theme.pptx -> an editable PowerPoint deck.

Plan layout keys map onto the theme's layouts by their standard PowerPoint
names (see `theme`), so any ordinary template whose layouts carry those names
can serve. Text is measured (see `chapbook.plan.fit`) and given explicit sizes; a
body too long for one slide continues on the next.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from chapbook.deck.chart import add_chart
from chapbook.deck.package import drop_existing_slides, set_core_properties, xml_text
from chapbook.deck.text import fill, inherited_size
from chapbook.deck.theme import (
    BODY_TYPES,
    FOOTER_TYPES,
    LAYOUT_NAMES,
    TITLE_TYPES,
    open_theme,
    theme_fonts,
)
from chapbook.errors import RenderError
from chapbook.images import deck_image
from chapbook.limits import MAX_SLIDES, time_limit
from chapbook.plan.fit import (
    BODY_SIZES,
    TableFit,
    count_lines,
    fit_body,
    fit_table,
    measuring_font,
)
from chapbook.plan.slideplan import (
    ChartData,
    DeckPlan,
    Para,
    Picture,
    PlanSlide,
    Run,
    TableData,
    TextBody,
)

CAPTION_PT = 18
MIN_TITLE_PT = 24
QUOTE_SIZES = (32, 28, 24, 20, 18)
EMU_PER_PT = 12700


def compose_deck(plan: DeckPlan, theme: Path, allowed: list[Path],
                 cont_label: str = "cont.") -> tuple[object, list[str]]:
    """The deck in memory and the warnings about it; pictures must lie under `allowed`."""
    prs, removed = open_theme(theme)
    drop_existing_slides(prs)
    writer = _Writer(prs, [a.resolve() for a in allowed], cont_label)
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
    return prs, [f"theme {theme.name}: {w}" for w in removed] + writer.warnings


class _Writer:
    def __init__(self, prs, allowed: list[Path], cont_label: str):
        self.prs = prs
        self.allowed = allowed
        self.cont = cont_label
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.warnings: list[str] = []
        self.titles: set[str] = set()
        major, minor = theme_fonts(prs)
        self.title_font, exact_title = measuring_font(major)
        self.body_font, exact_body = measuring_font(minor)
        for face, exact, font in ((major, exact_title, self.title_font),
                                  (minor, exact_body, self.body_font)):
            if not exact:
                self.warnings.append(f"theme font {face!r}: no metric-compatible font is "
                                     f"shipped; text is measured with {font} (wider than most)")

    def layout(self, key: str):
        for name in (*LAYOUT_NAMES.get(key, ()), "Title and Content", "Title Only"):
            if name in self.layouts:
                return self.layouts[name]
        raise RenderError(f"theme has no layout for {key!r}: it needs one named "
                          f"{' or '.join(LAYOUT_NAMES.get(key, ('Title and Content',)))}")

    # -- slides ------------------------------------------------------------------------

    def add(self, plan: PlanSlide) -> None:
        if plan.layout in ("title", "section"):
            self._title_like(plan)
            return
        texts = [c for c in plan.content if isinstance(c, TextBody)]
        visuals = [c for c in plan.content if not isinstance(c, TextBody)]
        if plan.layout == "two-content" and texts and not visuals:
            self._two_content(plan, texts)
        elif visuals and not texts:
            for visual in visuals:
                self._visual(plan, visual)
        elif visuals and texts:
            self._text_and_visual(plan, texts, visuals[0])
        else:
            self._text(plan, texts)

    def _new(self, key: str, title: str, notes: tuple[str, ...]):
        slide = self.prs.slides.add_slide(self.layout(key))
        title = self._unique(title)
        title_ph = self._placeholder(slide, TITLE_TYPES)
        if title_ph is not None:
            title_ph.text_frame.text = xml_text(title)
            self._fit_title(title_ph, title, key)
            _first_in_reading_order(slide, title_ph)
        if notes:
            slide.notes_slide.notes_text_frame.text = xml_text("\n\n".join(notes))
        self._slide_number(slide)
        return slide

    def _continued(self, title: str, n: int, total: int) -> str:
        """The title of slide n (from 0) of `total` for one split body.

        `Title (cont.)` when there are two; `Title (cont. 3/4)` when there are more.
        """
        if n == 0:
            return title
        return f"{title} ({self.cont})" if total == 2 else f"{title} ({self.cont} {n + 1}/{total})"

    def _unique(self, title: str) -> str:
        """Every slide gets its own title (screen readers list slides by title)."""
        candidate, n = title, 1
        while candidate in self.titles:
            n += 1
            candidate = f"{title} ({n})"
        self.titles.add(candidate)
        return candidate

    def _fit_title(self, placeholder, title: str, key: str) -> None:
        """Shrink a title that would need more lines than its box holds; never below 24 pt."""
        start = inherited_size(placeholder, "title")
        size = self._fit_text(placeholder, title, start, bold=True, font=self.title_font)
        if size is None:
            self.warnings.append(f"title {title[:40]!r}… is too long even at "
                                 f"{MIN_TITLE_PT} pt: shorten it")

    def _fit_text(self, placeholder, text: str, start: float, bold: bool = False,
                  floor: float = MIN_TITLE_PT, font: str | None = None) -> float | None:
        """Set the largest size from `start` down to `floor` at which `text` fits the box.

        Returns the size, or None when even `floor` overflows (then `floor` is set).
        """
        frame = placeholder.text_frame
        insets = (frame.margin_left + frame.margin_right) / EMU_PER_PT
        v_insets = (frame.margin_top + frame.margin_bottom) / EMU_PER_PT
        width = placeholder.width / EMU_PER_PT - insets - 4
        height = placeholder.height / EMU_PER_PT - v_insets
        self._require_room(width, height, floor, placeholder)
        paras = [Para((Run(line, bold=bold),), bullet=False) for line in text.split("\n")]
        size = start
        while True:
            needed = sum(count_lines(p, size, width, font or self.body_font)
                         for p in paras) * size * 1.2
            if needed <= height or size <= floor:
                break
            size = max(floor, size - 2)
        if size != start:
            for para in frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(size)
        return size if needed <= height else None

    def _title_like(self, plan: PlanSlide) -> None:
        slide = self._new(plan.layout, plan.title, plan.notes)
        sub = self._placeholder(slide, (PP_PLACEHOLDER.SUBTITLE, *BODY_TYPES))
        if sub is not None:
            if plan.subtitle:
                sub.text_frame.text = xml_text(plan.subtitle)
                sub.text_frame.word_wrap = True
                if self._fit_text(sub, plan.subtitle.replace("\v", "\n"),
                                  inherited_size(sub, "body"), floor=18) is None:
                    self.warnings.append(f"the subtitle of {plan.title[:40]!r} is too long "
                                         "for its box")
            else:
                sub._element.getparent().remove(sub._element)
        self._remove_empty(slide)

    def _text(self, plan: PlanSlide, texts: list[TextBody]) -> None:
        paras = tuple(p for t in texts for p in t.paras)
        probe = self.layout(plan.layout)
        body = self._placeholder(probe, BODY_TYPES)
        box = _box(body) if body is not None else self._free_area()
        quote = plan.layout == "quote"
        if quote:  # a quotation: larger, in italics, without bullets
            paras = tuple(Para(tuple(Run(r.text, r.bold, True) for r in p.runs), p.level, False)
                          for p in paras)
        self._require_room(box[2] / EMU_PER_PT - 14, box[3] / EMU_PER_PT - 10, BODY_SIZES[-1],
                           body, plan.layout)
        fit = fit_body(paras, box[2] / EMU_PER_PT - 14, box[3] / EMU_PER_PT - 10,
                       sizes=QUOTE_SIZES if quote else BODY_SIZES, font=self.body_font)
        if len(fit.chunks) > 1:
            self.warnings.append(f"slide {plan.title!r} is too long for one slide: "
                                 f"split over {len(fit.chunks)} slides")
        for n, chunk in enumerate(fit.chunks):
            title = self._continued(plan.title, n, len(fit.chunks))
            # Without notes of its own a slide still gives the presenter its points in full.
            notes = plan.notes if n == 0 and plan.notes else tuple(p.text for p in chunk)
            slide = self._new(plan.layout, title, notes)
            ph = self._placeholder(slide, BODY_TYPES)
            if ph is None:
                left, top, width, height = box
                frame = slide.shapes.add_textbox(left, top, width, height).text_frame
            else:
                frame = ph.text_frame
            fill(frame, chunk, fit.size)
            self._remove_empty(slide)

    def _two_content(self, plan: PlanSlide, texts: list[TextBody]) -> None:
        """A list in two columns; a list too long for two columns goes on over more slides."""
        paras = tuple(p for t in texts for p in t.paras)
        layout = self.layout("two-content")
        bodies = sorted((ph for ph in layout.placeholders
                         if ph.placeholder_format.type in BODY_TYPES), key=lambda ph: ph.left)
        if len(bodies) < 2:
            self._text(plan, texts)
            return
        width, height = bodies[0].width / EMU_PER_PT - 14, bodies[0].height / EMU_PER_PT - 10
        self._require_room(width, height, BODY_SIZES[-1], bodies[0])
        fit = fit_body(paras, width, height, max_bullets=None, font=self.body_font)
        columns = list(fit.chunks)
        if len(columns) == 1:  # it fits one column: share it out over two
            half = (len(paras) + 1) // 2
            columns = [paras[:half], paras[half:]]
        pages = [columns[i:i + 2] for i in range(0, len(columns), 2)]
        if len(pages) > 1:
            self.warnings.append(f"slide {plan.title!r} is too long for one slide: "
                                 f"split over {len(pages)} slides")
        for n, page in enumerate(pages):
            shown = tuple(p for column in page for p in column)
            notes = plan.notes if n == 0 and plan.notes else tuple(p.text for p in shown)
            slide = self._new("two-content", self._continued(plan.title, n, len(pages)), notes)
            placeholders = sorted((ph for ph in slide.placeholders
                                   if ph.placeholder_format.type in BODY_TYPES),
                                  key=lambda ph: ph.left)
            for ph, column in zip(placeholders, page, strict=False):
                fill(ph.text_frame, column, fit.size)
            self._remove_empty(slide)

    def _visual(self, plan: PlanSlide, visual) -> None:
        if isinstance(visual, TableData):
            self._table(plan, visual)
            return
        if isinstance(visual, ChartData):
            slide = self._new("chart", plan.title, plan.notes)
            add_chart(slide, visual, self._free_area(), xml_text(visual.alt or visual.caption))
            self._remove_empty(slide)
            return
        slide = self._new("picture", plan.title, plan.notes)
        if visual.caption and visual.caption == plan.title:  # the title already says it
            visual = replace(visual, caption="")
        self._picture(slide, visual, self._free_area())
        self._remove_empty(slide)

    def _text_and_visual(self, plan: PlanSlide, texts: list[TextBody], visual) -> None:
        left, top, width, height = self._free_area()
        gap = Emu(int(width * 0.04))
        text_w = Emu(int(width * 0.42))
        slide = self._new("title-only", plan.title, plan.notes)
        paras = tuple(p for t in texts for p in t.paras)
        self._require_room(text_w / EMU_PER_PT - 14, height / EMU_PER_PT - 10, BODY_SIZES[-1],
                           None, "title-only")
        fit = fit_body(paras, text_w / EMU_PER_PT - 14, height / EMU_PER_PT - 10,
                       font=self.body_font)
        frame = slide.shapes.add_textbox(left, top, text_w, height).text_frame
        frame.word_wrap = True
        fill(frame, tuple(p for c in fit.chunks for p in c), fit.size, bullets=True)
        area = (Emu(left + text_w + gap), top, Emu(width - text_w - gap), height)
        if isinstance(visual, Picture):
            self._picture(slide, visual, area)
        elif isinstance(visual, ChartData):
            add_chart(slide, visual, area, xml_text(visual.alt or visual.caption))
        else:
            self._table_shape(slide, visual, area)
        self._remove_empty(slide)

    # -- pictures and tables ---------------------------------------------------------

    def _picture(self, slide, picture: Picture, area) -> None:
        path = picture.path.resolve()
        if not any(path.is_relative_to(root) for root in self.allowed):
            raise RenderError(f"deck: picture {path} is outside the lecture folder")
        left, top, width, height = area
        caption_h = Emu(Pt(CAPTION_PT * 1.25 * 2).emu if picture.caption else 0)
        avail_h = height - caption_h
        ratio = (picture.width / picture.height) if picture.width and picture.height else 4 / 3
        pic_w, pic_h = width, int(width / ratio)
        if pic_h > avail_h:
            pic_h, pic_w = avail_h, int(avail_h * ratio)
        x = left + (width - pic_w) // 2
        pic = slide.shapes.add_picture(deck_image(path), Emu(x), Emu(top), Emu(pic_w),
                                       Emu(pic_h))
        pic._element.nvPicPr.cNvPr.set("descr", xml_text(picture.alt))
        pic.name = f"Picture: {xml_text(picture.alt)[:60]}"
        if picture.caption:
            box = slide.shapes.add_textbox(Emu(left), Emu(top + pic_h + Pt(6).emu),
                                           Emu(width), Emu(caption_h))
            frame = box.text_frame
            frame.word_wrap = True
            para = frame.paragraphs[0]
            para.alignment = PP_ALIGN.CENTER
            run = para.add_run()
            run.text = xml_text(picture.caption)
            run.font.size = Pt(CAPTION_PT)
            run.font.italic = True

    def _table(self, plan: PlanSlide, table: TableData) -> None:
        area = self._free_area()
        fit = fit_table(table.header, table.rows, area[2] / EMU_PER_PT,
                        area[3] / EMU_PER_PT, self.body_font)
        if len(fit.chunks) > 1:
            self.warnings.append(f"table {plan.title!r} has {len(table.rows)} rows: "
                                 f"continued over {len(fit.chunks)} slides")
        for n, chunk in enumerate(fit.chunks):
            title = self._continued(plan.title, n, len(fit.chunks))
            slide = self._new("table", title, plan.notes or (table.caption or plan.title,))
            self._table_shape(slide, table, area, fit, chunk)
            self._remove_empty(slide)

    def _table_shape(self, slide, table: TableData, area, fit: TableFit | None = None,
                     chunk: tuple[int, ...] | None = None) -> None:
        """A native table at `area`, sized by `fit` (measured here when not given)."""
        left, top, width, height = area
        if fit is None:
            fit = fit_table(table.header, table.rows, width / EMU_PER_PT, height / EMU_PER_PT,
                            self.body_font)
            chunk = tuple(range(len(table.rows)))
        rows = [table.rows[i] for i in chunk]
        heights = ([fit.header_height] if table.header else []) + [fit.row_heights[i]
                                                                   for i in chunk]
        all_rows = ([table.header] if table.header else []) + rows
        n_cols = len(fit.widths)
        shape = slide.shapes.add_table(len(all_rows), n_cols, Emu(left), Emu(top), Emu(width),
                                       Emu(int(Pt(sum(heights)).emu)))
        grid = shape.table
        for i, w in enumerate(fit.widths):
            grid.columns[i].width = Emu(int(Pt(w).emu))
        for r, values in enumerate(all_rows):
            grid.rows[r].height = Emu(int(Pt(heights[r]).emu))
            for c in range(n_cols):
                cell = grid.cell(r, c)
                cell.text = xml_text(values[c] if c < len(values) else "")
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                align = table.aligns[c] if c < len(table.aligns) else ""
                for para in cell.text_frame.paragraphs:
                    para.alignment = {"right": PP_ALIGN.RIGHT,
                                      "center": PP_ALIGN.CENTER}.get(align, PP_ALIGN.LEFT)
                    for run in para.runs:
                        run.font.size = Pt(fit.size)
                        run.font.bold = bool(table.header) and r == 0
        shape.name = f"Table: {xml_text(table.caption)[:60]}" if table.caption else "Table"

    # -- helpers ---------------------------------------------------------------------

    def _free_area(self) -> tuple[int, int, int, int]:
        """Left, top, width, height (EMU) below the title on the 'Title Only' layout."""
        layout = self.layout("title-only")
        title = self._placeholder(layout, TITLE_TYPES)
        slide_w, slide_h = self.prs.slide_width, self.prs.slide_height
        margin = int(slide_w * 0.055)
        top = (title.top + title.height + int(slide_h * 0.04)) if title is not None else margin
        bottom = slide_h - int(slide_h * 0.11)
        left = title.left if title is not None else margin
        width = (title.width if title is not None else slide_w - 2 * margin)
        return left, top, width, bottom - top

    def _require_room(self, width: float, height: float, size: float, placeholder,
                      key: str = "") -> None:
        """A box must hold at least a few characters of one line at the smallest size;
        a smaller one (a broken or hostile theme) is an error naming its layout."""
        if width >= 3 * size and height >= size * 1.25:
            return
        layout = self.layout(key).name if key else _layout_name(placeholder)
        what = f"its placeholder {placeholder.name!r}" if placeholder is not None else \
            "the room below its title"
        raise RenderError(f"theme layout {layout!r}: {what} is {max(width, 0):.0f} x "
                          f"{max(height, 0):.0f} pt, too small for one line of {size:g}-pt "
                          "text; fix the layout in PowerPoint or use another theme")

    @staticmethod
    def _placeholder(owner, types):
        for ph in owner.placeholders:
            if ph.placeholder_format.type in types:
                return ph
        return None

    def _slide_number(self, slide) -> None:
        for ph in slide.slide_layout.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                element = copy.deepcopy(ph._element)
                slide.shapes._spTree.append(element)
                ids = [int(x) for x in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
                element.xpath("./p:nvSpPr/p:cNvPr")[0].set("id", str(max(ids) + 1))
                return

    def _remove_empty(self, slide) -> None:
        """Drop placeholders left empty, so PowerPoint shows no 'Click to add text'."""
        for ph in list(slide.placeholders):
            kind = ph.placeholder_format.type
            if kind in FOOTER_TYPES:
                continue
            if ph.has_text_frame and ph.text_frame.text.strip():
                continue
            if not ph.has_text_frame and kind not in (PP_PLACEHOLDER.PICTURE,):
                continue
            ph._element.getparent().remove(ph._element)


def _layout_name(placeholder) -> str:
    part = placeholder.part
    layout = getattr(part, "slide_layout", None)
    return (layout.name if layout is not None else getattr(part, "name", "")) or "?"


def _first_in_reading_order(slide, shape) -> None:
    """Screen readers read shapes in tree order: the title goes first."""
    tree = slide.shapes._spTree
    element = shape._element
    tree.remove(element)
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


def _box(ph) -> tuple[int, int, int, int]:
    return ph.left, ph.top, ph.width, ph.height
