"""Measuring slide text with real font metrics, so nothing overflows.

PowerPoint's autofit only acts when someone edits the text, so chapbook decides
sizes and splits itself: lines are broken with the advance widths of a font
metric-compatible with the theme's (Carlito for Calibri, Liberation Sans for
Arial and for fonts we know nothing of, Liberation Serif for Times), paragraph
by paragraph, and a body that does not fit at the smallest allowed size is
split into chunks for continuation slides. Pure functions over points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from chapbook.plan.schema import Para, Run
from chapbook.templates import bundled_font

BODY_SIZES = (32, 28, 24, 22, 20, 18)  # points, largest first; 18 pt is the floor for body text
LINE_SPACING = 1.22  # line height as a multiple of the font size (Calibri's is 1.22)
PARA_SPACE = 0.35  # space before a paragraph, in ems
LEVEL_INDENT_PT = 27  # extra indent per list level
MAX_BULLETS = 7


# Theme typeface -> the shipped font with its metrics. Anything unknown is measured
# with Liberation Sans, wider than most sans faces, so text errs on fitting.
METRIC_FONTS = {
    "calibri": "Carlito", "carlito": "Carlito",
    "arial": "LiberationSans", "helvetica": "LiberationSans", "arimo": "LiberationSans",
    "liberation sans": "LiberationSans",
    "times new roman": "LiberationSerif", "times": "LiberationSerif", "tinos": "LiberationSerif",
    "liberation serif": "LiberationSerif",
}
DEFAULT_FONT = "Carlito"
CODE_FONT = "LiberationMono"  # Courier New's metrics: code on slides is set in it
FALLBACK_FONT = "LiberationSans"


def measuring_font(typeface: str | None) -> tuple[str, bool]:
    """(the font to measure a theme typeface with, whether its metrics match exactly)."""
    if not typeface:
        return DEFAULT_FONT, True
    known = METRIC_FONTS.get(typeface.strip().casefold())
    return (known, True) if known else (FALLBACK_FONT, False)


@lru_cache(maxsize=8)
def _font(family: str, bold: bool):
    from PIL import ImageFont

    name = f"{family}-{'Bold' if bold else 'Regular'}.ttf"
    return ImageFont.truetype(str(bundled_font("deck", name)), 100)


def text_width(text: str, size: float, bold: bool = False, font: str = DEFAULT_FONT) -> float:
    """Advance width of `text` in points at `size` points."""
    return _advance(font, bold, text) * size / 100


@lru_cache(maxsize=1 << 16)
def _advance(family: str, bold: bool, text: str) -> float:
    """Advance width at 100 pt: a deck measures the same words at several sizes, and
    again for each slide a body is tried on, so each is asked of the font once."""
    return _font(family, bold).getlength(text)


@lru_cache(maxsize=1 << 14)
def count_lines(para: Para, size: float, width: float, font: str = DEFAULT_FONT) -> int:
    """Lines a paragraph takes when wrapped greedily at word boundaries to `width` points.

    A word longer than a line is broken anywhere, as PowerPoint does. Remembered: the
    split and the deck measure the same paragraph at the same size and width again.
    """
    if width < size:
        raise ValueError(f"a box {width:.0f} pt wide cannot hold {size:g}-pt text")
    words: list[tuple[str, bool, str]] = []
    for run in para.runs:
        face = CODE_FONT if run.code or para.style == "code" else font
        for i, piece in enumerate(run.text.replace("\v", " \v ").split(" ")):
            if i and words:
                words.append((" ", run.bold, face))
            if piece:
                words.append((piece, run.bold, face))
    lines, current = 1, 0.0
    for word, bold, face in words:
        if word == "\v":
            lines, current = lines + 1, 0.0
            continue
        w = text_width(word, size, bold, face)
        if word == " ":
            current += w
            continue
        if current and current + w > width:
            lines += 1
            current = w
        else:
            current += w
        if current > width:  # the word runs on over whole lines
            extra = math.ceil(current / width) - 1
            lines += extra
            current -= extra * width
    return lines


def body_height(paras: Sequence[Para], size: float, width: float,
                font: str = DEFAULT_FONT) -> float:
    """Height in points of the paragraphs laid out at `size` in a box `width` wide.

    Space before a paragraph is counted for the first one too (LibreOffice applies
    it) and at least what themes commonly give: 10 pt, 5 pt for sub-items.
    """
    height = 0.0
    for para in paras:
        indent = LEVEL_INDENT_PT * para.level + (0.9 * size if para.bullet else 0)
        lines = count_lines(para, size - 2 * para.level, max(width - indent, size * 3), font)
        before = max(PARA_SPACE * size, 10.0 if para.level == 0 else 5.0)
        height += lines * size * LINE_SPACING + before
    return height


TITLE_SPACING = 1.2  # line height of titles and subtitles, as the deck measures them


def shrink_size(text: str, width: float, height: float, start: float, floor: float,
                font: str = DEFAULT_FONT, bold: bool = False) -> tuple[float, bool]:
    """(the largest size from `start` down to `floor`, in steps of 2 pt, at which the lines
    of `text` fit a box of `width` x `height` points; whether they fit at that size).
    Titles and subtitles are sized this way in the deck and the HTML slides alike."""
    paras = [Para((Run(line, bold=bold),), bullet=False) for line in text.split("\n")]
    size = start
    while True:
        needed = sum(count_lines(p, size, width, font) for p in paras) * size * TITLE_SPACING
        if needed <= height or size <= floor:
            return size, needed <= height
        size = max(floor, size - 2)


@dataclass(frozen=True)
class Fit:
    """How a body goes onto slides: a font size and one chunk of paragraphs per slide."""

    size: int
    chunks: tuple[tuple[Para, ...], ...]


def fit_body(paras: Sequence[Para], width: float, height: float,
             sizes: Sequence[int] = BODY_SIZES, max_bullets: int | None = MAX_BULLETS,
             font: str = DEFAULT_FONT) -> Fit:
    """The largest size at which the body fits one slide, else chunks at the smallest size.

    More than `max_bullets` top-level items also split, however short they are.
    """
    paras = tuple(paras)
    top_level = sum(1 for p in paras if p.level == 0)
    if max_bullets is None or top_level <= max_bullets:
        for size in sizes:
            if body_height(paras, size, width, font) <= height:
                return Fit(size, (paras,))
    chunks = _balanced(paras, sizes[-1], width, height, font, max_bullets)
    size = min(_largest_fitting(c, width, height, sizes, font) for c in chunks)
    return Fit(size, chunks)


def _largest_fitting(paras, width: float, height: float, sizes: Sequence[int],
                     font: str) -> int:
    return next((s for s in sizes if body_height(paras, s, width, font) <= height), sizes[-1])


def _groups(paras: tuple[Para, ...]) -> list[tuple[Para, ...]]:
    """Top-level items with their sub-items: a bullet never leaves its sub-bullets."""
    groups: list[list[Para]] = []
    for para in paras:
        if para.level == 0 or not groups:
            groups.append([para])
        else:
            groups[-1].append(para)
    return [tuple(g) for g in groups]


def spread(items: list, count: int) -> list[list]:
    """`count` consecutive runs whose lengths differ by at most one: 14 in 4 is 4/4/3/3."""
    base, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _balanced(paras: tuple[Para, ...], size: int, width: float, height: float, font: str,
              max_bullets: int | None = MAX_BULLETS):
    """The fewest chunks that each fit at `size`, with items spread evenly over them."""
    groups = _groups(paras)
    for count in range(1, len(groups) + 1):
        if max_bullets is not None and -(-len(groups) // count) > max_bullets:
            continue
        chunks = [sum(part, ()) for part in spread(groups, count)]
        if all(body_height(c, size, width, font) <= height for c in chunks):
            return tuple(chunks)
    return tuple(groups)  # one item per slide; a single item too long still gets its own


# --- tables -------------------------------------------------------------------------

TABLE_SIZES = (18, 16, 14)  # points; 14 pt is the floor
CELL_PAD_X = 14.4  # PowerPoint's default cell margins: 0.1 in left and right
CELL_PAD_Y = 7.2 + 2  # 0.05 in top and bottom, and a little air


@dataclass(frozen=True)
class TableFit:
    """A table's size, column widths and row heights (points), and the rows of each slide."""

    size: int
    widths: tuple[float, ...]
    header_height: float
    row_heights: tuple[float, ...]
    chunks: tuple[tuple[int, ...], ...]  # row indexes per slide; the header repeats


def fit_table(header: Sequence[str], rows: Sequence[Sequence[str]], width: float,
              height: float, font: str = DEFAULT_FONT,
              sizes: Sequence[int] = TABLE_SIZES) -> TableFit:
    """The largest size at which the whole table fits one slide, else rows spread evenly
    over as few slides as hold them at the smallest size. Cells wrap within their column."""
    columns = max([len(header)] + [len(r) for r in rows] + [1])
    for size in sizes:
        widths = _column_widths(header, rows, columns, size, width, font)
        head = _row_height(header, widths, size, font, bold=True) if header else 0.0
        heights = tuple(_row_height(r, widths, size, font) for r in rows)
        if head + sum(heights) <= height or size == sizes[-1]:
            break
    room = max(height - head, max(heights, default=0))
    return TableFit(size, widths, head, heights, _row_chunks(heights, room))


def _column_widths(header, rows, columns: int, size: float, width: float,
                   font: str) -> tuple[float, ...]:
    """Each column as wide as its longest cell; if they do not all fit, the narrow ones
    keep their width and the wide ones share the rest in proportion (they wrap)."""
    natural = [CELL_PAD_X + 4] * columns
    for row in [header, *rows]:
        for c, cell in enumerate(row[:columns]):
            bold = row is header
            natural[c] = max(natural[c], text_width(cell, size, bold, font) + CELL_PAD_X + 4)
    if sum(natural) <= width:
        scale = width / sum(natural)
        return tuple(w * scale for w in natural)
    fixed: dict[int, float] = {}
    while True:
        rest = [c for c in range(columns) if c not in fixed]
        share = (width - sum(fixed.values())) / max(len(rest), 1)
        small = [c for c in rest if natural[c] <= share]
        if not small:
            break
        fixed.update({c: natural[c] for c in small})
    left = width - sum(fixed.values())
    wide = sum(natural[c] for c in rest) or 1
    widths = [fixed.get(c, natural[c] * left / wide) for c in range(columns)]
    return tuple(_keep_words_whole(widths, _longest_words(header, rows, columns, size, font)))


def _longest_words(header, rows, columns: int, size: float, font: str) -> list[float]:
    """Per column, the width its longest word needs, so no word is broken inside."""
    need = [CELL_PAD_X + 4] * columns
    for row in [header, *rows]:
        for c, cell in enumerate(row[:columns]):
            for word in cell.split():
                need[c] = max(need[c], text_width(word, size, row is header, font) + CELL_PAD_X + 2)
    return need


def _keep_words_whole(widths: list[float], need: list[float]) -> list[float]:
    """Widen columns too narrow for a word, taking the room from columns with some to spare."""
    short = sum(max(0.0, n - w) for w, n in zip(widths, need, strict=True))
    spare = [max(0.0, w - n) for w, n in zip(widths, need, strict=True)]
    if short <= 0 or sum(spare) < short:
        return widths
    return [max(w, n) - (s / sum(spare) * short if s else 0)
            for w, n, s in zip(widths, need, spare, strict=True)]


def _row_height(row, widths, size: float, font: str, bold: bool = False) -> float:
    lines = max((count_lines(Para((Run(cell, bold=bold),), bullet=False), size,
                             max(w - CELL_PAD_X, size), font)
                 for cell, w in zip(row, widths, strict=False)), default=1)
    return lines * size * LINE_SPACING + CELL_PAD_Y


def _row_chunks(heights: tuple[float, ...], room: float) -> tuple[tuple[int, ...], ...]:
    """Rows per slide: as few slides as greedy packing needs, rows spread evenly if they fit."""
    greedy: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if greedy[-1] and used + h > room:
            greedy.append([])
            used = 0.0
        greedy[-1].append(i)
        used += h
    even = spread(list(range(len(heights))), len(greedy))
    if all(sum(heights[i] for i in part) <= room for part in even):
        return tuple(tuple(part) for part in even)
    return tuple(tuple(part) for part in greedy)
