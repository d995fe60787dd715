"""Saddle-stitch imposition: booklet pages in, printer's sheet sides out.

In: a booklet PDF, one page per booklet page (WeasyPrint's, maybe with a
TrimBox inside a bled MediaBox). Out: a PDF of sheet sides, two booklet pages
side by side on each, ordered so that printing it duplex (flip on the short
edge), stacking the sheets and folding the stack once reads 1, 2, 3...
Pages are placed as they are, never scaled, rotated or rasterised; only pypdf
is used, and no content stream is parsed: pages that share their resources (as
all of WeasyPrint's do) are placed by listing their content streams, still
compressed, between a clip and a move of the sheet's own; other pages become
form XObjects. Parsing every stream, as pypdf's page merging does, took a
second per dozen pages.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    StreamObject,
)

from chapbook.errors import RenderError

MM = 72 / 25.4
SLUG = 10 * MM  # paper around the bleed that carries the marks
MARK_GAP = 3 * MM  # marks start this far from the trim (or past the bleed if wider)
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.25  # pt: a hairline, as print shops expect
FOLD_DASH = "[3 2] 0 d"  # dashed: a fold, not a cut
SIZE_TOLERANCE = 0.5  # pt: rounding in page boxes, not a different page size
METADATA_KEYS = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer",
                 "/CreationDate", "/ModDate")

Pair = tuple[int | None, int | None]
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 in points


@dataclass(frozen=True)
class Imposition:
    """What `impose_booklet` did, for the caller to report (blanks, sheets to print)."""

    pages: int  # booklet pages after padding (a multiple of 4)
    blanks: int  # blank pages added
    sheets: int  # physical sheets (pages // 4)
    order: tuple[Pair, ...]  # per sheet side: (left, right) 1-based source pages, None = blank


@dataclass(frozen=True)
class Layout:
    """Where the booklet pages sit on a sheet side, in points."""

    trim_width: float
    trim_height: float
    bleed: float
    margin: float  # sheet edge to trim: the bleed, plus the slug when marked

    @property
    def width(self) -> float:
        return 2 * self.trim_width + 2 * self.margin

    @property
    def height(self) -> float:
        return self.trim_height + 2 * self.margin

    @property
    def spine(self) -> float:
        """x of the fold, where the left page's trim meets the right page's."""
        return self.margin + self.trim_width


def padded_count(page_count: int) -> int:
    """Pages in the folded booklet: each sheet folded once carries four."""
    if page_count < 0:
        raise ValueError(f"page count {page_count} is negative")
    return -(-page_count // 4) * 4


def signature_order(page_count: int) -> tuple[Pair, ...]:
    """(left, right) source pages of each sheet side in printing order; None is blank.

    One signature: sheet k's front holds page P-2k beside 2k+1, its back 2k+2
    beside P-2k-1, so the stack folds into reading order. Blanks are the last
    pages, where an empty page reads as deliberate rather than as a gap.
    """
    total = padded_count(page_count)

    def real(number: int) -> int | None:
        return number if number <= page_count else None

    order: list[Pair] = []
    for k in range(total // 4):
        order.append((real(total - 2 * k), real(2 * k + 1)))
        order.append((real(2 * k + 2), real(total - 2 * k - 1)))
    return tuple(order)


def plan_imposition(page_count: int) -> Imposition:
    """The imposition of `page_count` pages, without touching any file."""
    total = padded_count(page_count)
    return Imposition(total, total - page_count, total // 4, signature_order(page_count))


def crop_marks(layout: Layout) -> tuple[Segment, ...]:
    """Two marks at each outer trim corner, pointing along the trim lines, in the slug."""
    gap = max(MARK_GAP, layout.bleed)  # never drawn over the bleed a cut may leave
    left, right = layout.margin, layout.margin + 2 * layout.trim_width
    bottom, top = layout.margin, layout.margin + layout.trim_height
    marks: list[Segment] = []
    for x, dx in ((left, -1), (right, 1)):
        for y, dy in ((bottom, -1), (top, 1)):
            marks.append((x + dx * gap, y, x + dx * (gap + MARK_LENGTH), y))
            marks.append((x, y + dy * gap, x, y + dy * (gap + MARK_LENGTH)))
    return tuple(marks)


def fold_marks(layout: Layout) -> tuple[Segment, ...]:
    """A mark above and below the spine, so the stack is folded where pages meet."""
    gap = max(MARK_GAP, layout.bleed)
    x, bottom, top = layout.spine, layout.margin, layout.margin + layout.trim_height
    return ((x, top + gap, x, top + gap + MARK_LENGTH),
            (x, bottom - gap, x, bottom - gap - MARK_LENGTH))


def impose_booklet(source: Path, target: Path, *, marks: bool = False) -> Imposition:
    """Write `source`'s pages imposed for one saddle-stitched signature to `target`.

    With `marks`, a slug margin around the bleed carries crop and fold marks.
    The output depends only on the source bytes and `marks`: two runs give the
    same file.
    """
    return impose_pdf(Path(source).read_bytes(), target, marks=marks, name=Path(source))


def impose_pdf(data: bytes, target: Path, *, marks: bool = False,
               name: Path | None = None) -> Imposition:
    """`impose_booklet` for a PDF in memory; `name` is what errors call it."""
    reader = PdfReader(io.BytesIO(data))
    pages = list(reader.pages)
    layout = _measure(pages, name, marks=marks)
    plan = plan_imposition(len(pages))
    writer = PdfWriter()
    for pair in plan.order:
        _add_sheet_side(writer, pages, pair, layout, marks)
    _copy_metadata(reader, writer)
    _set_identity(writer, data, marks)
    writer.pdf_header = reader.pdf_header
    writer.write(Path(target))
    return plan


def _measure(pages: Sequence[PageObject], source: Path | None, *, marks: bool) -> Layout:
    """The sheet layout from the first page; every page must be cut to the same size."""
    if not pages:
        raise RenderError("the PDF has no pages to impose", source)
    for number, page in enumerate(pages, start=1):
        if page.rotation % 360:
            raise RenderError(f"page {number} is rotated; imposition needs upright pages",
                              source)
    first = _trim_box(pages[0])
    for number, page in enumerate(pages[1:], start=2):
        trim = _trim_box(page)
        if (abs(trim.width - first.width) > SIZE_TOLERANCE
                or abs(trim.height - first.height) > SIZE_TOLERANCE):
            raise RenderError(
                f"page {number} is {trim.width:.1f}x{trim.height:.1f} pt but page 1 is "
                f"{first.width:.1f}x{first.height:.1f} pt; a folded booklet needs one "
                "page size", source)
    bleed = _bleed_width(pages[0])
    margin = bleed + (SLUG if marks else 0.0)
    return Layout(float(first.width), float(first.height), bleed, margin)


def _trim_box(page: PageObject) -> RectangleObject:
    """The page as it will be cut: its TrimBox when that lies inside the MediaBox.

    WeasyPrint sets a TrimBox only with CSS `bleed`; without one pypdf reports
    the MediaBox (through the CropBox), which then is the trimmed page.
    """
    media, trim = page.mediabox, page.trimbox
    if _contains(media, trim) and (trim.width < media.width or trim.height < media.height):
        return trim
    return media


def _bleed_width(page: PageObject) -> float:
    """How far the artwork runs past the trim on every side (the BleedBox's least margin)."""
    trim, media, bleed = _trim_box(page), page.mediabox, page.bleedbox
    left = trim.left - max(media.left, bleed.left)
    bottom = trim.bottom - max(media.bottom, bleed.bottom)
    right = min(media.right, bleed.right) - trim.right
    top = min(media.top, bleed.top) - trim.top
    return max(0.0, float(min(left, bottom, right, top)))


def _contains(outer: RectangleObject, inner: RectangleObject) -> bool:
    slack = 1e-3
    return (inner.left >= outer.left - slack and inner.bottom >= outer.bottom - slack
            and inner.right <= outer.right + slack and inner.top <= outer.top + slack)


def _add_sheet_side(writer: PdfWriter, pages: Sequence[PageObject], pair: Pair,
                    layout: Layout, marks: bool) -> None:
    """One output page: the marks first, then the left and the right booklet page.

    Links are for reading on screen; on a printer's sheet they would point at the
    booklet's destinations, which the imposed file does not have: none are copied.
    """
    sheet = writer.add_blank_page(layout.width, layout.height)
    placed = [(pages[number - 1], side) for side, number in enumerate(pair) if number is not None]
    contents = [_stream(writer, _marks_content(layout))] if marks else []
    if placed:
        place = _place_inline if _share_resources(placed) else _place_forms
        contents += place(writer, sheet, placed, layout)
    if contents:
        sheet[NameObject("/Contents")] = ArrayObject(contents)


Placed = list[tuple[PageObject, int]]  # booklet page, side (0 left, 1 right)


def _share_resources(placed: Placed) -> bool:
    """Do the pages name one resources object (then their streams can go on the sheet)?"""
    ids = {page.raw_get("/Resources") if "/Resources" in page else None for page, _ in placed}
    return len(ids) == 1 and all(isinstance(i, IndirectObject) for i in ids)


def _place_inline(writer: PdfWriter, sheet: PageObject, placed: Placed,
                  layout: Layout) -> list[IndirectObject]:
    sheet[NameObject("/Resources")] = placed[0][0].raw_get("/Resources").clone(writer)
    return [stream for page, side in placed for stream in _inline(writer, page, layout, side)]


def _place_forms(writer: PdfWriter, sheet: PageObject, placed: Placed,
                 layout: Layout) -> list[IndirectObject]:
    forms = DictionaryObject()
    contents = []
    for page, side in placed:
        name = NameObject(f"/Page{side}")
        forms[name] = _form(writer, page, layout, side)
        contents.append(_stream(writer, f"q {_move(page, layout, side)} cm {name} Do Q"
                                .encode("ascii")))
    sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})
    return contents


def _inline(writer: PdfWriter, page: PageObject, layout: Layout,
            side: int) -> list[IndirectObject]:
    """The page's content streams, untouched, between a move-and-clip and its undoing.

    A content array is read as one stream, so the page's own streams stay as
    they are, compressed; the sheet shares their resources.
    """
    clip = _clip(_trim_box(page), layout.bleed, side)
    start = (f"q {_move(page, layout, side)} cm {clip.left:.6f} {clip.bottom:.6f} "
             f"{clip.width:.6f} {clip.height:.6f} re W n\n")
    own = [stream.clone(writer) for stream in _content_streams(page)]
    return [_stream(writer, start.encode("ascii")), *own, _stream(writer, b"\nQ\n")]


def _content_streams(page: PageObject) -> list[IndirectObject]:
    """The page's content streams as the reader holds them (a stream is always indirect)."""
    contents = page.raw_get("/Contents") if "/Contents" in page else ArrayObject()
    if isinstance(contents, IndirectObject) and isinstance(contents.get_object(), StreamObject):
        return [contents]
    return list(contents.get_object())


def _form(writer: PdfWriter, page: PageObject, layout: Layout, side: int) -> IndirectObject:
    """The page as a form XObject, clipped by its bounding box to trim and outer bleed."""
    content = StreamObject()
    content.set_data(b"\n".join(s.get_object().get_data() for s in _content_streams(page)))
    form = content.flate_encode()
    resources = page.get("/Resources", DictionaryObject())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): _clip(_trim_box(page), layout.bleed, side),
        NameObject("/Resources"): (resources.indirect_reference or resources).clone(writer),
    })
    return writer._add_object(form)


def _move(page: PageObject, layout: Layout, side: int) -> str:
    """The `cm` operands putting the page's trim on the left (0) or right (1) half."""
    trim = _trim_box(page)
    x = layout.margin + side * layout.trim_width - float(trim.left)
    y = layout.margin - float(trim.bottom)
    return f"1 0 0 1 {x:.6f} {y:.6f}"


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    """A small content stream of the sheet's own; pypdf offers no public way to add one."""
    stream = StreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _clip(trim: RectangleObject, bleed: float, side: int) -> RectangleObject:
    """The trim plus the bleed on every side but the spine."""
    left = float(trim.left) - (bleed if side == 0 else 0.0)
    right = float(trim.right) + (bleed if side == 1 else 0.0)
    return RectangleObject((left, float(trim.bottom) - bleed, right, float(trim.top) + bleed))


def _marks_content(layout: Layout) -> bytes:
    """PDF operators drawing the crop marks solid and the fold marks dashed, in black."""
    lines = ["q", f"{MARK_WIDTH:g} w", "0 G", "0 J", "[] 0 d"]
    lines += [_stroke(segment) for segment in crop_marks(layout)]
    lines.append(FOLD_DASH)
    lines += [_stroke(segment) for segment in fold_marks(layout)]
    lines.append("Q")
    return "\n".join(lines).encode("ascii")


def _stroke(segment: Segment) -> str:
    x1, y1, x2, y2 = (f"{v:.3f}" for v in segment)
    return f"{x1} {y1} m {x2} {y2} l S"


def _copy_metadata(reader: PdfReader, writer: PdfWriter) -> None:
    """Title, author, dates...: the imposed file is the same document, only laid out."""
    info = reader.metadata or {}
    writer.add_metadata({key: info[key] for key in METADATA_KEYS if key in info})


def _set_identity(writer: PdfWriter, data: bytes, marks: bool) -> None:
    """A file /ID derived from the input, so the same input gives the same bytes.

    pypdf has no public setter; `_ID` is what its own `clone_from` fills in.
    """
    digest = hashlib.sha256(data + (b"marks" if marks else b"")).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
