"""Where each slide's parts go: the deck's own boxes, sizes and colours, per slide.

The split plan was measured against the theme's boxes (`chapbook.plan.split`); a
slide drawn in the same boxes, at the same text size, in fonts of the same metrics,
holds the same text, so the HTML slides need no fitting of their own. This mirrors
what the deck writer does with each kind of slide: title, section and closing slides
on their layouts, two columns on the two-content layout's columns, text beside a
visual in the beside areas, a lone visual in its layout's area, text (a callout's
too) in its layout's area: the body box clear of the template's decorations.
Titles and subtitles shrink to their box as the deck's do.
"""

from __future__ import annotations

from dataclasses import dataclass

from chapbook.deck.look import Box, Decoration, Frame, ThemeLook
from chapbook.plan.fit import fit_table, measuring_font, shrink_size
from chapbook.plan.schema import ChartData, Equation, Picture, PlanSlide, TableData, TextBody
from chapbook.text.contrast import AA_NORMAL_TEXT, contrast_ratio

MIN_TITLE_PT = 18  # as the deck writer
SUBTITLE_FLOOR_PT = 18
TITLE_INSETS = (18.4, 7.2)  # what the deck takes off a title box before measuring
CAPTION_PT = 18  # a picture's caption, as in the deck
CAPTION_LINES = 2
LARGE_TEXT = 3.0  # WCAG contrast for text of 18 pt and more, and for graphics
VISUAL_FRAMES = {TableData: "table", ChartData: "chart", Picture: "picture",
                 Equation: "picture"}


@dataclass(frozen=True)
class Placement:
    """One slide's boxes (points), text sizes (points) and colours ("#RRGGBB")."""

    arrange: str  # title | columns | beside | visual | text
    title: Box
    title_size: float
    body: Box
    size: float  # the body text: the split's size, or the subtitle's
    columns: tuple[float, ...]  # the body's column widths (columns, beside); () for one
    gap: float
    picture: tuple[float, float] | None  # the drawn size of a picture
    visual: Box | None  # the box a picture, table or chart fills
    table_size: float  # a table's text; 0 without one
    colours: dict[str, str]  # background, title, text, accent, number
    decorations: tuple[Decoration, ...]  # the layout's filled shapes, behind the content


def place(slide: PlanSlide, look: ThemeLook) -> Placement:
    arrange, frame = _arrangement(slide, look)
    title_box = frame.title or Box(look.free.left, look.free.top / 4, look.free.width,
                                   look.free.top / 2)
    title_font, _ = measuring_font(look.major)
    title_size = _shrink(slide.title, title_box, frame.title_size, MIN_TITLE_PT, title_font)
    body, size, columns, gap, visual = _body(slide, arrange, frame, look)
    picture = next((c for c in slide.content if isinstance(c, Picture)), None)
    return Placement(arrange, title_box, title_size, body, size, columns, gap,
                     _picture_size(picture, visual) if picture and visual else None, visual,
                     _table_size(slide, visual, look), _colours(frame, title_box, look),
                     frame.decorations)


def _arrangement(slide: PlanSlide, look: ThemeLook) -> tuple[str, Frame]:
    """How the deck writer sets this slide out, and on which layout (see deck.writer)."""
    texts = [c for c in slide.content if isinstance(c, TextBody)]
    visuals = [c for c in slide.content if not isinstance(c, TextBody)]
    if slide.layout in ("title", "section", "closing"):
        return "title", look.frames[slide.layout]
    if slide.fit.columns:
        return "columns", look.frames["two-content"]
    if visuals and texts:
        return "beside", look.frames[look.beside_layout]
    if visuals:
        return "visual", look.frames[VISUAL_FRAMES[type(visuals[0])]]
    return "text", look.frames[slide.layout]


def _body(slide: PlanSlide, arrange: str, frame: Frame, look: ThemeLook):
    """(body box, text size, column widths, gap, the visual's box)."""
    size = float(slide.fit.size or frame.body_size)
    if arrange == "title":
        box = frame.bodies[0] if frame.bodies else _below(frame.title or look.free, look)
        floor = min(SUBTITLE_FLOOR_PT, frame.body_size)
        body_font, _ = measuring_font(look.minor)
        return box, _shrink(slide.subtitle.replace("\v", "\n"), box, frame.body_size, floor,
                            body_font, bold=False), (), 0.0, None
    if arrange == "columns" and len(look.columns) >= 2:
        first, second = look.columns[:2]
        box = Box(first.left, first.top, second.left + second.width - first.left,
                  max(first.height, second.height))
        return box, size, (first.width, second.width), second.left - first.left - first.width, \
            None
    if arrange == "beside":
        text, visual = look.beside
        box = Box(text.left, min(text.top, visual.top), visual.left + visual.width - text.left,
                  max(text.height, visual.height))
        return box, size, (text.width, visual.width), visual.left - text.left - text.width, \
            visual
    if arrange == "visual":
        return frame.area, size, (), 0.0, frame.area
    return frame.area, size, (), 0.0, None


def _below(box: Box, look: ThemeLook) -> Box:
    top = box.top + box.height
    return Box(box.left, top, box.width, max(look.height - top - look.height * 0.11, 0.0))


def _shrink(text: str, box: Box, start: float, floor: float, font: str,
            bold: bool = True) -> float:
    """The size the deck gives `text` in `box`: its inherited size, shrunk to fit."""
    width, height = box.width - TITLE_INSETS[0], box.height - TITLE_INSETS[1]
    if not text.strip() or width < 3 * floor or height < floor:
        return start
    size, _ = shrink_size(text, width, height, start, floor, font, bold)
    return size


def _table_size(slide: PlanSlide, area: Box | None, look: ThemeLook) -> float:
    """A table's text size: the split's for a table slide; beside text, what the deck
    measures for the box it gets."""
    table = next((c for c in slide.content if isinstance(c, TableData)), None)
    if table is None or area is None:
        return 0.0
    if slide.fit.table is not None:
        return float(slide.fit.table.size)
    return float(fit_table(table.header, table.rows, area.width, area.height,
                           measuring_font(look.minor)[0]).size)


def _picture_size(picture: Picture, area: Box) -> tuple[float, float]:
    """As large as the area allows below the room for a two-line caption (as the deck)."""
    caption = CAPTION_PT * 1.25 * CAPTION_LINES if picture.caption else 0.0
    room = max(area.height - caption, 1.0)
    ratio = picture.width / picture.height if picture.width and picture.height else 4 / 3
    width, height = area.width, area.width / ratio
    if height > room:
        width, height = room * ratio, room
    return round(width, 2), round(height, 2)


def _colours(frame: Frame, title: Box, look: ThemeLook) -> dict[str, str]:
    """The frame's colours, each swapped for the scheme's light or dark one when it would
    be hard to read on what is behind it (the background, or a band the layout puts there)."""
    background = frame.background
    accent = look.colours["accent1"]
    number_behind = _behind(look.number, frame) if look.number else background
    return {
        "background": background,
        "title": _readable(frame.title_colour, _behind(title, frame), look, LARGE_TEXT),
        "text": _readable(frame.text_colour, background, look, AA_NORMAL_TEXT),
        "accent": _readable(accent, background, look, LARGE_TEXT),
        "number": _readable(look.number_colour, number_behind, look, LARGE_TEXT),
    }


def _behind(box: Box, frame: Frame) -> str:
    """The colour behind the middle of `box`: the topmost filled shape there, or the
    background."""
    x, y = box.left + box.width / 2, box.top + box.height / 2
    for shape in reversed(frame.decorations):
        b = shape.box
        if b.left <= x <= b.left + b.width and b.top <= y <= b.top + b.height:
            return shape.colour
    return frame.background


def _readable(colour: str, background: str, look: ThemeLook, ratio: float) -> str:
    if contrast_ratio(colour, background) >= ratio:
        return colour
    scheme = [c for c in (look.colours["lt1"], look.colours["dk1"])
              if contrast_ratio(c, background) >= ratio]
    return max(scheme or ["#FFFFFF", "#000000"], key=lambda c: contrast_ratio(c, background))
