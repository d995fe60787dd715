"""Where things go on a theme's slides: its layout for each plan layout key, and the room
each gives text and pictures, in points (the `Geometry` that splitting measures against).
"""

from __future__ import annotations

from pptx.util import Emu

from chapbook.deck.pptx_xml import theme_fonts
from chapbook.deck.theme import BODY_TYPES, LAYOUT_NAMES, TITLE_TYPES
from chapbook.errors import RenderError
from chapbook.layouts import LAYOUTS
from chapbook.plan.fit import measuring_font
from chapbook.plan.split import Geometry, Room

EMU_PER_PT = 12700
FALLBACKS = ("Title and Content", "Title Only")


class Layouts:
    """The theme's layouts, found by plan layout key."""

    def __init__(self, prs):
        self.prs = prs
        self.by_name = {layout.name: layout for layout in prs.slide_layouts}

    def __call__(self, key: str):
        for name in (*LAYOUT_NAMES.get(key, ()), *FALLBACKS):
            if name in self.by_name:
                return self.by_name[name]
        raise RenderError(f"theme has no layout for {key!r}: it needs one named "
                          f"{' or '.join(LAYOUT_NAMES.get(key, ('Title and Content',)))}")

    def free_area(self) -> tuple[int, int, int, int]:
        """Left, top, width, height (EMU) below the title on the 'Title Only' layout."""
        title = placeholder(self("title-only"), TITLE_TYPES)
        slide_w, slide_h = self.prs.slide_width, self.prs.slide_height
        margin = int(slide_w * 0.055)
        top = (title.top + title.height + int(slide_h * 0.04)) if title is not None else margin
        bottom = slide_h - int(slide_h * 0.11)
        left = title.left if title is not None else margin
        width = title.width if title is not None else slide_w - 2 * margin
        return left, top, width, bottom - top

    def beside_areas(self) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
        """The text box and the visual's area of a slide with text beside a visual."""
        left, top, width, height = self.free_area()
        gap = Emu(int(width * 0.04))
        text_w = Emu(int(width * 0.42))
        return (left, top, text_w, height), (Emu(left + text_w + gap), top,
                                            Emu(width - text_w - gap), height)

    def bodies(self, key: str) -> list:
        """The layout's body placeholders, left to right."""
        return sorted((ph for ph in self(key).placeholders
                       if ph.placeholder_format.type in BODY_TYPES), key=lambda ph: ph.left)


def placeholder(owner, types):
    """The first placeholder of one of `types` on a slide or layout, or None."""
    for ph in owner.placeholders:
        if ph.placeholder_format.type in types:
            return ph
    return None


def geometry(prs, theme: str = "") -> Geometry:
    """The room for text and visuals on each kind of slide of this theme, in points."""
    layouts = Layouts(prs)
    _, _, width, height = layouts.free_area()
    free = Room(width / EMU_PER_PT, height / EMU_PER_PT, layouts("title-only").name,
                "the room below its title")
    text = {}
    for key in LAYOUTS:
        body = placeholder(layouts(key), BODY_TYPES)
        text[key] = free if body is None else Room(
            body.width / EMU_PER_PT, body.height / EMU_PER_PT, layouts(key).name,
            f"its placeholder {body.name!r}")
    bodies = layouts.bodies("two-content")
    column = None if len(bodies) < 2 else Room(
        bodies[0].width / EMU_PER_PT, bodies[0].height / EMU_PER_PT,
        layouts("two-content").name, f"its placeholder {bodies[0].name!r}")
    font, _ = measuring_font(theme_fonts(prs)[1])
    return Geometry(text=text, column=column, free=free, font=font, theme=theme)
