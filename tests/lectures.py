"""Small lecture folders for tests: `lecture.md` from a string, images made with Pillow."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image


def write_lecture(tmp_path: Path, text: str | bytes, slug: str = "lecture") -> Path:
    """Write `tmp_path/slug/lecture.md` and return the folder.

    A `str` is dedented (so tests can indent their triple-quoted sources) and written
    as UTF-8 with `\\n` line ends; `bytes` are written exactly as given.
    """
    folder = tmp_path / slug
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "lecture.md"
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_bytes(textwrap.dedent(text).encode("utf-8"))
    return folder


def make_image(
    path: Path, size: tuple[int, int] = (40, 30), fmt: str | None = None, mode: str = "RGB"
) -> Path:
    """A real image at `path` (format from its suffix unless given); mode "1" is cheap."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, 1 if mode == "1" else (180, 40, 40)).save(path, format=fmt)
    return path


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of (dedented) `text` that contains `needle`."""
    for number, line in enumerate(textwrap.dedent(text).split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")
