"""The deck: a DeckPlan on a PowerPoint theme -> an editable .pptx.

The only package that imports python-pptx, and `pptx_xml` the only module that
reaches below its public API. `sanitize` cleans a template before `theme` reads it
(python-pptx never sees an unchecked one); `geometry` finds the theme's layouts and
the room they give (what `plan.split` measures against); `writer` places each
split slide (with `text`, `visuals` and `chart`), a long deck's in two parts at once
(`parts`); `package` saves the file
reproducibly; `look` reads what the HTML slides need of a theme, as plain data.
"""

from functools import lru_cache

from chapbook.deck.look import ThemeLook, theme_look
from chapbook.deck.package import save_pptx, xml_text
from chapbook.deck.theme import ThemeReport, check_theme, open_theme
from chapbook.deck.writer import compose_deck

__all__ = ["ThemeLook", "ThemeReport", "check_theme", "compose_deck", "open_theme",
           "save_pptx", "split_for_theme", "theme_look", "xml_text"]


def split_for_theme(plan, theme, cont_label: str = "cont.",
                    layouts: dict[str, str] | None = None):
    """The plan split by measuring it against `theme`'s layouts and fonts: what the deck,
    the handout and the HTML slides all show; `layouts` as for `compose_deck`."""
    from pathlib import Path

    from chapbook.errors import RenderError
    from chapbook.limits import stage
    from chapbook.plan.split import split_plan

    try:
        with stage("composing the deck"):
            return split_plan(plan, _theme_geometry(Path(theme), layouts), cont_label)
    except RenderError as exc:
        if exc.path is not None:
            raise
        raise RenderError(exc.message, theme) from None  # the theme is at fault


def _theme_geometry(theme, layouts: dict[str, str] | None):
    """The room the theme's layouts give, measured once per version of the file (its
    size and time) and `layouts` in a process: the lectures of a course and the
    rebuilds under `chapbook watch` share it."""
    mapping = tuple(sorted((layouts or {}).items()))
    try:
        found = theme.stat()
    except OSError:  # `open_theme` says why
        return _measured.__wrapped__(theme, None, mapping)
    return _measured(theme, (str(theme.resolve()), found.st_size, found.st_mtime_ns), mapping)


@lru_cache(maxsize=8)
def _measured(theme, version: tuple | None, mapping: tuple):
    from chapbook.deck.geometry import geometry

    prs, _ = open_theme(theme)
    return geometry(prs, str(theme), dict(mapping))
