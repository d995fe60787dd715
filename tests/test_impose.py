"""Saddle-stitch imposition: the page order read back from the imposed PDF, sizes, bleed, marks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import weasyprint
from conftest import require_program
from pdftools import page_chunks
from PIL import Image
from pypdf import PdfReader, PdfWriter

from chapbook.booklet.impose import (
    MM,
    SLUG,
    Layout,
    crop_marks,
    fold_marks,
    impose_booklet,
    padded_count,
    plan_imposition,
    signature_order,
)
from chapbook.errors import RenderError

A5_WIDTH, A5_HEIGHT = 148 * MM, 210 * MM
BLEED = 3 * MM
TOLERANCE = 0.5  # pt
MARKER = re.compile(r"PAGE-(\d+)")
PLAIN = "@page { size: A5; margin: 20mm }"
BLED = "@page { size: A5; margin: 20mm; bleed: 3mm; marks: none; background: #dde }"
META = """<title>Belgium and the USSR</title>
<meta name="author" content="A. Lecturer"><meta name="description" content="Lecture notes">
<meta name="keywords" content="history, diplomacy"><meta name="generator" content="chapbook">
<meta name="dcterms.created" content="2024-03-01T10:00:00Z">"""


def make_pdf(path: Path, count: int, css: str = PLAIN, head: str = "") -> Path:
    """`count` pages, each showing only its marker in big type: PAGE-01, PAGE-02..."""
    pages = "".join(f'<p style="break-before: page">PAGE-{n:02d}</p>' for n in range(1, count + 1))
    html = f"<html><head>{head}<style>{css} p {{ font-size: 40pt; margin: 0 }}</style></head>" \
           f"<body>{pages}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return path


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("impose")
    return {n: make_pdf(folder / f"n{n}.pdf", n) for n in (1, 4, 5, 8, 13, 16)}


@pytest.fixture(scope="module")
def bled(tmp_path_factory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("bled") / "bled.pdf", 4, BLED, META)


def markers(path: Path, number: int, width: float) -> tuple[int | None, int | None]:
    """The page numbers shown on the left and the right half of output page `number`."""
    halves: list[list[int]] = [[], []]
    for chunk in page_chunks(path, number):
        for found in MARKER.findall(chunk.text):
            halves[chunk.x >= width / 2].append(int(found))
    assert all(len(half) <= 1 for half in halves), halves
    left, right = (half[0] if half else None for half in halves)
    return left, right


def size(path: Path, number: int = 1) -> tuple[float, float]:
    box = PdfReader(path).pages[number - 1].mediabox
    return float(box.width), float(box.height)


# ---- the plan -------------------------------------------------------------


def read_folded(order) -> list[int | None]:
    """The pages in reading order once the sheets are printed, stacked and folded.

    Duplex flipped on the short edge puts a back's left half behind its front's
    right half. Outermost sheet first, the reader meets each sheet's front right
    and back left; past the centre, each sheet's back right and front left,
    innermost sheet first.
    """
    sheets = [(order[i], order[i + 1]) for i in range(0, len(order), 2)]
    first = [page for front, back in sheets for page in (front[1], back[0])]
    second = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return first + second


def test_eight_pages_fold_into_two_sheets():
    assert signature_order(8) == ((8, 1), (2, 7), (6, 3), (4, 5))


def test_one_page_is_padded_to_a_sheet_with_blanks_at_the_end():
    assert signature_order(1) == ((None, 1), (None, None))
    plan = plan_imposition(1)
    assert (plan.pages, plan.blanks, plan.sheets) == (4, 3, 1)


def test_five_pages_take_two_sheets():
    assert signature_order(5) == ((None, 1), (2, None), (None, 3), (4, 5))
    assert plan_imposition(5).blanks == 3


def test_no_pages_no_sheets_and_negative_is_refused():
    assert signature_order(0) == ()
    with pytest.raises(ValueError):
        signature_order(-1)


@pytest.mark.parametrize("count", range(1, 41))
def test_every_page_once_and_pairs_fold_together(count: int):
    order = signature_order(count)
    total = padded_count(count)
    assert total % 4 == 0 and total - count < 4
    placed = [n for pair in order for n in pair if n is not None]
    assert sorted(placed) == list(range(1, count + 1))
    full = signature_order(total)  # the same order before blanks replace pages past the end
    for (left, right), (full_left, full_right) in zip(order, full, strict=True):
        assert full_left + full_right == total + 1  # facing pages of one fold
        assert (left, right) == tuple(n if n <= count else None for n in (full_left, full_right))
    assert read_folded(order) == [*range(1, count + 1), *[None] * (total - count)]


# ---- the imposed file ---------------------------------------------------


@pytest.mark.parametrize("count", [1, 4, 5, 8, 13, 16])
def test_imposed_pages_read_in_signature_order(sources, tmp_path, count: int):
    target = tmp_path / "imposed.pdf"
    plan = impose_booklet(sources[count], target)
    assert plan.order == signature_order(count)
    assert len(PdfReader(target).pages) == padded_count(count) // 2
    source_width, source_height = size(sources[count])
    seen = []
    for number in range(1, len(plan.order) + 1):
        width, height = size(target, number)
        assert width > height
        assert width == pytest.approx(2 * source_width, abs=TOLERANCE)
        assert height == pytest.approx(source_height, abs=TOLERANCE)
        seen.append(markers(target, number, width))
    assert seen == list(plan.order)
    assert read_folded(seen) == [*range(1, count + 1), *[None] * plan.blanks]


def test_right_page_starts_at_the_spine_without_margins(sources, tmp_path):
    target = tmp_path / "imposed.pdf"
    impose_booklet(sources[4], target)
    source_x = {c.text: c.x for c in page_chunks(sources[4], 1)}["PAGE-01"]
    width, _ = size(target)
    placed = {c.text: c.x for c in page_chunks(target, 1)}
    assert placed["PAGE-04"] == pytest.approx(source_x, abs=TOLERANCE)
    assert placed["PAGE-01"] == pytest.approx(width / 2 + source_x, abs=TOLERANCE)


def test_bleed_kept_outside_and_cut_at_the_spine(bled, tmp_path):
    target = tmp_path / "imposed.pdf"
    impose_booklet(bled, target)
    width, height = size(target)
    assert width == pytest.approx(2 * A5_WIDTH + 2 * BLEED, abs=1)
    assert height == pytest.approx(A5_HEIGHT + 2 * BLEED, abs=1)
    # The text sits where it sat on its trimmed page: trims meet at the middle.
    source_x = {c.text: c.x for c in page_chunks(bled, 1)}["PAGE-01"]
    placed = {c.text: c.x for c in page_chunks(target, 1)}
    assert placed["PAGE-04"] == pytest.approx(BLEED + source_x, abs=TOLERANCE)
    assert placed["PAGE-01"] == pytest.approx(width / 2 + source_x, abs=TOLERANCE)


def test_spine_cuts_the_inner_bleed_and_keeps_the_outer(tmp_path):
    """Even pages red, odd pages blue, bled: colours change exactly at the spine, and a
    blank half stays white (no bleed from the facing page creeps onto it)."""
    pdftoppm = require_program("pdftoppm")
    css = ("@page { size: A5; bleed: 3mm; marks: none } @page :left { background: #f00 }"
           " @page :right { background: #00f }")
    source = make_pdf(tmp_path / "colours.pdf", 5, css)
    target = tmp_path / "imposed.pdf"
    plan = impose_booklet(source, target)  # blank|1, 2|blank, blank|3, 4|5
    subprocess.run([pdftoppm, "-r", "72", "-png", str(target), str(tmp_path / "side")],
                   check=True)
    for (left, right), png in zip(plan.order, sorted(tmp_path.glob("side-*.png")), strict=True):
        with Image.open(png) as image:
            rgb = image.convert("RGB")
        spine, middle = rgb.width // 2, rgb.height // 2
        probes = {2: left, spine - 4: left, spine + 4: right, rgb.width - 3: right}
        seen = {x: colour(rgb.getpixel((x, middle))) for x in probes}
        assert seen == {x: page_colour(n) for x, n in probes.items()}, png.name


def page_colour(number: int | None) -> str:
    return "white" if number is None else "blue" if number % 2 else "red"


def colour(pixel: tuple[int, int, int]) -> str:
    names = {(255, 255, 255): "white", (255, 0, 0): "red", (0, 0, 255): "blue"}
    return names.get(pixel, f"other {pixel}")


def test_marks_add_a_slug_and_draw_strokes(bled, tmp_path):
    plain, marked = tmp_path / "plain.pdf", tmp_path / "marked.pdf"
    impose_booklet(bled, plain)
    impose_booklet(bled, marked, marks=True)
    (width, height), (marked_width, marked_height) = size(plain), size(marked)
    assert marked_width == pytest.approx(width + 2 * SLUG, abs=1)
    assert marked_height == pytest.approx(height + 2 * SLUG, abs=1)
    strokes = len(crop_marks_layout()) + 2
    for page_plain, page_marked in zip(PdfReader(plain).pages, PdfReader(marked).pages,
                                       strict=True):
        assert count_strokes(page_marked) == count_strokes(page_plain) + strokes
    assert markers(marked, 1, marked_width) == (4, 1)


def crop_marks_layout() -> tuple:
    return crop_marks(Layout(A5_WIDTH, A5_HEIGHT, BLEED, BLEED + SLUG))


def count_strokes(page) -> int:
    return sum(1 for _, operator in page.get_contents().operations if operator == b"S")


@pytest.mark.parametrize("bleed", [0.0, BLEED, 5 * MM])
def test_marks_lie_in_the_slug_clear_of_trim_and_bleed(bleed: float):
    layout = Layout(A5_WIDTH, A5_HEIGHT, bleed, bleed + SLUG)
    left, bottom = layout.margin - bleed, layout.margin - bleed
    right, top = layout.width - left, layout.height - bottom
    marks = crop_marks(layout) + fold_marks(layout)
    assert len(marks) == 10
    for x1, y1, x2, y2 in marks:
        assert x1 == x2 or y1 == y2  # straight along a trim line or the spine
        for x, y in ((x1, y1), (x2, y2)):
            assert 0 < x < layout.width and 0 < y < layout.height
            assert not (left < x < right and bottom < y < top)  # never over trim or bleed
    spine = [m for m in marks if m[0] == m[2] == pytest.approx(layout.spine)]
    assert len(spine) == 2


def test_metadata_copied(tmp_path):
    source = make_pdf(tmp_path / "meta.pdf", 3, head=META)
    target = tmp_path / "imposed.pdf"
    impose_booklet(source, target)
    before, after = PdfReader(source).metadata, PdfReader(target).metadata
    keys = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer",
            "/CreationDate")
    assert all(key in before for key in keys), before
    assert {k: after.get(k) for k in keys} == {k: before[k] for k in keys}


def test_two_runs_give_the_same_bytes(bled, tmp_path):
    for marks in (False, True):
        first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
        impose_booklet(bled, first, marks=marks)
        impose_booklet(bled, second, marks=marks)
        assert first.read_bytes() == second.read_bytes()
        assert PdfReader(first).trailer["/ID"][0]  # a file identifier, derived not random


def test_pages_of_different_sizes_are_refused(tmp_path):
    css = "@page { size: A5 } @page wide { size: A4 } .wide { page: wide }"
    html = f"<style>{css}</style><p>PAGE-01</p><p class=wide>PAGE-02</p>"
    source = tmp_path / "mixed.pdf"
    weasyprint.HTML(string=html).write_pdf(source)
    with pytest.raises(RenderError, match="one page size"):
        impose_booklet(source, tmp_path / "imposed.pdf")


def test_an_empty_pdf_is_refused(tmp_path):
    source = tmp_path / "empty.pdf"
    PdfWriter().write(source)
    with pytest.raises(RenderError, match="no pages"):
        impose_booklet(source, tmp_path / "imposed.pdf")


def test_content_streams_are_carried_over_byte_for_byte(sources, tmp_path):
    """Nothing re-parses a page: its compressed content stream is on the sheet as it was."""
    target = tmp_path / "imposed.pdf"
    impose_booklet(sources[4], target)
    source = PdfReader(sources[4]).pages[0]["/Contents"].get_object()
    sheet = PdfReader(target).pages[0]  # page 4 | page 1
    carried = [stream.get_object() for stream in sheet["/Contents"]]
    assert any(stream._data == source._data and stream.get("/Filter") == source.get("/Filter")
               for stream in carried)


def test_pages_with_resources_of_their_own_are_placed_as_forms(tmp_path):
    """Pages from different files do not share resources; each still shows on its half."""
    pdftoppm = require_program("pdftoppm")
    red = make_pdf(tmp_path / "red.pdf", 1, "@page { size: A5; background: #f00 }")
    blue = make_pdf(tmp_path / "blue.pdf", 1, "@page { size: A5; background: #00f }")
    source = tmp_path / "mixed.pdf"
    writer = PdfWriter()
    for path in (red, blue, red, blue):
        writer.append(path)
    writer.write(source)
    target = tmp_path / "imposed.pdf"
    plan = impose_booklet(source, target)  # 4|1, 2|3
    shown = {1: "red", 2: "blue", 3: "red", 4: "blue"}
    assert "/XObject" in PdfReader(target).pages[0]["/Resources"]
    subprocess.run([pdftoppm, "-r", "36", "-png", str(target), str(tmp_path / "side")], check=True)
    for (left, right), png in zip(plan.order, sorted(tmp_path.glob("side-*.png")), strict=True):
        with Image.open(png) as image:
            rgb = image.convert("RGB")
        middle = rgb.height // 2
        seen = [colour(rgb.getpixel((x, middle))) for x in (rgb.width // 4, 3 * rgb.width // 4)]
        assert seen == [shown[left], shown[right]], png.name
