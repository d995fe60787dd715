"""Where things go on a theme's slides: its layout for each plan layout key, and the room
each gives text and pictures (the `Geometry` that splitting measures against).

Each plan layout key asks for layouts by role, best first (`PREFERENCES`): a section
divider wants a `section` layout, then a `title` one, then `title-only`. A `layouts:`
mapping in the front matter names a layout outright. Among several masters, the title
slide comes from the first that has one (LibreOffice's templates put the title-page
design first) and everything else from the master whose content layout leaves the most
room clear of its decorations. Every choice keeps why it was made, for `theme-check`
and for the build's warnings, one per fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chapbook.deck.area import Box, box_of, clear_of, decorations
from chapbook.deck.callout import inner_room
from chapbook.deck.pptx_xml import master_body_size, text_typefaces
from chapbook.deck.roles import BODIES, TITLES, Facts, facts_of, normal_name
from chapbook.errors import RenderError
from chapbook.layouts import LAYOUTS
from chapbook.plan.fit import BODY_SIZES, measuring_font
from chapbook.plan.split import Geometry, Room

EMU_PER_PT = 12700
MARGIN_SHARE = 0.055  # of the slide's width: the margin where a layout gives no body box
TITLE_GAP_SHARE = 0.04  # of the slide's height, between a title and what comes below it
BESIDE_SHARE = 0.42  # of the width, for text beside a visual when there are no two bodies
BESIDE_GAP_SHARE = 0.04

# Plan layout key -> the roles that serve it, best first; the second element: whether
# falling back is worth a warning (quote and closing layouts are rare in templates).
PREFERENCES: dict[str, tuple[tuple[str, ...], bool]] = {
    "title": (("title", "section", "title-only", "content"), True),
    "content": (("content", "title-only"), True),
    "two-content": (("two-content", "content", "title-only"), True),
    "section": (("section", "title", "title-only", "content"), True),
    "picture": (("content", "title-only"), True),
    "chart": (("content", "title-only"), True),
    "table": (("content", "title-only"), True),
    "quote": (("quote", "content", "title-only"), False),
    "title-only": (("title-only", "content"), True),
    "closing": (("closing", "section", "title", "title-only", "content"), False),
}


@dataclass(frozen=True)
class Choice:
    """The layout a plan layout key gets, and why."""

    key: str
    facts: Facts
    how: str  # "mapping", "role" or "fallback"
    wanted: str  # the role the key asks for first

    @property
    def layout(self):
        return self.facts.layout

    @property
    def why(self) -> str:
        if self.how == "mapping":
            return "named in the front matter's `layouts:`"
        found = f"a {self.facts.role} layout, by {self.facts.why}"
        return found if self.facts.role == self.wanted else f"no {self.wanted} layout: {found}"


class Layouts:
    """The theme's layouts by plan layout key, and the room each gives."""

    def __init__(self, prs, mapping: dict[str, str] | None = None):
        self.prs = prs
        self.slide = Box(0, 0, int(prs.slide_width), int(prs.slide_height))
        self.facts = [facts_of(layout, m, self.slide)
                      for m, master in enumerate(prs.slide_masters)
                      for layout in master.slide_layouts]
        if not any(f.title is not None for f in self.facts):
            raise RenderError("theme has no layout with a title placeholder, so its slides "
                              "could carry no titles (found: "
                              f"{', '.join(f.name for f in self.facts) or 'no layouts'})")
        self.main = self._main_master()
        mapping = {k: v for k, v in (mapping or {}).items() if v}
        unknown = sorted(set(mapping) - set(PREFERENCES))
        if unknown:
            raise RenderError(f"layouts: {unknown[0]!r} is not a kind of slide (use "
                              f"{', '.join(PREFERENCES)})")
        self.choices = {key: self._choose(key, mapping.get(key)) for key in PREFERENCES}
        self._rooms: dict[tuple[str, str], object] = {}  # the layouts do not change

    def _room(self, what: str, key: str, measure):
        """`measure()` once per (what, key): each slide of a kind asks for the same room."""
        if (what, key) not in self._rooms:
            self._rooms[what, key] = measure()
        return self._rooms[what, key]

    def __call__(self, key: str):
        return self.choices[key].layout

    # -- choosing --------------------------------------------------------------------------

    def _main_master(self) -> int:
        """The master whose content layout (or title-only one) keeps the most room clear."""
        best, score = 0, -1
        for master in sorted({f.master for f in self.facts}):
            own = [f for f in self.facts if f.master == master]
            for role in ("content", "title-only"):
                facts = next((f for f in own if f.role == role), None)
                if facts is not None:
                    area = self.clear_area(facts, strict=True)
                    if area.area > score:
                        best, score = master, area.area
                    break
        return best

    def _choose(self, key: str, wanted: str | None) -> Choice:
        roles, warn = PREFERENCES[key]
        if wanted is not None:
            return self._mapped(key, wanted, roles[0])
        for n, role in enumerate(roles):
            facts = self._best(role, first_master=role == "title")
            if facts is not None:
                return Choice(key, facts, "fallback" if n and warn else "role", roles[0])
        facts = next(f for f in self.facts if f.title is not None)
        return Choice(key, facts, "fallback", roles[0])

    def _mapped(self, key: str, wanted: str, role: str) -> Choice:
        named = [f for f in self.facts if normal_name(f.name) == normal_name(wanted)]
        if not named:
            raise RenderError(f"layouts: {key}: the theme has no layout named {wanted!r} (it "
                              f"has {', '.join(dict.fromkeys(repr(f.name) for f in self.facts))})")
        named.sort(key=lambda f: f.master != self.main)
        return Choice(key, named[0], "mapping", role)

    def _best(self, role: str, first_master: bool = False) -> Facts | None:
        """The layout of `role` from the main master (the first, for a title slide), one
        with a standard name before one told by its placeholders."""
        def rank(f: Facts):
            master = (f.master,) if first_master else (f.master != self.main, f.master)
            return (*master, f.why != "its standard name")

        return min((f for f in self.facts if f.role == role), key=rank, default=None)

    def fallbacks(self, keys=None) -> list[str]:
        """One sentence per plan layout key (of `keys`, else all) served by a layout made
        for something else."""
        return [f"no {c.wanted} layout for {key} slides: using {c.facts.label}, "
                f"a {c.facts.role or 'makeshift'} layout, by {c.facts.why}"
                for key, c in self.choices.items()
                if c.how == "fallback" and (keys is None or key in keys)]

    # -- room ------------------------------------------------------------------------------

    def facts_of(self, key: str) -> Facts:
        return self.choices[key].facts

    def obstacles(self, facts: Facts) -> list[Box]:
        return [d.box for d in decorations(facts.layout, self.slide)]

    def clear_area(self, facts: Facts, strict: bool = False) -> Box:
        """The layout's body box (the space below its title without one) clear of its
        decorations; `strict`: nothing when they leave too little (to rank masters)."""
        start = facts.bodies[0] if len(facts.bodies) == 1 else self.below_title(facts)
        cleared = clear_of(start, self.obstacles(facts), self.slide)
        if strict and any(o.overlaps(cleared) for o in self.obstacles(facts)):
            return Box(0, 0, 0, 0)
        return cleared

    def below_title(self, facts: Facts) -> Box:
        """From under the title to the foot of the slide, as wide as the title (or the
        slide less its margins)."""
        slide = self.slide
        margin = int(slide.width * MARGIN_SHARE)
        title = facts.title
        left, right = margin, slide.width - margin
        top = margin
        if title is not None:
            left, right = max(title.left, 0), min(title.right, slide.width)
            top = title.bottom + int(slide.height * TITLE_GAP_SHARE)
        if facts.bodies:  # a layout with two bodies: from the first body's top
            top = min(top, min(b.top for b in facts.bodies))
            left = min(left, min(b.left for b in facts.bodies))
            right = max(right, max(b.right for b in facts.bodies))
        bottom = slide.height - int(slide.height * MARGIN_SHARE)
        return Box(left, top, right - left, bottom - top)

    def text_area(self, key: str) -> Box:
        """The body text's box on slides of `key`."""
        return self._room("area", key, lambda: self.clear_area(self.facts_of(key)))

    def visual_area(self, key: str) -> Box:
        """The box a picture, table or chart fills on slides of `key`."""
        return self._room("area", key, lambda: self.clear_area(self.facts_of(key)))

    def columns(self) -> list[Box]:
        """The two bodies of the two-content layout clear of decorations; [] without them."""
        return list(self._room("columns", "two-content", self._columns))

    def _columns(self) -> list[Box]:
        facts = self.facts_of("two-content")
        if len(facts.bodies) != 2:
            return []
        obstacles = self.obstacles(facts)
        return [clear_of(b, obstacles, self.slide) for b in facts.bodies]

    def beside_areas(self) -> tuple[Box, Box]:
        """The text and the visual of a slide with text beside a picture, table or chart:
        the two-content layout's columns, else the content area split 42:58."""
        columns = self.columns()
        if len(columns) == 2:
            return columns[0], columns[1]
        area = self.visual_area("picture")
        gap = int(area.width * BESIDE_GAP_SHARE)
        text_w = int(area.width * BESIDE_SHARE)
        return (replace(area, width=text_w),
                Box(area.left + text_w + gap, area.top, area.width - text_w - gap, area.height))

    def beside_key(self) -> str:
        """The plan layout key whose layout a slide with text beside a visual uses."""
        return "two-content" if len(self.columns()) == 2 else "picture"


def placeholder(owner, types):
    """The first placeholder of one of `types` on a slide or layout, or None."""
    for ph in owner.placeholders:
        if ph.placeholder_format.type in types:
            return ph
    return None


def bodies_of(owner, box=box_of) -> list:
    """The body placeholders of a slide or layout, left to right by their boxes (`box` of
    a placeholder: its own or inherited one)."""
    found = [ph for ph in owner.placeholders if ph.placeholder_format.type in BODIES]
    return sorted(found, key=lambda ph: (_left(ph, box), found.index(ph)))


def _left(ph, box=box_of) -> int:
    found = box(ph)
    return found.left if found is not None else 0


def room(box: Box, layout: str, what: str) -> Room:
    return Room(box.width / EMU_PER_PT, box.height / EMU_PER_PT, layout, what)


def geometry(prs, theme: str = "", mapping: dict[str, str] | None = None) -> Geometry:
    """The room for text and visuals on each kind of slide of this theme, in points."""
    layouts = Layouts(prs, mapping)
    text = {}
    for key in LAYOUTS:
        facts = layouts.facts_of(key)
        what = (f"its placeholder at {_inches(facts.bodies[0])}" if len(facts.bodies) == 1
                else "the room below its title")
        text[key] = room(layouts.text_area(key), facts.name, what)
    content = layouts.facts_of("content")
    text["callout"] = inner_room(layouts.text_area("content"), content.name)
    columns = layouts.columns()
    two = layouts.facts_of("two-content").name
    column = room(columns[0], two, "its first body") if columns else None
    free = room(layouts.visual_area("picture"), layouts.facts_of("picture").name,
                "the room for pictures")
    side, _ = layouts.beside_areas()
    beside = room(side, layouts.facts_of(layouts.beside_key()).name, "the text beside a visual")
    font, _ = measuring_font(text_typefaces(prs)[1])
    return Geometry(text=text, column=column, free=free, font=font, theme=theme, side=beside,
                    sizes=body_sizes(prs))


def body_sizes(prs) -> tuple[int, ...]:
    """The sizes body text may take on this theme, largest first: up to 4 pt above the
    theme's own first-level size (so a few bullets read larger), at least 24 pt."""
    own = master_body_size(prs.slide_master) or 24
    top = max(24, min(own + 4, BODY_SIZES[0]))
    return tuple(s for s in BODY_SIZES if s <= top)


def _inches(box: Box) -> str:
    return f"{box.width / 914400:.2f} x {box.height / 914400:.2f} in"


__all__ = ["TITLES", "Choice", "Layouts", "bodies_of", "geometry", "placeholder", "room"]
