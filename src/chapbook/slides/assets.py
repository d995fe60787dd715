"""What the HTML slides carry inside them: pictures as `data:` URIs, fonts as subsets.

The file must work from a USB stick, an LMS upload or a laptop without network,
and must never ask for anything outside itself. Pictures come only from inside the
lecture folder (a path that leaves it, through `..` or a symlink, is refused), are
shown as the browser can (BMP and TIFF become PNG) and are scaled down when far
larger than a slide shows. The fonts with the metrics the text was measured in are
embedded, cut down to the characters the slides use; the OFL reserves the names
"Carlito" and "Liberation" to the unmodified fonts, so a subset goes by a name of its own.
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache
from pathlib import Path, PurePosixPath

from chapbook import cache
from chapbook.errors import RenderError
from chapbook.templates import bundled_font

MAX_PICTURE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = (2560, 1600)  # twice a 1280 x 720 slide, and some: sharp on any projector
WEB_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
               "WEBP": "image/webp"}
# Measuring font (chapbook.plan.fit) -> the name its subset is embedded under.
EMBEDDED_NAMES = {"Carlito": "chapbook Sans", "LiberationSans": "chapbook Grotesque",
                  "LiberationSerif": "chapbook Serif", "LiberationMono": "chapbook Mono"}
FACE_FILES = {(400, "normal"): "Regular", (700, "normal"): "Bold",
              (400, "italic"): "Italic", (700, "italic"): "BoldItalic"}
KEEP_NAME_IDS = {0, 1, 2, 3, 4, 5, 6, 13, 14}  # copyright, names, version, licence
# Always in a subset: what the page writes itself (slide numbers, the runtime's words).
RUNTIME_TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "…–—‘’“”·×←→"


# --- pictures --------------------------------------------------------------------------


def picture_uri(src: str, root: Path) -> str:
    """The picture at `src` (relative to the lecture folder `root`) as a `data:` URI."""
    path = PurePosixPath(src)
    real_root = Path(root).resolve()
    if path.is_absolute() or ".." in path.parts or not src.strip():
        raise RenderError(f"HTML slides: picture {src!r} must be a path inside the lecture "
                          "folder")
    real = (real_root / path).resolve()  # follows symlinks: one that points out is refused
    if not real.is_relative_to(real_root) or not real.is_file():
        raise RenderError(f"HTML slides: picture {src!r} is not a file inside the lecture "
                          "folder")
    if real.stat().st_size > MAX_PICTURE_BYTES:
        raise RenderError(f"HTML slides: picture {src!r} is larger than "
                          f"{MAX_PICTURE_BYTES // 2**20} MB")
    mime, data = web_picture(real.read_bytes(), src)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def web_picture(data: bytes, src: str) -> tuple[str, bytes]:
    """(MIME type, bytes) a browser shows: SVG as it is (checked when the lecture was
    read: it links to nothing), web formats as they are unless far too large, others
    as PNG."""
    if PurePosixPath(src).suffix.lower() == ".svg":
        return "image/svg+xml", data
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            small = image.width <= MAX_PIXELS[0] and image.height <= MAX_PIXELS[1]
            if image.format in WEB_FORMATS and (small or image.format == "GIF"):
                return WEB_FORMATS[image.format], data
            image.thumbnail(MAX_PIXELS)
            out = io.BytesIO()
            if image.format == "JPEG" or (image.format == "WEBP" and image.mode == "RGB"):
                image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
                return "image/jpeg", out.getvalue()
            image.save(out, "PNG", optimize=True)
            return "image/png", out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise RenderError(f"HTML slides: picture {src!r} is not an image a browser can "
                          "show") from None


# --- fonts -----------------------------------------------------------------------------


def font_faces(faces: dict[str, set[tuple[int, str]]], text: str) -> str:
    """`@font-face` rules embedding each measuring font's faces (`family` -> {(weight,
    style)}), subset to `text`; faces the project does not ship are left to the browser."""
    chars = "".join(sorted(set(text + RUNTIME_TEXT) - {"\n", "\v", "\t"}))
    rules = []
    for family in sorted(faces):
        name = EMBEDDED_NAMES[family]
        for weight, style in sorted(faces[family]):
            path = bundled_font("deck", f"{family}-{FACE_FILES[(weight, style)]}.ttf")
            if not path.is_file():
                continue
            data = base64.b64encode(subset_woff(str(path), chars, name)).decode("ascii")
            rules.append(f'@font-face {{ font-family: "{name}"; font-weight: {weight}; '
                         f"font-style: {style}; font-display: block; "
                         f'src: url(data:font/woff;base64,{data}) format("woff"); }}')
    return "\n".join(rules)


@lru_cache(maxsize=16)
def subset_woff(path: str, chars: str, family: str) -> bytes:
    """The font cut down to `chars` and renamed `family`, as WOFF; copyright and licence
    stay. Unhinted WOFF: a quarter of the time of hinted WOFF2, at about the same size.

    Cutting is most of the time of the HTML slides and the e-book (0.3 s a face), and
    its result depends only on the font, the characters and fontTools: kept in this
    process and in chapbook's cache, a rebuild whose text uses the same characters, the
    usual edit, cuts nothing."""
    import fontTools

    data = Path(path).read_bytes()
    name = cache.name("font", ".woff", fontTools.version, _SUBSET_RECIPE, data, chars, family)
    kept = cache.read(name)
    if kept is None:
        kept = _subset(data, chars, family)
        cache.write(name, kept)
    return kept


_SUBSET_RECIPE = 1  # one more when `_subset` makes other bytes of the same input


def _subset(data: bytes, chars: str, family: str) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.layout_features = ["kern", "liga"]
    options.notdef_outline = True
    noise = logging.getLogger("fontTools")
    level = noise.level
    noise.setLevel(logging.ERROR)  # "timestamp seems very low", "FFTM NOT subset"
    try:
        font = subset.load_font(io.BytesIO(data), options)
        # The subsetter walks every table to prune the names, which takes most of its
        # time; the names are set below instead.
        names = font["name"]
        del font["name"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        font["name"] = names
        _rename(font, family)
        out = io.BytesIO()
        subset.save_font(font, out, options)
    finally:
        noise.setLevel(level)
    font.close()
    return out.getvalue()


def _rename(font, family: str) -> None:
    name = font["name"]
    face = name.getDebugName(2) or "Regular"
    for name_id, value in ((1, family), (3, f"{family} {face}; subset"),
                           (4, f"{family} {face}"), (6, f"{family}-{face}".replace(" ", ""))):
        name.removeNames(nameID=name_id)
        name.setName(value, name_id, 3, 1, 0x409)
    name.names = [n for n in name.names if n.nameID in KEEP_NAME_IDS]
