"""Measuring slide text with real font metrics, so nothing overflows.

PowerPoint's autofit only acts when someone edits the text, so chapbook decides
sizes and splits itself: lines are broken with the advance widths of Carlito
(metric-compatible with Calibri, the theme's font), paragraph by paragraph,
and a body that does not fit at the smallest allowed size is split into chunks
for continuation slides. Pure functions over points; no pptx here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chapbook.slideplan import Para
from chapbook.templates import bundled_templates

BODY_SIZES = (24, 22, 20, 18)  # points, largest first; 18 pt is the floor for body text
LINE_SPACING = 1.2  # line height as a multiple of the font size
PARA_SPACE = 0.35  # space before a paragraph, in ems
LEVEL_INDENT_PT = 27  # extra indent per list level
MAX_BULLETS = 7


@lru_cache(maxsize=8)
def _font(bold: bool):
    from PIL import ImageFont

    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    return ImageFont.truetype(str(Path(bundled_templates()) / "deck" / "fonts" / name), 100)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of `text` in points at `size` points."""
    return _font(bold).getlength(text) * size / 100


def count_lines(para: Para, size: float, width: float) -> int:
    """Lines a paragraph takes when wrapped greedily at word boundaries to `width` points."""
    words: list[tuple[str, bool]] = []
    for run in para.runs:
        for i, piece in enumerate(run.text.replace("\v", " \v ").split(" ")):
            if i and words:
                words.append((" ", run.bold))
            if piece:
                words.append((piece, run.bold))
    lines, current = 1, 0.0
    for word, bold in words:
        if word == "\v":
            lines, current = lines + 1, 0.0
            continue
        w = text_width(word, size, bold)
        if word == " ":
            current += w
            continue
        if current and current + w > width:
            lines += 1
            current = w
            while current > width:  # a word longer than a line breaks anywhere
                lines += 1
                current -= width
        else:
            current += w
    return lines


def body_height(paras: Sequence[Para], size: float, width: float) -> float:
    """Height in points of the paragraphs laid out at `size` in a box `width` wide."""
    height = 0.0
    for i, para in enumerate(paras):
        indent = LEVEL_INDENT_PT * para.level + (0.9 * size if para.bullet else 0)
        lines = count_lines(para, size - 2 * para.level, max(width - indent, size * 3))
        height += lines * size * LINE_SPACING + (PARA_SPACE * size if i else 0)
    return height


@dataclass(frozen=True)
class Fit:
    """How a body goes onto slides: a font size and one chunk of paragraphs per slide."""

    size: int
    chunks: tuple[tuple[Para, ...], ...]


def fit_body(paras: Sequence[Para], width: float, height: float,
             sizes: Sequence[int] = BODY_SIZES, max_bullets: int | None = MAX_BULLETS) -> Fit:
    """The largest size at which the body fits one slide, else chunks at the smallest size.

    More than `max_bullets` top-level items also split, however short they are.
    """
    paras = tuple(paras)
    top_level = sum(1 for p in paras if p.level == 0)
    if max_bullets is None or top_level <= max_bullets:
        for size in sizes:
            if body_height(paras, size, width) <= height:
                return Fit(size, (paras,))
    chunks = _balanced(paras, sizes[-1], width, height)
    size = min(_largest_fitting(c, width, height, sizes) for c in chunks)
    return Fit(size, chunks)


def _largest_fitting(paras, width: float, height: float, sizes: Sequence[int]) -> int:
    return next((s for s in sizes if body_height(paras, s, width) <= height), sizes[-1])


def _groups(paras: tuple[Para, ...]) -> list[tuple[Para, ...]]:
    """Top-level items with their sub-items: a bullet never leaves its sub-bullets."""
    groups: list[list[Para]] = []
    for para in paras:
        if para.level == 0 or not groups:
            groups.append([para])
        else:
            groups[-1].append(para)
    return [tuple(g) for g in groups]


def _spread(items: list, count: int) -> list[list]:
    """`count` consecutive runs whose lengths differ by at most one: 14 in 4 is 4/4/3/3."""
    base, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _balanced(paras: tuple[Para, ...], size: int, width: float, height: float):
    """The fewest chunks that each fit at `size`, with items spread evenly over them."""
    groups = _groups(paras)
    for count in range(1, len(groups) + 1):
        if -(-len(groups) // count) > MAX_BULLETS:
            continue
        chunks = [sum(part, ()) for part in _spread(groups, count)]
        if all(body_height(c, size, width) <= height for c in chunks):
            return tuple(chunks)
    return tuple(groups)  # one item per slide; a single item too long still gets its own
