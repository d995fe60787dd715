"""Files a lecture refers to: resolved inside its own folder, checked, never fetched.

A lecture may only use regular files under its own folder. Paths that leave it
(`..`, absolute, percent-encoded, or a symlink pointing out) and remote URLs are
refused with a message naming the line. Images are opened with Pillow to check
they are images of a kind both the booklet and the deck can hold.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chapbook.errors import ContentError

MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000  # about 8000 x 7500: more is a mistake or a bomb
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int


def resolve_in_folder(ref: str, root: Path, source: Path, line: int, what: str = "file") -> Path:
    """The real path of `ref` (relative to `root`), or a ContentError saying why not."""

    def fail(message: str) -> ContentError:
        return ContentError(message, source, line)

    if not ref.strip():
        raise fail(f"empty {what} path")
    if _SCHEME.match(ref) or ref.startswith("//"):
        if urlsplit(ref).scheme in ("http", "https", "ftp", "") or ref.startswith("//"):
            raise fail(f"{what} {ref!r} is a remote URL; chapbook never downloads: "
                       "save it into the lecture folder (e.g. figures/) and use that path")
        raise fail(f"{what} {ref!r}: only paths inside the lecture folder are allowed")
    decoded = unquote(ref)
    if "\x00" in decoded:
        raise fail(f"{what} path {ref!r} contains a NUL character")
    if decoded.startswith(("/", "\\")) or Path(decoded).is_absolute() or re.match(
        r"^[A-Za-z]:[\\/]", decoded
    ):
        raise fail(f"{what} {ref!r} is an absolute path; use a path relative to the lecture folder")
    root_real = root.resolve()
    target = (root_real / decoded).resolve()
    if not target.is_relative_to(root_real):
        raise fail(f"{what} {ref!r} leaves the lecture folder; keep it under {root.name}/")
    if not target.exists():
        raise fail(f"{what} {ref!r} not found (looked for {target.relative_to(root_real)} "
                   f"in {root.name}/)")
    if not target.is_file():
        raise fail(f"{what} {ref!r} is not a regular file")
    return target


def check_image(path: Path, ref: str, source: Path, line: int) -> ImageInfo:
    """Open the image with Pillow: is it an image, of a format we can embed, of sane size?"""
    from PIL import Image

    def fail(message: str) -> ContentError:
        return ContentError(message, source, line)

    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise fail(f"image {ref!r} is larger than {MAX_IMAGE_BYTES // 2**20} MB; make it smaller")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, (width, height) = img.format or "", img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise fail(f"image {ref!r} is {width}x{height} pixels, more than "
                               f"{MAX_IMAGE_PIXELS:,}; scale it down")
                img.verify()
    except ContentError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise fail(f"image {ref!r} is too large in pixels (a decompression bomb?)") from None
    except Exception:
        kind = path.suffix.lower().lstrip(".") or "unknown"
        if kind in ("svg", "webp", "avif", "heic"):
            raise fail(f"image {ref!r}: {kind.upper()} is not supported; "
                       "export it as PNG or JPEG") from None
        raise fail(f"image {ref!r} is not an image chapbook can read (PNG, JPEG, GIF)") from None
    if fmt not in IMAGE_FORMATS:
        raise fail(f"image {ref!r} is {fmt or 'of unknown format'}; use PNG or JPEG")
    return ImageInfo(IMAGE_FORMATS[fmt], width, height)
