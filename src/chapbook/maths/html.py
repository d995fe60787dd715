"""TeX maths in running text and on lines of their own, drawn as vector SVG for the booklet.

The drawing scales with the text around it (its size is given in ems) and sits on
the baseline; the TeX is kept as its accessible name. TeX the renderer cannot draw
is shown as code, with a warning naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

SIZE_PT = 10.0  # drawn at this size, then scaled to the text's by giving sizes in ems
_SIZE = re.compile(r'(width|height)="([\d.]+)pt"')


def math_html(tex: str, display: bool, line: int,
              warn: Callable[[int, str], None]) -> tuple[Markup, str]:
    """(html, plain text) of one formula."""
    from chapbook.maths import MathError, tex_to_svg

    tex = tex.strip()
    try:
        drawing = tex_to_svg(tex, display, SIZE_PT)
    except MathError as exc:
        warn(line, f"maths {tex[:40]!r} shown as TeX: {exc.message}")
        return Markup(f'<code class="tex">{escape(tex)}</code>'), tex
    svg = _SIZE.sub(lambda m: f'{m.group(1)}="{float(m.group(2)) / SIZE_PT:.3f}em"', drawing.svg)
    kind = "math display" if display else "math"
    shift = f"{-drawing.depth / SIZE_PT:.3f}em"
    return (Markup(f'<span class="{kind}" data-tex="{escape(tex)}" '
                   f'style="vertical-align: {shift}">{svg}</span>'), tex)


def equation_html(tex: str) -> Markup:
    """A display equation for the handout and HTML slides (drawn, or the TeX as code)."""
    return math_html(tex, True, 0, lambda line, message: None)[0]
