"""What a theme looks like, as plain data for presentations drawn without PowerPoint.

The HTML slides put each thing where the deck puts it, so the split that was measured
against the theme's boxes fits again: this reads, per plan layout key, the boxes of
the theme layout the deck uses (title and bodies, in points), the sizes and colours
their text inherits, the layout's background and plain filled shapes (a rule under
the title, a band), and the theme's colour scheme and fonts. Nothing here is a
python-pptx object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.deck.geometry import EMU_PER_PT, Layouts, placeholder
from chapbook.deck.pptx_xml import (
    background_colour,
    decorations,
    inherited_colour,
    inherited_size,
    text_typefaces,
    theme_colours,
)
from chapbook.deck.theme import BODY_TYPES, TITLE_TYPES, open_theme
from chapbook.layouts import LAYOUTS

# The bundled theme's scheme (tools/make_theme.py): what a theme that says nothing gets.
DEFAULT_COLOURS = {
    "dk1": "#1F2933", "lt1": "#FFFFFF", "dk2": "#3D5A80", "lt2": "#EEF1F4",
    "accent1": "#9B2C2C", "accent2": "#3D5A80", "accent3": "#B7791F", "accent4": "#2F6F6A",
    "accent5": "#6B5B95", "accent6": "#6B7785", "hlink": "#2B5D9B", "folHlink": "#6B4C9A",
}
DEFAULT_FONT = "Calibri"


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from its top left corner."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Decoration:
    """A plain filled shape of a layout or its master (a rule under the title, a band)."""

    shape: str  # rect | roundRect | ellipse
    box: Box
    colour: str


@dataclass(frozen=True)
class Frame:
    """One theme layout as a kind of slide shows it. Colours are "#RRGGBB"."""

    layout: str  # the theme layout's name
    area: Box  # where its text or visual goes: the body box clear of decorations
    title: Box | None
    title_size: float  # pt, before shrinking to fit
    bodies: tuple[Box, ...]  # body placeholders left to right (the subtitle on a title slide)
    body_size: float  # pt, of the first body's first level
    background: str
    title_colour: str
    text_colour: str
    decorations: tuple[Decoration, ...] = ()


@dataclass(frozen=True)
class ThemeLook:
    width: float  # the slide, in points
    height: float
    colours: dict[str, str]  # scheme slot -> "#RRGGBB", every slot of DEFAULT_COLOURS
    major: str  # the typeface of titles
    minor: str  # the typeface of body text
    frames: dict[str, Frame]  # plan layout key -> its frame
    free: Box  # pictures, tables, charts: the picture layout's area
    beside: tuple[Box, Box]  # text, visual: text beside a visual
    beside_layout: str  # the plan layout key whose layout text beside a visual uses
    columns: tuple[Box, ...]  # the two columns of a two-content slide; () without them
    number: Box | None  # the slide number
    number_size: float = 14.0
    number_colour: str = field(default=DEFAULT_COLOURS["dk2"])


def theme_look(theme: Path, mapping: dict[str, str] | None = None) -> ThemeLook:
    """The look of `theme` (cleaned first, as for the deck); `mapping` as the front
    matter's `layouts:`."""
    prs, _ = open_theme(Path(theme))
    colours = {**DEFAULT_COLOURS, **theme_colours(prs)}
    major, minor = text_typefaces(prs)
    layouts = Layouts(prs, mapping)
    frames = {key: _frame(layouts(key), _box(layouts.text_area(key).tuple()), colours)
              for key in LAYOUTS}
    text, visual = layouts.beside_areas()
    content = layouts("content")
    number = placeholder(content, (PP_PLACEHOLDER.SLIDE_NUMBER,))
    return ThemeLook(
        width=prs.slide_width / EMU_PER_PT, height=prs.slide_height / EMU_PER_PT,
        colours=colours, major=major or DEFAULT_FONT, minor=minor or DEFAULT_FONT,
        frames=frames, free=_box(layouts.visual_area("picture").tuple()),
        beside=(_box(text.tuple()), _box(visual.tuple())), beside_layout=layouts.beside_key(),
        columns=tuple(_box(c.tuple()) for c in layouts.columns()),
        number=_placeholder_box(number),
        number_size=inherited_size(number, "other") if number is not None else 14.0,
        number_colour=_colour(number and inherited_colour(number, "other"), colours, "dk2"))


def _frame(layout, area: Box, colours: dict[str, str]) -> Frame:
    title = placeholder(layout, TITLE_TYPES)
    bodies = sorted((ph for ph in layout.placeholders
                     if ph.placeholder_format.type in (*BODY_TYPES, PP_PLACEHOLDER.SUBTITLE)),
                    key=lambda ph: (ph.left, ph.top))
    first = bodies[0] if bodies else None
    return Frame(
        layout=layout.name, area=area, title=_placeholder_box(title),
        title_size=inherited_size(title, "title") if title is not None else 36.0,
        bodies=tuple(_placeholder_box(ph) for ph in bodies),
        body_size=inherited_size(first, "body") if first is not None else 24.0,
        background=_colour(background_colour(layout), colours, "lt1"),
        title_colour=_colour(title and inherited_colour(title, "title"), colours, "dk1"),
        text_colour=_colour(first and inherited_colour(first, "body"), colours, "dk1"),
        decorations=tuple(Decoration(shape, _box(emu), _colour(colour, colours, "dk1"))
                          for shape, emu, colour in decorations(layout)))


def _colour(value: str | None, colours: dict[str, str], default: str) -> str:
    """A scheme slot or "#RRGGBB" as "#RRGGBB"; `default`'s colour when unknown."""
    if value and value.startswith("#"):
        return value
    return colours.get(value or "", colours[default])


def _placeholder_box(ph) -> Box | None:
    if ph is None:
        return None
    return _box((ph.left, ph.top, ph.width, ph.height))


def _box(emu: tuple[int, int, int, int]) -> Box:
    left, top, width, height = (round(v / EMU_PER_PT, 2) for v in emu)
    return Box(left, top, width, height)
