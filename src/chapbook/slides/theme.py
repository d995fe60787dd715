"""The theme as CSS: the slide's size, the colour scheme and the font stacks.

Colours become custom properties named after the scheme's slots (`--accent1`,
`--dk2`, ...), so slides.css (or a lecture's own) can use any of them. A font stack
names the theme's typeface first (a machine that has Calibri uses it), then the
embedded subset of the font with its metrics, which the text was measured in, then
the system's generic family. Every value written is checked to be a plain CSS value.
"""

from __future__ import annotations

import re

from chapbook.deck.look import ThemeLook
from chapbook.errors import RenderError
from chapbook.plan.fit import measuring_font
from chapbook.slides.assets import EMBEDDED_NAMES

THUMB_PX = 256  # a slide in the overview
NOTES_PT = 300  # below each slide, when printed with its notes
CODE_FONT = "LiberationMono"  # metric-compatible with Courier New
GENERIC = {"LiberationSerif": "serif", CODE_FONT: "monospace"}  # else sans-serif
_FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")
_PROPERTY = re.compile(r"^--[a-z0-9-]+$")
_UNSAFE_VALUE = re.compile(r"[<>{};\\\n]|/\*|url\(", re.IGNORECASE)


def font_stack(typeface: str | None, family: str) -> str:
    """The theme's typeface, the embedded face of `family` (a measuring font), a generic."""
    names = [typeface] if typeface and _FONT_NAME.match(typeface) else []
    names.append(EMBEDDED_NAMES[family])
    return ", ".join(f'"{n}"' for n in names) + ", " + GENERIC.get(family, "sans-serif")


def theme_properties(look: ThemeLook) -> dict[str, str]:
    """CSS custom properties of the theme: colours, fonts and the slide's size."""
    title_family, _ = measuring_font(look.major)
    body_family, _ = measuring_font(look.minor)
    style = {f"--{slot.lower()}": colour for slot, colour in look.colours.items()}
    style.update({
        "--title-font": font_stack(look.major, title_family),
        "--body-font": font_stack(look.minor, body_family),
        "--code-font": font_stack("Courier New", CODE_FONT),
        "--slide-width": f"{look.width:g}pt",
        "--slide-height": f"{look.height:g}pt",
        "--slide-ratio": f"{look.width:g} / {look.height:g}",
        "--thumb-scale": f"{THUMB_PX / (look.width * 4 / 3):.4f}",
        "--notes-height": f"{NOTES_PT:g}pt",
    })
    if look.number is not None:
        box = look.number
        style.update({"--number-left": f"{box.left:g}pt", "--number-top": f"{box.top:g}pt",
                      "--number-width": f"{box.width:g}pt",
                      "--number-height": f"{box.height:g}pt",
                      "--number-size": f"{look.number_size:g}pt"})
    return style


def theme_css(look: ThemeLook) -> str:
    """`:root { ... }` with the theme's properties, and a printed page the slide's size."""
    lines = []
    for name, value in theme_properties(look).items():
        if not _PROPERTY.match(name) or _UNSAFE_VALUE.search(value):
            raise RenderError(f"HTML slides: theme value {name}: {value!r} is not a plain "
                              "CSS value")
        lines.append(f"  {name}: {value};")
    return (":root {\n" + "\n".join(lines) + "\n}\n"
            f"@page {{ size: {look.width:g}pt {look.height:g}pt; margin: 0; }}\n"
            f"@page with-notes {{ size: {look.width:g}pt {look.height + NOTES_PT:g}pt; "
            "margin: 0; }\n")


def font_families(look: ThemeLook) -> tuple[str, str]:
    """The measuring fonts (title, body) whose faces are embedded."""
    return measuring_font(look.major)[0], measuring_font(look.minor)[0]
