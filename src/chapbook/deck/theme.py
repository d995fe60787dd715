"""Themes: a PowerPoint file whose layouts and masters the deck is built on.

Any template serves: its layouts are found by what they are for (`deck.roles`), so a
corporate template with house names works as well as one with PowerPoint's. `check_theme`
says what a template offers: the slide size, the content area clear of the master's
decorations, which layout each kind of slide gets and why, and what was removed from it
(`chapbook theme-check`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.deck.pptx_xml import compile_xpaths, text_typefaces
from chapbook.deck.roles import BODIES, FOOTERS, TITLES
from chapbook.deck.sanitize import sanitize_theme
from chapbook.errors import RenderError

TITLE_TYPES = TITLES
BODY_TYPES = BODIES
FOOTER_TYPES = FOOTERS
EMU_PER_INCH = 914400


def open_theme(theme: Path) -> tuple[object, list[str]]:
    """The reference deck, cleaned first (see `sanitize`), and what cleaning removed;
    or a RenderError saying why it cannot serve."""
    from pptx.exc import PackageNotFoundError

    clean = sanitize_theme(theme)
    compile_xpaths()
    try:
        prs = Presentation(io.BytesIO(clean.data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"theme is not a PowerPoint file (.pptx) chapbook can read: {exc}",
                          theme) from None
    except Exception as exc:  # a corrupt zip or XML inside it
        raise RenderError(f"theme cannot be read: {type(exc).__name__}: {exc}", theme) from None
    if not any(ph.placeholder_format.type in TITLE_TYPES
               for master in prs.slide_masters for layout in master.slide_layouts
               for ph in layout.placeholders):
        names = [layout.name for master in prs.slide_masters for layout in master.slide_layouts]
        raise RenderError("theme has no layout with a title placeholder, so its slides could "
                          f"carry no titles (found: {', '.join(names) or 'no layouts'})", theme)
    return prs, list(clean.warnings)


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    placeholders: tuple[str, ...]  # "idx 1: body (Content Placeholder 2)"
    role: str | None = None  # what chapbook takes it to be for
    why: str = ""  # how that was told
    master: int = 0


@dataclass(frozen=True)
class ChoiceInfo:
    key: str  # the plan layout key
    layout: str
    how: str  # "role", "fallback" or "mapping"
    why: str
    master: int = 0


@dataclass(frozen=True)
class ThemeReport:
    path: Path
    width_in: float
    height_in: float
    layouts: tuple[LayoutInfo, ...]
    choices: dict[str, str | None]  # plan layout key -> the layout chapbook will use
    problems: tuple[str, ...]  # what is missing, and the fallback
    reasons: tuple[ChoiceInfo, ...] = ()
    content_area: tuple[float, float, float, float] = (0, 0, 0, 0)  # inches: l, t, w, h
    decorations: tuple[str, ...] = ()  # what content keeps clear of
    masters: int = 1

    @property
    def usable(self) -> bool:
        return all(self.choices.values())


def check_theme(path: Path, mapping: dict[str, str] | None = None) -> ThemeReport:
    """What a template offers chapbook, what it lacks, and what was removed from it."""
    from chapbook.deck.area import decorations
    from chapbook.deck.geometry import Layouts
    from chapbook.plan.fit import measuring_font

    prs, removed = open_theme(path)
    try:
        layouts = Layouts(prs, mapping)
    except RenderError as exc:
        raise RenderError(exc.message, path) from None
    infos = tuple(
        LayoutInfo(f.name, tuple(f"idx {ph.placeholder_format.idx}: {_kind(ph)} ({ph.name})"
                                 for ph in f.layout.placeholders), f.role, f.why, f.master)
        for f in layouts.facts)
    reasons = tuple(ChoiceInfo(key, c.facts.name, c.how, c.why, c.facts.master)
                    for key, c in layouts.choices.items())
    problems = list(removed) + layouts.fallbacks()
    used = {id(c.layout): c.layout for c in layouts.choices.values()}.values()
    for layout in used:
        kinds = [ph.placeholder_format.type for ph in layout.placeholders]
        if not any(k in TITLE_TYPES for k in kinds):
            problems.append(f"layout {layout.name!r} has no title placeholder: slides made "
                            "with it will have no title")
        if PP_PLACEHOLDER.SLIDE_NUMBER not in kinds:
            problems.append(f"layout {layout.name!r} has no slide-number placeholder: "
                            "its slides will show no number")
    for face in dict.fromkeys(text_typefaces(prs)):
        font, exact = measuring_font(face)
        if not exact:
            problems.append(f"theme font {face!r}: no metric-compatible font is shipped; "
                            f"text is measured with {font}, which is wider than most")
    content = layouts.facts_of("content")
    area = layouts.text_area("content")
    shown = decorations(content.layout, layouts.slide)
    return ThemeReport(
        Path(path), prs.slide_width / EMU_PER_INCH, prs.slide_height / EMU_PER_INCH, infos,
        {c.key: c.layout for c in reasons}, tuple(dict.fromkeys(problems)), reasons,
        tuple(v / EMU_PER_INCH for v in area.tuple()),
        tuple(f"{d.name} ({d.where}) at {_inches(d.box)}" for d in shown),
        len(prs.slide_masters))


def _inches(box) -> str:
    return (f"{box.left / EMU_PER_INCH:.2f}, {box.top / EMU_PER_INCH:.2f} in, "
            f"{box.width / EMU_PER_INCH:.2f} x {box.height / EMU_PER_INCH:.2f} in")


def _kind(ph) -> str:
    kind = ph.placeholder_format.type
    return kind.name.lower() if kind is not None else "unknown"
