"""Files a lecture refers to: resolved inside its own folder, checked, never fetched.

A lecture may only use regular files under its own folder. Paths that leave it
(`..`, absolute, percent-encoded, or a symlink pointing out) and remote URLs are
refused with a message naming the line. Images are opened with Pillow to check
they are images of a kind both the booklet and the deck can hold.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chapbook.errors import ContentError, Unavailable
from chapbook.images import svg_to_png

MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000  # about 8000 x 7500: more is a mistake or a bomb
IMAGE_FORMATS = {
    "PNG": "png", "JPEG": "jpeg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff", "WEBP": "webp",
}
SVG_CHECK_WIDTH = 800
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Links out of an SVG: href/src attributes, CSS url(), @import, external entities.
_SVG_LINK = re.compile(
    r"""(?:href|src)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^)"']*)|@import\s+["']([^"']*)"""
    r"""|SYSTEM\s+["']([^"']*)["']"""
)


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
            raise Unavailable(f"{what} {ref!r} is a remote URL; chapbook never downloads: "
                              "save it into the lecture folder (e.g. figures/) and use that "
                              "path", source, line)
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
        raise Unavailable(f"{what} {ref!r} not found (looked for "
                          f"{target.relative_to(root_real)} in {root.name}/)", source, line)
    if not target.is_file():
        raise fail(f"{what} {ref!r} is not a regular file")
    return target


# (file, its size, its modification time) -> what checking it found; failures are not kept
_CHECKED: dict[tuple[Path, int, int], ImageInfo] = {}


def check_image(path: Path, ref: str, source: Path, line: int) -> ImageInfo:
    """Open the image: is it an image, of a format we can embed, of sane size?

    An image shown several times (a lecture's figure on its slide and in its section) is
    decoded once, while the file stays as it was.
    """
    stat = path.stat()
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _CHECKED:
        _CHECKED[key] = _check_image(path, ref, source, line)
    return _CHECKED[key]


def _check_image(path: Path, ref: str, source: Path, line: int) -> ImageInfo:
    def fail(message: str) -> ContentError:
        return ContentError(message, source, line)

    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise fail(f"image {ref!r} is larger than {MAX_IMAGE_BYTES // 2**20} MB; make it smaller")
    if path.suffix.lower() == ".svg":
        return _check_svg(path, ref, fail)
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, (width, height) = img.format or "", img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise fail(f"image {ref!r} is {width}x{height} pixels, more than "
                               f"{MAX_IMAGE_PIXELS:,}; scale it down")
                img.verify()
            with Image.open(path) as img:  # verify() checks structure; load() decodes pixels
                _decode_fully(img)
    except ContentError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise fail(f"image {ref!r} is too large in pixels (a decompression bomb?)") from None
    except Exception:
        raise fail(f"image {ref!r} is not an image chapbook can read "
                   "(PNG, JPEG, GIF, WebP, TIFF, BMP or SVG), or it is damaged: "
                   "export it again") from None
    if fmt not in IMAGE_FORMATS:
        raise fail(f"image {ref!r} is {fmt or 'of unknown format'}; use PNG, JPEG or SVG")
    return ImageInfo(IMAGE_FORMATS[fmt], width, height)


def _decode_fully(img) -> None:
    """Decode every pixel; a truncated or corrupt stream is an error here, even though
    WeasyPrint, once imported, tells Pillow to accept one (`LOAD_TRUNCATED_IMAGES`)."""
    from PIL import ImageFile

    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        img.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _check_svg(path: Path, ref: str, fail) -> ImageInfo:
    """Render the SVG once (never fetching what it links to) to check it and learn its size."""
    text = path.read_bytes().decode("utf-8", "replace")
    for match in _SVG_LINK.finditer(text):
        link = next(g for g in match.groups() if g is not None).strip()
        if link and not link.startswith(("#", "data:")):
            raise fail(f"SVG {ref!r} refers to {link!r}; chapbook only draws self-contained "
                       "SVG: embed that resource or export the drawing as PNG")
    # Drawn small: enough to know it renders and its proportions, whatever size it claims.
    png = svg_to_png(path, width=SVG_CHECK_WIDTH)
    if png is None:
        raise fail(f"image {ref!r} is not an SVG drawing chapbook can read; "
                   "fix it or export it as PNG")
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        width, height = _svg_size(text) or img.size
    if height > 20 * width:
        raise fail(f"SVG {ref!r} is a sliver ({width}x{height}); check its width and height")
    return ImageInfo("svg", width, height)


_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0}


def _svg_size(text: str) -> tuple[int, int] | None:
    """The drawing's own size in CSS pixels, from the root's width/height or viewBox."""
    root = re.search(r"<svg\b[^>]*>", text)
    if root is None:
        return None
    tag = root.group(0)

    def length(name: str) -> float | None:
        m = re.search(rf'\b{name}\s*=\s*["\']\s*([\d.]+)\s*([a-z]*)\s*["\']', tag)
        if m is None or m.group(2) not in _UNITS:
            return None
        return float(m.group(1)) * _UNITS[m.group(2)]

    width, height = length("width"), length("height")
    if width and height:
        return round(width), round(height)
    box = re.search(r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)',
                    tag)
    if box and float(box.group(1)) and float(box.group(2)):
        return round(float(box.group(1))), round(float(box.group(2)))
    return None
