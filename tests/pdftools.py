"""Reading a built PDF back: text per page, positions, fonts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Chunk:
    text: str
    x: float
    y: float
    size: float = 0.0  # font size in points as drawn


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def page_chunks(path: Path, number: int) -> list[Chunk]:
    """Text pieces of page `number` (1-based) with their positions in points."""
    page = PdfReader(path).pages[number - 1]
    chunks: list[Chunk] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            chunks.append(Chunk(text.strip(), x, y, abs(font_size * tm[3] * cm[3])))

    page.extract_text(visitor_text=visit)
    return chunks


def squash(text: str) -> str:
    """Letters and digits only, case-folded: compares text across line breaks and hyphens."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", text)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor_owner = font
            if font.get("/Subtype") == "/Type0":
                descriptor_owner = font["/DescendantFonts"][0].get_object()
            descriptor = descriptor_owner.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts


def appears_in_order(needle: str, hay: str, slack: int = 1500) -> bool:
    """Is squashed `needle` in `hay` in order, allowing what a page break inserts?

    Footnote calls, a running head, a folio and footnotes may interrupt a
    paragraph that crosses a page; a missing sentence still makes it fail.
    """
    needle, hay = squash(needle), squash(hay)
    if needle in hay:
        return True
    start = hay.find(needle[:24])
    while start != -1:
        pos, ok = start, True
        for ch in needle:
            pos = hay.find(ch, pos)
            if pos == -1 or pos - start > len(needle) * 1.2 + slack:
                ok = False
                break
            pos += 1
        if ok:
            return True
        start = hay.find(needle[:24], start + 1)
    return False
