"""A deck drawn by a real client (LibreOffice) and read back: each slide's shapes, as
python-pptx reads them, beside the characters the client drew, and the checks on them
that several tests share (no character outside its shape, no body text below 14 pt).

Each character is matched to the shape that drew it: the client draws shape after
shape, so the PDF's characters are matched in order against the shapes' texts; where
that fails, any text shape's box will do.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from conftest import require_program
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0  # a glyph may poke this far past its box (font bbox, rounding)
MIN_BODY_PT = 14
SIZE_TOLERANCE_PT = 0.3
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
BULLET_GLYPHS = set("•◦▪▫‣⁃∙·●○■□–—-➢➤✓✔*>")


@dataclass(frozen=True)
class Box:
    """A text-bearing shape's box in PDF points (y grows downwards, as in pdfplumber)."""

    name: str
    x0: float
    top: float
    x1: float
    bottom: float
    footer: bool  # slide number, date or footer placeholder, or text the template draws
    text: str | None  # what it draws, whitespace aside; None for charts and pictures

    def sides(self, char: dict) -> dict[str, float]:
        """How far (pt) the character sticks out past each side of the box."""
        return {"left": self.x0 - char["x0"], "right": char["x1"] - self.x1,
                "above": self.top - char["top"], "below": char["bottom"] - self.bottom}

    def overshoot(self, char: dict) -> float:
        """How far (pt) the character sticks out of this box; 0 or less when inside."""
        return max(self.sides(char).values())

    def holds(self, char: dict) -> bool:
        return self.overshoot(char) <= TOLERANCE_PT

    def accepts(self, char: dict) -> bool:
        """Without knowing the owner: footers hold only their own characters."""
        if self.footer and not (char["text"].isdigit() or char["text"] in (self.text or "")):
            return False
        return self.holds(char)


@dataclass(frozen=True)
class Page:
    """One slide as python-pptx reads it and as LibreOffice drew it."""

    number: int
    slide: object
    width: float  # PDF points
    boxes: list[Box]
    chars: list[dict]  # visible characters, in drawing order
    owners: list[Box] | None  # the shape of each character; None: could not be told

    @property
    def title(self) -> str:
        return title_of(self.slide)


@dataclass(frozen=True, repr=False)
class Rendered:
    case: str
    pptx: Path
    pdf: Path
    prs: object
    pages: list[Page]

    def __repr__(self) -> str:
        return f"<{self.case}: {self.pdf}>"


def convert(deck: Path, outdir: Path) -> Path:
    soffice = require_program("soffice")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
         "--convert-to", "pdf", "--outdir", str(outdir), str(deck)],
        check=True, capture_output=True, timeout=300,
    )
    return outdir / (deck.stem + ".pdf")


def read_rendered(case: str, deck: Path, pdf: Path) -> Rendered:
    prs = Presentation(deck)
    pages = []
    with pdfplumber.open(pdf) as doc:
        count = len(doc.pages)
        assert count == len(prs.slides), f"{case}: {count} PDF pages, {len(prs.slides)} slides"
        for number, (slide, page) in enumerate(zip(prs.slides, doc.pages, strict=True), 1):
            width = float(page.width)
            boxes = _boxes(slide, number, width / prs.slide_width)
            chars = [dict(c) for c in page.chars if c["text"].strip()]
            pages.append(Page(number, slide, width, boxes, chars, _owners(boxes, chars)))
    return Rendered(case, deck, pdf, prs, pages)


def title_of(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def _is_footer(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in FOOTER_TYPES


def has_table(shape) -> bool:
    return getattr(shape, "has_table", False) and shape.has_table


def _drawn_text(shape, number: int) -> str | None:
    """The characters a client draws for the shape, whitespace left out; None when
    they cannot be known (a chart's axis labels, text inside a picture)."""
    if not (shape.has_text_frame or has_table(shape)):
        return None
    if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
        text = str(number)  # the field, whatever its cached text
    elif shape.has_text_frame:
        text = "".join(_numbered(shape.text_frame))
    else:
        text = "".join(c.text for row in shape.table.rows for c in row.cells)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _numbered(frame):
    """Each paragraph's text, after the number a client draws for an automatic list."""
    previous = None
    for para in frame.paragraphs:
        numbers = para._p.xpath("./a:pPr/a:buAutoNum")
        if numbers:
            level = para.level
            if previous is None or previous[0] != level:
                previous = (level, int(numbers[0].get("startAt", "1")))
            else:
                previous = (level, previous[1] + 1)
            yield f"{previous[1]}."
        else:
            previous = None
        yield para.text


def _has_chart(shape) -> bool:
    return getattr(shape, "has_chart", False) and shape.has_chart


def _boxes(slide, number: int, scale: float) -> list[Box]:
    """Shapes that may draw characters (text frames, tables, charts, pictures), in
    drawing order; a placeholder's position is inherited when it has none of its own."""
    boxes = _template_text(slide, scale)
    for shape in slide.shapes:
        if not (shape.has_text_frame or has_table(shape) or _has_chart(shape)
                or shape.shape_type == MSO_SHAPE_TYPE.PICTURE):
            continue
        if None in (shape.left, shape.top, shape.width, shape.height):
            raise AssertionError(f"shape {shape.name!r} has no position, not even inherited")
        boxes.append(Box(
            shape.name,
            shape.left * scale, shape.top * scale,
            (shape.left + shape.width) * scale, (shape.top + shape.height) * scale,
            _is_footer(shape), _drawn_text(shape, number),
        ))
    return boxes


def _list_mark(char: str) -> bool:
    """A bullet a client draws before a paragraph (a symbol font's is in the private use
    area); automatic numbers are part of the text a shape draws (`_drawn_text`)."""
    return char in BULLET_GLYPHS or unicodedata.category(char) == "Co"


def _template_text(slide, scale: float) -> list[Box]:
    """Text the template draws itself on every slide (a logo's letter): the layout's shapes
    and, unless the layout hides them, its master's; counted like footers."""
    layout = slide.slide_layout
    owners = [layout]
    if layout.element.get("showMasterSp", "1") not in ("0", "false"):
        owners.insert(0, layout.slide_master)
    return [Box(shape.name, shape.left * scale, shape.top * scale,
                (shape.left + shape.width) * scale, (shape.top + shape.height) * scale, True,
                "".join(shape.text_frame.text.split()))
            for owner in owners for shape in owner.shapes
            if not shape.is_placeholder and shape.has_text_frame and shape.text_frame.text.strip()]


def _owners(boxes: list[Box], chars: list[dict]) -> list[Box] | None:
    """The shape each visible character belongs to, or None when that cannot be told.

    A client draws shape after shape in tree order, so the PDF's characters are the
    shapes' texts one after another, plus bullet glyphs (and ligatures as one char).
    Slide numbers and footers may come first (LibreOffice can draw them with the
    master), and a chart's or picture's characters are known only by where they are.
    """
    expected = [(ch, box) for box in boxes if not box.footer for ch in box.text or ""]
    footers = {box.name: [box, box.text or ""] for box in boxes if box.footer}
    opaque = [box for box in boxes if box.text is None]
    owners: list[Box] = []
    j = 0
    for char in chars:
        text = "".join(ch for ch in unicodedata.normalize("NFKC", char["text"])
                       if not ch.isspace())
        footer = next((f for f in footers.values() if f[1].startswith(text)), None)
        in_order = "".join(ch for ch, _ in expected[j:j + len(text)]) == text
        if in_order and footer is not None and footer[0].holds(char) \
                and not expected[j][1].holds(char):
            in_order = False  # a footer's (or logo's) character that the text starts with too
        if in_order:
            owners.append(expected[j][1])
            j += len(text)
        elif j < len(expected) and all(_list_mark(ch) for ch in text):
            owners.append(expected[j][1])  # a bullet or number belongs to its paragraph
        elif footer is not None:
            owners.append(footer[0])
            footer[1] = footer[1][len(text):]
        elif holder := next((box for box in opaque if box.holds(char)), None):
            owners.append(holder)  # a chart's labels, in the chart
        else:
            return None
    done = j == len(expected) and not any(rest for _, rest in footers.values())
    return owners if done else None


def _describe(page: Page, box: Box | None, chars: list[dict]) -> str:
    text = "".join(c["text"] for c in chars)
    if box is None:
        where = "no text shape near"
    else:
        worst: dict[str, float] = {}
        for char in chars:
            for side, amount in box.sides(char).items():
                if amount > TOLERANCE_PT:
                    worst[side] = max(worst.get(side, 0.0), amount)
        out = ", ".join(f"{amount:.1f} pt {side}" for side, amount in sorted(worst.items()))
        where = (f"{'nearest' if page.owners is None else 'its'} shape {box.name!r} "
                 f"[x {box.x0:.1f}..{box.x1:.1f}, y {box.top:.1f}..{box.bottom:.1f}]: out by {out}")
    return (f"slide {page.number} {page.title[:60]!r}: {len(chars)} chars outside {where}: "
            f"{text[:100]!r}")


def _font_size(char: dict) -> float | None:
    """The character's font size in PDF points; pdfplumber's `size` is the box height,
    which for text turned upright (a chart's labels) is the advance width instead."""
    a, b, c, d, _, _ = char["matrix"]
    if abs(b) < 1e-6 and abs(c) < 1e-6:
        return char["size"]
    if abs(a) < 1e-6 and abs(d) < 1e-6:  # turned by 90 degrees
        return char["x1"] - char["x0"]
    return None  # at another angle: not measured


def render(case: str, deck: Path, outdir: Path) -> Rendered:
    """The deck converted to PDF by LibreOffice and read back."""
    return read_rendered(case, deck, convert(deck, outdir))


def characters_outside(rendered: Rendered) -> tuple[list[str], list[int]]:
    """Descriptions of characters drawn outside their shape, and the slides whose
    characters could be matched by position only."""
    problems = []
    for page in rendered.pages:
        outside: dict[str | None, tuple[Box | None, list[dict]]] = {}
        for k, char in enumerate(page.chars):
            if page.owners is not None:
                box = page.owners[k]
                if box.holds(char):
                    continue
            elif any(box.accepts(char) for box in page.boxes):
                continue
            else:
                box = min(page.boxes, key=lambda b: b.overshoot(char), default=None)
            outside.setdefault(box.name if box else None, (box, []))[1].append(char)
        problems += [_describe(page, box, found) for box, found in outside.values()]
    return problems, [page.number for page in rendered.pages if page.owners is None]


def small_explicit_sizes(rendered: Rendered) -> list[str]:
    """Runs given a size below 14 pt, named by slide and shape."""
    small = []
    for number, slide in enumerate(rendered.prs.slides, 1):
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if has_table(shape):
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for para in frame.paragraphs:
                    for run in para.runs:
                        if run.font.size is not None and run.font.size < Pt(MIN_BODY_PT):
                            small.append(f"slide {number} {shape.name!r}: {run.text[:40]!r} "
                                         f"at {run.font.size.pt} pt")
    return small


def small_rendered_text(rendered: Rendered) -> list[str]:
    """Characters drawn below 14 pt (footers aside), measured in the PDF, so a client's
    shrink-on-overflow shows up too."""
    slide_w_pt = rendered.prs.slide_width / EMU_PER_PT
    small = []
    for page in rendered.pages:
        floor = MIN_BODY_PT * page.width / slide_w_pt - SIZE_TOLERANCE_PT
        runs: dict[float, list[str]] = {}
        for k, char in enumerate(page.chars):
            size = _font_size(char)
            if size is None or size >= floor or _list_mark(char["text"][:1]):
                continue  # a bullet's size is the template's design, not text to read
            if page.owners is not None and page.owners[k].footer:
                continue
            if page.owners is None and any(b.footer and b.accepts(char) for b in page.boxes):
                continue
            runs.setdefault(round(size, 1), []).append(char["text"])
        small += [f"slide {page.number} {page.title[:50]!r}: {len(t)} chars at {size} pt "
                  f"(floor {floor:.1f}): {''.join(t)[:80]!r}" for size, t in runs.items()]
    return small


def convert_all(decks: list[Path], outdir: Path) -> dict[Path, Path]:
    """Several decks converted to PDF by one LibreOffice run: deck -> its PDF."""
    soffice = require_program("soffice")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)],
        check=True, capture_output=True, timeout=600,
    )
    return {deck: outdir / (deck.stem + ".pdf") for deck in decks}
