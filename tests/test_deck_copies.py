"""The deck's shortcuts past python-pptx's slow paths give what python-pptx gives.

Slides and notes pages are made by copying the first made from each layout, XPath
expressions are compiled once, and the package is zipped once (`deck.pptx_xml`): on the
bundled theme and on templates chapbook did not make (LibreOffice's every-idx-0 layouts
among them), the XML is python-pptx's own, byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import BUNDLED, SAMPLE
from foreign import make_templates
from lxml import etree

from chapbook.deck import compose_deck, split_for_theme
from chapbook.deck.pptx_xml import (
    NS,
    SlideCopier,
    drop_existing_slides,
    element,
    package_entries,
    remember_part_names,
    remember_slide_relationships,
)
from chapbook.deck.theme import open_theme
from chapbook.plan import plan_deck
from chapbook.read.parse import parse_lecture

THEME = BUNDLED / "deck" / "theme.pptx"


@pytest.fixture(scope="module")
def themes(tmp_path_factory) -> dict[str, Path]:
    return {"bundled": THEME, **make_templates(tmp_path_factory.mktemp("templates"))}


def _layouts(prs) -> list:
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def _entries(prs) -> dict[str, bytes]:
    """What `prs.save` writes, entry by entry."""
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        return {info.filename: saved.read(info) for info in saved.infolist()}


@pytest.mark.parametrize("which", ["bundled", "band", "named", "classic43"])
def test_copied_slides_are_python_pptxs(themes, which):
    """Three slides of every layout, each with a notes page, made both ways."""
    ours, _ = open_theme(themes[which])
    theirs, _ = open_theme(themes[which])
    for prs in (ours, theirs):
        drop_existing_slides(prs)
    remember_part_names(ours)
    remember_slide_relationships(ours)
    copier = SlideCopier(ours)
    made = 0
    for _ in range(3):
        for mine, python_pptx in zip(_layouts(ours), _layouts(theirs), strict=True):
            copier.notes_slide(copier.add_slide(mine)).notes_text_frame.text = "said"
            theirs.slides.add_slide(python_pptx).notes_slide.notes_text_frame.text = "said"
            made += 1
    assert len(ours.slides) == len(theirs.slides) == made > 3
    ids = [slide.slide_id for slide in ours.slides]
    assert ids == [slide.slide_id for slide in theirs.slides] and len(set(ids)) == made
    mine, python_pptx = _entries(ours), _entries(theirs)
    assert list(mine) == list(python_pptx)
    different = [name for name in mine if mine[name] != python_pptx[name]]
    assert not different, different[:5]
    assert sum(name.startswith("ppt/notesSlides/notesSlide") for name in mine) == made


def test_compiled_xpath_finds_what_lxml_finds(themes):
    """Every placeholder test python-pptx makes, on every shape of every layout and master."""
    prs, _ = open_theme(themes["band"])
    owners = [*prs.slide_masters, *_layouts(prs)]
    shapes = [shape for owner in owners for shape in owner.shapes]
    assert len(shapes) > 10
    placeholders = 0
    for shape in shapes:
        sp = element(shape)
        plain = etree.ElementBase.xpath(sp, "./*[1]/p:nvPr/p:ph", namespaces=NS)  # lxml's own
        assert sp.xpath("./*[1]/p:nvPr/p:ph") == plain
        assert (sp.ph is not None) == bool(plain) == shape.is_placeholder
        placeholders += bool(plain)
    assert 0 < placeholders < len(shapes)  # the decorations are no placeholders


def test_package_entries_are_what_save_writes():
    """The sample's deck (a chart and its workbook, pictures, notes) entry by entry."""
    plan = split_for_theme(plan_deck(parse_lecture(SAMPLE)), THEME)
    prs, _ = compose_deck(plan, THEME, SAMPLE)
    entries = package_entries(prs)
    saved = _entries(prs)
    assert [name for name, _ in entries] == list(saved)
    assert all(body == saved[name] for name, body in entries)
    assert any(name.endswith(".xlsx") for name in saved)
    assert sum(name.startswith("ppt/slides/slide") for name in saved) == len(prs.slides)


def test_a_theme_is_measured_once_per_version_of_its_file(tmp_path, monkeypatch):
    """The lectures of a course and the rebuilds under watch split their slides against
    one measurement of the theme; a theme saved anew is measured anew."""
    import os
    import shutil

    import chapbook.deck as deck

    opened = []
    monkeypatch.setattr(deck, "open_theme", lambda path: opened.append(path) or open_theme(path))
    theme = tmp_path / "theme.pptx"
    shutil.copyfile(THEME, theme)
    plan = plan_deck(parse_lecture(SAMPLE))
    first = split_for_theme(plan, theme)
    assert split_for_theme(plan, theme) == first
    assert len(opened) == 1
    split_for_theme(plan, theme, layouts={"content": "Title and Content"})  # another mapping
    assert len(opened) == 2
    later = os.stat(theme).st_mtime_ns + 10**9
    os.utime(theme, ns=(later, later))  # saved again
    assert split_for_theme(plan, theme) == first
    assert len(opened) == 3
