"""Themes: a PowerPoint file whose layouts and masters the deck is built on.

Layouts are found by their standard PowerPoint names, so an ordinary corporate
template works. `check_theme` says what a template offers and what chapbook
will fall back to (`chapbook theme-check`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.deck.pptx_xml import theme_fonts
from chapbook.deck.sanitize import sanitize_theme
from chapbook.errors import RenderError

# Plan layout key -> standard layout names, best first.
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "content": ("Title and Content", "Title, Content", "Title Only"),
    "two-content": ("Two Content", "Title and Content"),
    "section": ("Section Header", "Title Only", "Title Slide"),
    "picture": ("Title Only", "Picture with Caption", "Title and Content"),
    "chart": ("Title Only", "Title and Content"),
    "table": ("Title Only", "Title and Content"),
    "quote": ("Title and Content", "Title Only"),
    "title-only": ("Title Only", "Title and Content"),
}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
USABLE = ("Title and Content", "Title Only")


def open_theme(theme: Path) -> tuple[object, list[str]]:
    """The reference deck, cleaned first (see `sanitize`), and what cleaning removed;
    or a RenderError saying why it cannot serve."""
    from pptx.exc import PackageNotFoundError

    clean = sanitize_theme(theme)
    try:
        prs = Presentation(io.BytesIO(clean.data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"theme is not a PowerPoint file (.pptx) chapbook can read: {exc}",
                          theme) from None
    except Exception as exc:  # a corrupt zip or XML inside it
        raise RenderError(f"theme cannot be read: {type(exc).__name__}: {exc}", theme) from None
    names = {layout.name for layout in prs.slide_layouts}
    if not names & set(USABLE):
        raise RenderError("theme has no usable layouts: it needs at least one named "
                          "'Title and Content' or 'Title Only' (found: "
                          f"{', '.join(sorted(names)) or 'none'})", theme)
    return prs, list(clean.warnings)


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    placeholders: tuple[str, ...]  # "idx 1: body (Content Placeholder 2)"


@dataclass(frozen=True)
class ThemeReport:
    path: Path
    width_in: float
    height_in: float
    layouts: tuple[LayoutInfo, ...]
    choices: dict[str, str | None]  # plan layout key -> the layout chapbook will use
    problems: tuple[str, ...]  # what is missing, and the fallback

    @property
    def usable(self) -> bool:
        return all(self.choices.values())


def check_theme(path: Path) -> ThemeReport:
    """What a template offers chapbook, what it lacks, and what was removed from it."""
    prs, removed = open_theme(path)
    layouts = tuple(
        LayoutInfo(layout.name, tuple(
            f"idx {ph.placeholder_format.idx}: {_kind(ph)} ({ph.name})"
            for ph in layout.placeholders
        ))
        for layout in prs.slide_layouts
    )
    names = [layout.name for layout in layouts]
    choices: dict[str, str | None] = {}
    problems = list(removed)
    for key, wanted in LAYOUT_NAMES.items():
        found = next((n for n in (*wanted, *USABLE) if n in names), None)
        choices[key] = found
        if found != wanted[0]:
            problems.append(f"no layout named {wanted[0]!r} for {key} slides: "
                            + (f"using {found!r}" if found else "nothing can stand in"))
    for layout in prs.slide_layouts:
        if layout.name in (c for c in choices.values() if c) and not any(
            ph.placeholder_format.type in TITLE_TYPES for ph in layout.placeholders
        ):
            problems.append(f"layout {layout.name!r} has no title placeholder: slides made "
                            "with it will have no title")
        if layout.name in (c for c in choices.values() if c) and not any(
            ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
            for ph in layout.placeholders
        ):
            problems.append(f"layout {layout.name!r} has no slide-number placeholder: "
                            "its slides will show no number")
    from chapbook.plan.fit import measuring_font

    for face in dict.fromkeys(theme_fonts(prs)):
        font, exact = measuring_font(face)
        if not exact:
            problems.append(f"theme font {face!r}: no metric-compatible font is shipped; "
                            f"text is measured with {font}, which is wider than most")
    return ThemeReport(Path(path), prs.slide_width / 914400, prs.slide_height / 914400,
                       layouts, choices, tuple(dict.fromkeys(problems)))


def _kind(ph) -> str:
    kind = ph.placeholder_format.type
    return kind.name.lower() if kind is not None else "unknown"
