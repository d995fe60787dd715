"""Text in the charts' SVG, measured with the advance widths of the Biolinum it is set in,
so labels are given exactly the room they need and shortened, never clipped."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chapbook.templates import bundled_font

FONT = 2.85  # the type size in viewBox units: about 8 pt at A5
ELLIPSIS = "\u2026"
FONT_FILES = {False: "LinBiolinum_R.otf", True: "LinBiolinum_RB.otf"}
FALLBACK_EM = 0.62  # per character, when the font file is missing: wider than Biolinum


def _font_path(bold: bool) -> Path:
    return bundled_font("booklet", FONT_FILES[bold])


@lru_cache(maxsize=4)
def _load(path: str):
    from PIL import ImageFont

    return ImageFont.truetype(path, 100) if Path(path).is_file() else None


@lru_cache(maxsize=4096)
def _char_advance(char: str, path: str) -> float:
    """Advance width of one character, in ems."""
    font = _load(path)
    return font.getlength(char) / 100 if font is not None else FALLBACK_EM


def text_width(text: str, bold: bool = False) -> float:
    """Width of `text` in viewBox units at the chart's type size.

    WeasyPrint sets SVG text a character at a time, without kerning, so the
    width is the sum of the characters' advances (never less than the kerned
    width of the whole string, whatever renders it).
    """
    if not text:
        return 0.0
    path = str(_font_path(bold))  # once a text, not once a character (30 ms a booklet)
    ems = sum(_char_advance(c, path) for c in text)
    font = _load(path)
    if font is not None:
        ems = max(ems, font.getlength(text) / 100)
    return ems * FONT


def fit_text(text: str, width: float, bold: bool = False) -> str:
    """`text`, or as much of it as fits in `width` followed by an ellipsis."""
    if text_width(text, bold) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(text[:mid].rstrip() + ELLIPSIS, bold) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS
