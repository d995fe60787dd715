"""A real client draws the deck: no character outside its shape, no body text below 14 pt.

Each case is built once and converted once by LibreOffice Impress; the PDF's characters
(pdfplumber) are then checked against the shapes python-pptx reads from the deck:

- every drawn character lies inside the box of the shape it belongs to (text frames,
  tables, charts; placeholders without a position of their own take the layout's).
  The client draws shape after shape, so the PDF's characters are matched in order
  against the shapes' texts; where that fails, any text shape's box will do;
- no character but the slide number's and footers' is smaller than 14 pt, so
  neither chapbook nor a client's shrink-on-overflow made body text unreadable;
- long lists and tables continue on "(cont.)" slides and every title is unique.

Cases: the sample lecture, `tests/fixtures/longdeck` (long list, long table, figures,
a 120-character title, Cyrillic) on the bundled 16:9 theme, and the same lecture on
python-pptx's plain 4:3 default template passed as a theme.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, SAMPLE, require_program
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from chapbook.build import build

pytestmark = pytest.mark.slow  # LibreOffice draws each deck

LONGDECK = FIXTURES / "longdeck"
CASES = {
    "sample": (SAMPLE, None),
    "longdeck": (LONGDECK, None),
    "longdeck-4x3": (LONGDECK, "Calibri"),  # on python-pptx's plain 4:3 default template
    "longdeck-arial": (LONGDECK, "Arial"),  # the same template with Arial as theme font
    "many": (FIXTURES / "many", None),  # 40 sections: dividers, long overview and key terms
}
EMU_PER_PT = 12700
TOLERANCE_PT = 2.0  # a glyph may poke this far past its box (font bbox, rounding)
MIN_BODY_PT = 14
SIZE_TOLERANCE_PT = 0.3
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
BULLET_GLYPHS = set("•◦▪▫‣⁃∙·●○■□–—-➢➤✓✔*>")
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
LONG_LIST_TITLE = "Building the network, line by line"
LONG_TABLE_CAPTION = "Main railway lines of the Russian Empire by year of opening"


@dataclass(frozen=True)
class Box:
    """A text-bearing shape's box in PDF points (y grows downwards, as in pdfplumber)."""

    name: str
    x0: float
    top: float
    x1: float
    bottom: float
    footer: bool  # slide number, date or footer placeholder
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
        return _title(self.slide)


@dataclass(frozen=True, repr=False)
class Rendered:
    case: str
    pptx: Path
    pdf: Path
    prs: object
    pages: list[Page]

    def __repr__(self) -> str:
        return f"<{self.case}: {self.pdf}>"


def _convert(deck: Path, outdir: Path) -> Path:
    soffice = require_program("soffice")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
         "--convert-to", "pdf", "--outdir", str(outdir), str(deck)],
        check=True, capture_output=True, timeout=300,
    )
    return outdir / (deck.stem + ".pdf")


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(request, tmp_path_factory) -> Rendered:
    require_program("soffice")
    case = request.param
    folder, plain_font = CASES[case]
    work = tmp_path_factory.mktemp(f"overflow-{case}")
    theme = None
    if plain_font:
        theme = work / "plain-4x3.pptx"
        _plain_theme(plain_font).save(theme)
    (deck,) = (b.path for b in build(folder, work / "out", ("pptx",), theme))
    pdf = _convert(deck, work)
    return read_rendered(case, deck, pdf)


def _plain_theme(font: str):
    """python-pptx's default 4:3 template, its theme fonts set to `font`."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    part = prs.slide_master.part.part_related_by(RT.THEME)
    part._blob = part.blob.replace(b'typeface="Calibri"', f'typeface="{font}"'.encode())
    return prs


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


def _title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def _is_footer(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in FOOTER_TYPES


def _has_table(shape) -> bool:
    return getattr(shape, "has_table", False) and shape.has_table


def _drawn_text(shape, number: int) -> str | None:
    """The characters a client draws for the shape, whitespace left out; None when
    they cannot be known (a chart's axis labels, text inside a picture)."""
    if not (shape.has_text_frame or _has_table(shape)):
        return None
    if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
        text = str(number)  # the field, whatever its cached text
    elif shape.has_text_frame:
        text = shape.text_frame.text
    else:
        text = "".join(c.text for row in shape.table.rows for c in row.cells)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _has_chart(shape) -> bool:
    return getattr(shape, "has_chart", False) and shape.has_chart


def _boxes(slide, number: int, scale: float) -> list[Box]:
    """Shapes that may draw characters (text frames, tables, charts, pictures), in
    drawing order; a placeholder's position is inherited when it has none of its own."""
    boxes = []
    for shape in slide.shapes:
        if not (shape.has_text_frame or _has_table(shape) or _has_chart(shape)
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
        if "".join(ch for ch, _ in expected[j:j + len(text)]) == text:
            owners.append(expected[j][1])
            j += len(text)
        elif j < len(expected) and all(ch in BULLET_GLYPHS for ch in text):
            owners.append(expected[j][1])  # a bullet belongs to the paragraph it starts
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


# -- the checks ------------------------------------------------------------------------


def test_one_pdf_page_per_slide(rendered):
    assert len(rendered.pages) == len(rendered.prs.slides)  # read_rendered checked the PDF


def test_placeholders_inherit_their_position(rendered):
    """python-pptx gives a placeholder without its own xfrm the layout's box."""
    for slide in rendered.prs.slides:
        layout_boxes = {ph.placeholder_format.idx: (ph.left, ph.top, ph.width, ph.height)
                        for ph in slide.slide_layout.placeholders}
        for ph in slide.placeholders:
            if ph._element.spPr.find(f"{{{A_NS}}}xfrm") is None:
                idx = ph.placeholder_format.idx
                assert (ph.left, ph.top, ph.width, ph.height) == layout_boxes[idx]


def test_no_character_outside_its_shape(rendered):
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
    unmatched = [page.number for page in rendered.pages if page.owners is None]
    note = f" (slides {unmatched} matched by position only)" if unmatched else ""
    assert not problems, f"{rendered.case}{note}:\n" + "\n".join(problems)
    assert len(unmatched) <= len(rendered.pages) // 4, \
        f"{rendered.case}: the PDF's text does not follow the shapes on slides {unmatched}"


def test_explicit_sizes_are_at_least_14pt(rendered):
    small = []
    for number, slide in enumerate(rendered.prs.slides, 1):
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if _has_table(shape):
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for para in frame.paragraphs:
                    for run in para.runs:
                        if run.font.size is not None and run.font.size < Pt(MIN_BODY_PT):
                            small.append(f"slide {number} {shape.name!r}: {run.text[:40]!r} "
                                         f"at {run.font.size.pt} pt")
    assert not small, f"{rendered.case}: " + "\n".join(small)


def test_rendered_body_text_is_at_least_14pt(rendered):
    """Measured in the PDF, so a client's shrink-on-overflow would show up here."""
    slide_w_pt = rendered.prs.slide_width / EMU_PER_PT
    small = []
    for page in rendered.pages:
        floor = MIN_BODY_PT * page.width / slide_w_pt - SIZE_TOLERANCE_PT
        runs: dict[float, list[str]] = {}
        for k, char in enumerate(page.chars):
            size = _font_size(char)
            if size is None or size >= floor:
                continue
            if page.owners is not None and page.owners[k].footer:
                continue
            if page.owners is None and any(b.footer and b.accepts(char) for b in page.boxes):
                continue
            runs.setdefault(round(size, 1), []).append(char["text"])
        small += [f"slide {page.number} {page.title[:50]!r}: {len(t)} chars at {size} pt "
                  f"(floor {floor:.1f}): {''.join(t)[:80]!r}" for size, t in runs.items()]
    assert not small, f"{rendered.case}: " + "\n".join(small)


def test_every_title_is_unique(rendered):
    titles = [_title(s) for s in rendered.prs.slides]
    assert all(titles), f"{rendered.case}: slides without a title: " + \
        ", ".join(str(n) for n, t in enumerate(titles, 1) if not t)
    repeated = sorted({t for t in titles if titles.count(t) > 1})
    assert not repeated, f"{rendered.case}: repeated titles {repeated}"


def _continued(prs, title: str) -> list:
    slides = [s for s in prs.slides if _title(s).startswith(title)]
    assert _title(slides[0]) == title
    assert len(slides) >= 2, f"{title!r} did not continue"
    total = len(slides)
    assert [_title(s) for s in slides[1:]] == [
        f"{title} (cont.)" if total == 2 else f"{title} (cont. {n}/{total})"
        for n in range(2, total + 1)
    ]
    return slides


LONG_CASES = pytest.mark.parametrize("rendered", ["longdeck", "longdeck-4x3", "longdeck-arial"],
                                     indirect=True)


@LONG_CASES
def test_long_list_continues(rendered):
    slides = _continued(rendered.prs, LONG_LIST_TITLE)
    shown = [p.text for s in slides for sh in s.placeholders
             if sh.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
             for p in sh.text_frame.paragraphs]
    source = (LONGDECK / "lecture.md").read_text(encoding="utf-8")
    block = source.split("::: slide\n", 1)[1].split(":::", 1)[0]
    expected = [line.strip()[2:].replace("'", "\u2019")  # typographic apostrophe
                for line in block.splitlines() if line.strip()]
    assert shown == expected  # every bullet, once, in order, sub-bullets with their bullet


@LONG_CASES
def test_long_table_continues(rendered):
    slides = _continued(rendered.prs, LONG_TABLE_CAPTION)
    rows = []
    for slide in slides:
        (frame,) = [sh for sh in slide.shapes if _has_table(sh)]
        cells = [[c.text for c in row.cells] for row in frame.table.rows]
        assert cells[0] == ["Line", "Opened", "Length (km)", "Remarks"]  # header repeated
        rows += cells[1:]
    assert len(rows) == 40
    assert rows[0][0] == "Tsarskoye Selo Railway" and rows[-1][0] == "Altai Railway"
