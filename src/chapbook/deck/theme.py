"""Themes: a PowerPoint file whose layouts and masters the deck is built on.

Any template serves: its layouts are found by what they are for (`deck.roles`), so a
corporate template with house names works as well as one with PowerPoint's. `check_theme`
says what a template offers: the slide size, the content area clear of the master's
decorations, which layout each kind of slide gets and why, and what was removed from it
(`chapbook theme-check`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook import warm
from chapbook.deck.pptx_xml import compile_xpaths, qualified_names_once, text_typefaces
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
    qualified_names_once()
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


def theme_to_compose(theme: Path, prepare: Callable[[object], object] | None = None
                     ) -> tuple[object, list[str], object]:
    """`open_theme(theme)`, for a deck to be composed on, which changes it, with
    `prepare(prs)` if it was made ahead (else None). A warm process (a course's worker,
    `chapbook watch`) opens one more ahead (`warm.ahead`) for the processes it forks,
    and prepares it: the first deck each composes takes that one as its own, unless the
    file has changed since, instead of reading and cleaning the file again (10 to 16 ms
    of a course's lecture, and 5 to 12 ms for the writer's analysis of its layouts); a
    later one there opens its own."""
    key = str(theme)
    spare = _spares.get(key)
    if spare is not None and spare.opener != os.getpid():
        del _spares[key]  # this process's copy: taken once
        if spare.version == _version(theme):
            return spare.prs, list(spare.removed), spare.prepared
    warm.ahead(("theme", key), partial(_open_ahead, theme, prepare))
    return (*open_theme(theme), None)


@dataclass(frozen=True)
class _Spare:
    version: tuple
    opener: int  # the process that opened it, which never composes on it
    prs: object
    removed: tuple[str, ...]
    prepared: object


_spares: dict[str, _Spare] = {}  # by the theme's path


def _open_ahead(theme: Path, prepare: Callable[[object], object] | None) -> None:
    version = _version(theme)
    spare = _spares.get(str(theme))
    if version is None or (spare is not None and spare.version == version
                           and spare.opener == os.getpid()):
        return
    try:
        prs, removed = open_theme(theme)
        prepared = prepare(prs) if prepare is not None else None
    except RenderError:  # said when a deck is composed on it
        return
    if not _spares:
        warm.at_end(_spares.clear)
    _spares[str(theme)] = _Spare(version, os.getpid(), prs, tuple(removed), prepared)


def _version(theme: Path) -> tuple | None:
    try:
        found = theme.stat()
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


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
