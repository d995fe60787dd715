"""Where a slide has room: boxes in EMU, the master's and layout's decorations, and the
content area that avoids them.

A template's decorations (a footer band, a logo, a rule under the title) are the shapes
on its master and layouts that are not placeholders. Content must not cover them, so the
room for a body, a picture, a table or a chart is the layout's body box, or the space
below its title, with every decoration cut away: of the ways to cut a box clear of a
shape (above, below, left or right of it), the one that keeps the most area. A shape
covering nearly the whole slide is a background and is not avoided, nor are the
decorations of a template that leaves no sensible room once they are (a pattern all over
its masters): there the body box is kept as the template draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.shapes import PP_PLACEHOLDER

BACKGROUND_SHARE = 0.8  # a shape covering this much of the slide is its background
GAP_SHARE = 0.012  # kept clear of a decoration, as a share of the slide's height
KEEP_SHARE = 0.4  # a cut area smaller than this share of the box it was cut from is no area


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def area(self) -> int:
        return max(self.width, 0) * max(self.height, 0)

    def overlaps(self, other: Box) -> bool:
        return (min(self.right, other.right) > max(self.left, other.left)
                and min(self.bottom, other.bottom) > max(self.top, other.top))

    def inside(self, other: Box, slack: int = 0) -> bool:
        return (self.left >= other.left - slack and self.top >= other.top - slack
                and self.right <= other.right + slack and self.bottom <= other.bottom + slack)

    def tuple(self) -> tuple[int, int, int, int]:
        return self.left, self.top, self.width, self.height

    def with_edges(self, left: int | None = None, top: int | None = None,
                   right: int | None = None, bottom: int | None = None) -> Box:
        l_, t_ = self.left if left is None else left, self.top if top is None else top
        r_ = self.right if right is None else right
        b_ = self.bottom if bottom is None else bottom
        return Box(l_, t_, r_ - l_, b_ - t_)


def box_of(shape) -> Box | None:
    """A shape's box (a placeholder's inherited one), or None when it has none."""
    try:
        values = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    if None in values:
        return None
    return Box(*(int(v) for v in values))


@dataclass(frozen=True)
class Decoration:
    """A shape of the master or layout that is not a placeholder (or a slide number)."""

    name: str
    box: Box
    where: str  # "master" or "layout"


def decorations(layout, slide: Box) -> tuple[Decoration, ...]:
    """What a slide on `layout` shows besides its placeholders: the layout's own shapes and,
    unless the layout hides them, its master's; backgrounds left out. The slide number
    counts too, since every slide carries it."""
    found: list[Decoration] = []
    owners = [("layout", layout)]
    if _shows_master_shapes(layout):
        owners.insert(0, ("master", layout.slide_master))
    for where, owner in owners:
        for shape in owner.shapes:
            if shape.is_placeholder:
                continue
            box = box_of(shape)
            if box is None or box.area <= 0:
                continue
            clipped = box.with_edges(max(box.left, 0), max(box.top, 0),
                                     min(box.right, slide.right), min(box.bottom, slide.bottom))
            if clipped.area >= BACKGROUND_SHARE * slide.area or clipped.area <= 0:
                continue
            found.append(Decoration(shape.name or "(unnamed)", clipped, where))
    for ph in layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            box = box_of(ph)
            if box is not None and box.area > 0:
                found.append(Decoration("slide number", box, "layout"))
    return tuple(found)


def _shows_master_shapes(layout) -> bool:
    return layout._element.get("showMasterSp", "1") not in ("0", "false")


def clear_of(box: Box, obstacles, slide: Box) -> Box:
    """The largest part of `box` that overlaps none of `obstacles` (kept a gap apart);
    `box` itself when that would leave too little (the decorations are the design's
    backdrop, not something to keep clear of)."""
    gap = int(slide.height * GAP_SHARE)
    area = box
    for _ in range(len(obstacles) * 2):
        hit = next((o for o in obstacles if o.overlaps(area)), None)
        if hit is None:
            break
        area = max(_cuts(area, hit, gap), key=lambda b: b.area, default=None)
        if area is None or area.area < KEEP_SHARE * box.area:
            return box
    else:
        if any(o.overlaps(area) for o in obstacles):
            return box
    return area


def _cuts(area: Box, obstacle: Box, gap: int) -> list[Box]:
    """`area` cut clear of `obstacle` on each side where that leaves something."""
    cuts = [area.with_edges(bottom=obstacle.top - gap), area.with_edges(top=obstacle.bottom + gap),
            area.with_edges(right=obstacle.left - gap), area.with_edges(left=obstacle.right + gap)]
    return [c for c in cuts if c.width > 0 and c.height > 0]
