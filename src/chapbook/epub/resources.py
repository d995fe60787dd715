"""What the e-book carries besides its documents: pictures and font subsets.

Pictures come only from inside the lecture folder, checked as when the lecture was
read (`resolve_in_folder`: no `..`, no absolute path, no symlink out), whatever URL
a template wrote; they are stored under a name made from their content, as formats
every EPUB reader shows (SVG, PNG, JPEG, GIF, WebP; others become PNG). The fonts
are the booklet's, cut down to the characters the book uses; the OFL reserves the
names "Linux Libertine", "Biolinum" and "Plex" to the unmodified fonts, so each
subset goes by a name of its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from chapbook.errors import RenderError
from chapbook.read.assets import resolve_in_folder
from chapbook.templates import bundled_font

EXTENSIONS = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg",
              "image/gif": "gif", "image/webp": "webp"}


@dataclass(frozen=True)
class Resource:
    """A file of the book other than its documents: `href` inside the book's folder."""

    href: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Face:
    family: str  # the name the subset is embedded under, used by epub.css
    weight: int
    style: str
    file: str  # in templates/booklet/fonts/
    mono: bool = False  # needed only where the book shows code


FACES = (
    Face("Chapbook Text", 400, "normal", "LinLibertine_R.otf"),
    Face("Chapbook Text", 400, "italic", "LinLibertine_RI.otf"),
    Face("Chapbook Text", 700, "normal", "LinLibertine_RB.otf"),
    Face("Chapbook Text", 700, "italic", "LinLibertine_RBI.otf"),
    Face("Chapbook Sans", 400, "normal", "LinBiolinum_R.otf"),
    Face("Chapbook Sans", 700, "normal", "LinBiolinum_RB.otf"),
    Face("Chapbook Mono", 400, "normal", "IBMPlexMono-Regular.ttf", mono=True),
)
# What makes an SVG more than a drawing (a script, events, embedded HTML): drawn as PNG.
_ACTIVE_SVG = re.compile(rb"<(?:\w+:)?(?:script|foreignObject)\b|\son\w+\s*=", re.I)
SVG_DRAWN_WIDTH = 1600
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "…–—‘’“”«»·×"


class Pictures:
    """The pictures one book holds, each once, by the URL its documents give."""

    def __init__(self, root: Path, source: Path) -> None:
        self.root, self.source = Path(root), Path(source)
        self.by_url: dict[str, Resource] = {}

    def add(self, url: str) -> str:
        """The picture's href in the book, copying it in; only a `file:` URL of a file
        inside the lecture folder is taken."""
        if url not in self.by_url:
            self.by_url[url] = self._load(url)
        return self.by_url[url].href

    @property
    def resources(self) -> list[Resource]:
        return sorted({r.href: r for r in self.by_url.values()}.values(), key=lambda r: r.href)

    def _load(self, url: str) -> Resource:
        from chapbook.slides.assets import web_picture

        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RenderError(f"e-book: picture {url[:80]!r} is not a file of the lecture "
                              "folder", self.source)
        path = Path(url2pathname(parts.path))
        root = self.root.resolve()
        if not path.is_absolute() or not path.resolve().is_relative_to(root):
            raise RenderError(f"e-book: picture {url[:80]!r} is outside the lecture folder",
                              self.source)
        relative = path.resolve().relative_to(root).as_posix()
        real = resolve_in_folder(relative, root, self.source, 0, "picture")
        media_type, data = web_picture(real.read_bytes(), relative)
        if media_type == "image/svg+xml" and _ACTIVE_SVG.search(data):
            media_type, data = "image/png", _drawn(real)
        digest = hashlib.sha256(data).hexdigest()[:16]
        return Resource(f"images/{digest}.{EXTENSIONS[media_type]}", media_type, data)


def _drawn(path: Path) -> bytes:
    from chapbook.images import svg_to_png

    png = svg_to_png(path, width=SVG_DRAWN_WIDTH)
    if png is None:
        raise RenderError(f"e-book: picture {path.name} is an SVG that cannot be drawn")
    return png


def fonts(text: str, *, code: bool) -> tuple[list[Resource], str]:
    """The faces cut down to `text` (the mono face only for a book with `code`), and the
    `@font-face` rules that name them."""
    from chapbook.slides.assets import subset_woff

    chars = "".join(sorted(set(text + ALWAYS) - {"\n", "\r", "\t", "\v", "\f"}))
    folder = bundled_font("booklet")
    resources, rules = [], []
    for face in FACES:
        path = folder / face.file
        if (face.mono and not code) or not path.is_file():
            continue
        href = f"fonts/{Path(face.file).stem.lower()}.woff"
        resources.append(Resource(href, "font/woff", subset_woff(str(path), chars,
                                                                  face.family)))
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
                     f'font-style: {face.style}; src: url({href}) format("woff"); }}')
    return resources, "\n".join(rules) + "\n"
