"""The charts' colours, from the stylesheet that styles the rest of the booklet.

The booklet's CSS names its colours as custom properties on `:root` (`--ink`,
`--muted`, `--accent`, `--chart-grid`, `--chart-tint`); a lecture that restyles its
booklet restyles its charts with them. Only plain colours are taken (`#rgb`,
`#rrggbb`, `rgb(...)`, a name); anything else keeps the bundled colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

import tinycss2

_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|rgba?\([\d\s.,%]+\)|[a-zA-Z]{3,20})$")


@dataclass(frozen=True)
class Palette:
    ink: str = "#1d1d1b"  # text, and points not highlighted when none is
    muted: str = "#5b5b57"  # axes, ticks, their labels and titles
    grid: str = "#e3e0d8"  # grid lines
    accent: str = "#8b2323"  # what the chart highlights
    tint: str = "#c59191"  # the rest, beside a highlighted one


DEFAULT = Palette()
_PROPERTIES = {"ink": "ink", "muted": "muted", "accent": "accent", "chart-grid": "grid",
               "chart-tint": "tint"}


def palette_from_css(css: str) -> Palette:
    """The colours a stylesheet gives on `:root`; the bundled ones for the rest."""
    found: dict[str, str] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                     skip_whitespace=True):
            if decl.type != "declaration" or not decl.name.startswith("--"):
                continue
            field = _PROPERTIES.get(decl.name[2:])
            value = tinycss2.serialize(decl.value).strip()
            if field and _COLOUR.match(value):
                found[field] = value
    known = {f.name for f in fields(Palette)}
    return replace(DEFAULT, **{k: v for k, v in found.items() if k in known})
