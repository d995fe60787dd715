"""Pictures as the outputs need them: SVG drawn to PNG (never following links), other
formats converted to one a pptx holds. Shared by reading (to check an SVG renders)
and the deck writer."""

from __future__ import annotations

import io
from pathlib import Path

from chapbook.errors import ContentError

DECK_FORMATS = {"png", "jpeg", "gif", "bmp", "tiff"}  # what a pptx holds as is


def svg_to_png(path: Path, width: int | None = None) -> bytes | None:
    """PNG bytes of an SVG file, or None if it cannot be drawn. External files are not read."""
    import cairosvg

    try:
        return cairosvg.svg2png(bytestring=path.read_bytes(), unsafe=False, output_width=width)
    except Exception:
        return None


def deck_image(path: Path) -> str | io.BytesIO:
    """The image as python-pptx can take it: the file itself, or a PNG conversion."""
    if path.suffix.lower() == ".svg":
        png = svg_to_png(path, width=1600)
        if png is None:
            raise ContentError(f"cannot draw SVG {path.name}", path)
        return io.BytesIO(png)
    from PIL import Image

    with Image.open(path) as img:
        if (img.format or "").lower() in DECK_FORMATS:
            return str(path)
        buffer = io.BytesIO()
        img.save(buffer, "PNG")
    buffer.seek(0)
    return buffer
