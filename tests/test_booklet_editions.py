"""Booklet features beyond the text: tags, bookmarks, metadata, paper, editions, reproducibility."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE, require_program
from pdftools import page_texts, squash
from PIL import Image
from pypdf import PdfReader

from chapbook.build import build
from chapbook.cli import main
from chapbook.settings import Choices

pytestmark = pytest.mark.slow  # builds booklets and editions

MM = 72 / 25.4


def _struct_kinds(reader: PdfReader) -> tuple[dict[str, int], list[str]]:
    kinds: dict[str, int] = {}
    alts: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        kind = node.get("/S")
        if kind:
            kinds[str(kind)] = kinds.get(str(kind), 0) + 1
            if kind == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        if kids is not None:
            walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return kinds, alts


def test_tagged_with_language_title_and_alt_text(built, lectures):
    reader = PdfReader(built["sample"]["pdf"])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    kinds, alts = _struct_kinds(reader)
    assert kinds.get("/H2", 0) >= len(lectures["sample"].sections)
    assert kinds.get("/Table") == len(lectures["sample"].tables)
    pictures = [b for b in lectures["sample"].all_blocks() if b.kind in ("figure", "chart")]
    assert pictures
    assert alts == [b.alt for b in pictures]


def test_bookmarks_for_every_section_and_subsection(built, lectures):
    outline = PdfReader(built["sample"]["pdf"]).outline
    titles: list[str] = []

    def flatten(items) -> None:
        for item in items:
            if isinstance(item, list):
                flatten(item)
            else:
                titles.append(item.title)

    flatten(outline)
    for section in lectures["sample"].sections:
        assert f"{section.number} {section.title}" in titles
        for heading in section.subheadings:
            assert heading.text in titles


def test_metadata_subject_and_keywords(built, lectures):
    meta = PdfReader(built["sample"]["pdf"]).metadata
    lecture = lectures["sample"]
    assert meta.subject == lecture.meta.subtitle
    for term in lecture.key_terms:
        assert term.term in meta["/Keywords"]


@pytest.mark.parametrize(("paper", "size_mm"), [
    ("a4", (210, 297)), ("letter", (215.9, 279.4)), ("half-letter", (139.7, 215.9)),
])
def test_paper_from_the_command_line(tmp_path, paper, size_mm):
    assert main(["build", str(FIXTURES / "minimal"), "--out", str(tmp_path), "--format", "pdf",
                 "--paper", paper, "-q"]) == 0
    box = PdfReader(tmp_path / "minimal.pdf").pages[0].mediabox
    assert abs(float(box.width) - size_mm[0] * MM) < 1
    assert abs(float(box.height) - size_mm[1] * MM) < 1


def test_paper_and_bleed_from_front_matter(tmp_path):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    source = folder / "lecture.md"
    source.write_text(source.read_text().replace("---\n\n", "paper: a4\nbleed: 3mm\n---\n\n", 1))
    build(folder, tmp_path / "out", ("pdf",))
    page = PdfReader(tmp_path / "out" / "talk.pdf").pages[0]
    assert abs(float(page.trimbox.width) - 210 * MM) < 1
    assert abs(float(page.bleedbox.width) - 216 * MM) < 1


def test_crop_marks_on_the_booklet_but_not_under_the_sheets_own(tmp_path):
    """One layout, written twice: with bleed the booklet's pages carry crop marks, the
    print file's pages none (its sheets carry their own, further out)."""
    pdftoppm = require_program("pdftoppm")
    built = build(FIXTURES / "minimal", tmp_path, ("pdf", "print"), choices=Choices(bleed=3.0))
    booklet, imposed = (b.path for b in built)
    dpi = 100
    px = dpi / 25.4  # pixels per mm
    for path, corner in ((booklet, (3 + 148, 3)), (imposed, (13 + 2 * 148, 13))):
        png = tmp_path / f"{path.stem}.png"
        subprocess.run([pdftoppm, "-r", str(dpi), "-png", "-singlefile", str(path),
                        str(png.with_suffix(""))], check=True)
        with Image.open(png) as image:
            grey = image.convert("L")
        x, y = corner  # the cover's top right trim corner, in mm from the top left
        # The bleed beyond that corner, with the trim line, along which marks are drawn
        bleed = grey.crop((round(x * px) + 2, round((y - 3) * px), round((x + 3) * px),
                           round(y * px) + 2))
        darkest = bleed.getextrema()[0]
        assert (darkest < 100) == (path == booklet), (path.name, darkest)


def test_unknown_paper_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(FIXTURES / "minimal"), "--out", str(tmp_path),
                 "--paper", "b5"]) == 2
    assert "unknown paper" in capsys.readouterr().err


def test_lecturers_edition_carries_every_slide_and_its_notes(tmp_path, lectures):
    built = build(SAMPLE, tmp_path, ("lecturer",))
    assert built[0].path.name == "belgium-ussr-1935-lecturer.pdf"
    text = squash(" ".join(page_texts(built[0].path)))
    assert squash("Lecturer’s edition") in text
    for section in lectures["sample"].sections:
        for slide in section.slides:
            assert squash(slide.title) in text
            for note in slide.notes:
                assert squash(note.text) in text


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    first = build(FIXTURES / "full", tmp_path / "a", ("pdf", "pptx", "print"))
    second = build(FIXTURES / "full", tmp_path / "b", ("pdf", "pptx", "print"))
    for one, two in zip(first, second, strict=True):
        assert Path(one.path).read_bytes() == Path(two.path).read_bytes(), one.path.name
