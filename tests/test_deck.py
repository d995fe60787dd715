"""The deck read back with python-pptx: slides, titles, notes, pictures, tables, geometry."""

from __future__ import annotations

import time
import zipfile

import pytest
from conftest import FIXTURES
from lectures import make_image, write_lecture
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from chapbook.blocks import Figure, Table
from chapbook.build import build

pytestmark = pytest.mark.slow  # builds decks


def _titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def test_is_16_9(built, name):
    prs = Presentation(built[name]["pptx"])
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)


def test_title_slide_then_slides_for_every_section(built, lectures, name):
    prs = Presentation(built[name]["pptx"])
    lecture = lectures[name]
    titles = _titles(prs)
    assert titles[0] == lecture.meta.title
    assert prs.slides[0].slide_layout.name == "Title Slide"
    for section in lecture.sections:
        # A section is shown by its slide blocks, by a slide of its own or, when it holds
        # only figures, tables and callouts, by their slides.
        expected = [s.title for s in section.slides] or [section.title]
        visuals = [getattr(b, "caption_text", "") or getattr(b, "title", "")
                   for b in section.blocks if b.kind in ("figure", "table", "callout")]
        for title in expected:
            assert any(t.startswith(title) for t in titles) or any(
                v and v in titles for v in visuals), title


def test_slide_blocks_are_shown(built, lectures):
    prs = Presentation(built["sample"]["pptx"])
    text = " ".join(
        shape.text_frame.text for slide in prs.slides for shape in slide.shapes
        if shape.has_text_frame
    )
    for section in lectures["sample"].sections:
        for slide in section.slides:
            for block in slide.blocks:
                for item in getattr(block, "items", ()):
                    assert " ".join(item.text.split()) in " ".join(text.split())


def test_every_content_slide_has_notes(built, name):
    prs = Presentation(built[name]["pptx"])
    for number, slide in enumerate(prs.slides, 1):
        if slide.slide_layout.name in ("Title Slide", "Section Header"):
            continue
        assert slide.has_notes_slide, number
        assert slide.notes_slide.notes_text_frame.text.strip(), number


def test_notes_come_from_the_notes_block(built, lectures):
    prs = Presentation(built["sample"]["pptx"])
    notes: dict[str, str] = {}
    for s in prs.slides:
        if s.has_notes_slide and s.shapes.title is not None:
            notes.setdefault(s.shapes.title.text, s.notes_slide.notes_text_frame.text)
    for section in lectures["sample"].sections:
        for slide in section.slides:
            assert slide.notes, f"sample section {section.title!r} has no notes block"
            assert slide.notes[0].text in notes[slide.title]


def test_pictures_carry_alt_text(built, lectures, name):
    prs = Presentation(built[name]["pptx"])
    pictures = [sh for s in prs.slides for sh in s.shapes
                if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    figures = [b for b in lectures[name].all_blocks() if isinstance(b, Figure)]
    assert len(pictures) == len(figures)
    alts = sorted(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)
    assert alts == sorted(f.alt for f in figures)


def test_tables_are_native(built, lectures, name):
    prs = Presentation(built[name]["pptx"])
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    expected = [b for b in lectures[name].all_blocks() if isinstance(b, Table)]
    assert len(tables) >= len(expected)
    for table, block in zip(tables, expected, strict=False):
        assert [c.text for c in table.rows[0].cells] == [c.text for c in block.header]
        cells = {c.text for row in table.rows for c in row.cells}
        assert {c.text for row in block.rows for c in row} <= cells


def test_key_terms_and_further_reading(built, lectures):
    prs = Presentation(built["sample"]["pptx"])
    lecture = lectures["sample"]
    by_title = {s.shapes.title.text: s for s in prs.slides if s.shapes.title is not None}
    terms = " ".join(sh.text_frame.text for sh in by_title["Key terms"].shapes
                     if sh.has_text_frame)
    for term in lecture.key_terms:
        assert term.term in terms
    reading = " ".join(sh.text_frame.text for sh in by_title["Further reading"].shapes
                       if sh.has_text_frame)
    for source in lecture.meta.sources:
        assert source.title in reading


def test_no_shape_outside_its_slide(built, name):
    prs = Presentation(built[name]["pptx"])
    width, height = prs.slide_width, prs.slide_height
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.width, shape.height)
            if None in box:  # inherits its position from the layout
                continue
            left, top, w, h = (Emu(v) for v in box)
            assert left >= 0 and top >= 0, (number, shape.name)
            assert left + w <= width and top + h <= height, (number, shape.name)


def test_body_text_never_below_14pt(built, name):
    prs = Presentation(built[name]["pptx"])
    sizes = []
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                sizes.extend(r.font.size.pt for p in frame.paragraphs for r in p.runs
                             if r.font.size is not None)
    assert sizes
    assert min(sizes) >= 14


def test_every_slide_but_the_title_slide_is_numbered(built, name):
    prs = Presentation(built[name]["pptx"])
    for number, slide in enumerate(prs.slides, 1):
        kinds = [ph.placeholder_format.type for ph in slide.placeholders]
        field = slide.shapes._spTree.xpath('.//a:fld[@type="slidenum"]')
        if number == 1:
            assert PP_PLACEHOLDER.SLIDE_NUMBER not in kinds and not field
            continue
        assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds, number
        assert field, number


def test_long_list_continues_on_a_second_slide(built):
    titles = _titles(Presentation(built["full"]["pptx"]))
    assert "Een lange opsomming" in titles
    assert "Een lange opsomming (vervolg)" in titles


def test_shape_ids_are_unique_and_the_zip_is_sound(built, name):
    path = built[name]["pptx"]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    prs = Presentation(path)
    for slide in prs.slides:
        ids = slide.shapes._spTree.xpath(".//p:cNvPr/@id")
        assert len(ids) == len(set(ids))


def test_core_properties(built, lectures, name):
    props = Presentation(built[name]["pptx"]).core_properties
    assert props.title == lectures[name].meta.title
    assert props.language == lectures[name].meta.lang


def test_titles_are_unique_and_read_first(built, name):
    prs = Presentation(built[name]["pptx"])
    titles = _titles(prs)
    assert len(titles) == len(set(titles))
    for number, slide in enumerate(prs.slides, 1):
        first = slide.shapes[0]
        assert first.is_placeholder and first == slide.shapes.title, number


def test_two_builds_of_the_deck_are_identical(tmp_path, monkeypatch):
    from conftest import FIXTURES, SAMPLE

    from chapbook.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for folder in (FIXTURES / "full", SAMPLE):  # the sample's chart embeds a workbook
        one = build(folder, tmp_path / "a", ("pptx",))[0].path
        first = one.read_bytes()
        time.sleep(1.1)  # a wall-clock date anywhere would now differ
        assert build(folder, tmp_path / "b", ("pptx",))[0].path.read_bytes() == first
        assert Presentation(one).core_properties.created.year == 2023


def test_the_deck_closes_with_thanks_and_questions(built, lectures):
    from chapbook.text.labels import labels_for

    for name in ("sample", "full"):
        prs = Presentation(built[name]["pptx"])
        last = prs.slides[len(prs.slides) - 1]
        labels = labels_for(lectures[name].meta.lang)
        assert last.shapes.title.text == labels["thanks"]
        shown = " ".join(sh.text_frame.text for sh in last.placeholders)
        assert labels["closing_questions"] in shown
        assert last.slide_layout.name == "Section Header"


def test_a_callout_is_a_box_in_its_kinds_colour(built):
    prs = Presentation(built["sample"]["pptx"])
    (slide,) = [s for s in prs.slides if s.shapes.title.text.startswith("Fun fact")]
    (box,) = [sh for sh in slide.shapes if sh.name.startswith("Callout: ")]
    assert box.name == "Callout: note"
    assert box.text_frame.paragraphs[0].text == "Note"
    assert "among the last" in box.text_frame.text
    fill = box._element.xpath("./p:spPr/a:solidFill/a:schemeClr/@val")
    assert fill == ["accent2"]  # a note: the second accent, tinted
    area = slide.slide_layout.placeholders[1]  # the content layout's body
    assert box.left >= area.left and box.left + box.width <= area.left + area.width
    assert box.top >= area.top and box.top + box.height <= area.top + area.height


def test_short_lists_are_set_large_and_centred(built):
    prs = Presentation(built["sample"]["pptx"])
    (slide,) = [s for s in prs.slides if s.shapes.title.text == "The van Zeeland government"]
    (body,) = [sh for sh in slide.placeholders if sh.placeholder_format.idx == 1]
    sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
    assert sizes == {28}  # four short bullets: above the theme's 24 pt
    assert body.text_frame._bodyPr.get("anchor") == "ctr"
    spaces = body._element.xpath(".//a:pPr/a:spcBef/a:spcPts/@val")
    assert len(spaces) == 4 and min(int(v) for v in spaces) > 28 * 35  # spaced out


def test_quote_slides_use_the_quote_layout_with_the_source_apart(tmp_path):
    from conftest import FIXTURES

    from chapbook.build import build

    (deck,) = (b.path for b in build(FIXTURES / "slidekinds", tmp_path, ("pptx",)))
    prs = Presentation(deck)
    (slide,) = [s for s in prs.slides if s.slide_layout.name == "Quote"]
    (body,) = [sh for sh in slide.placeholders if sh.placeholder_format.idx == 1]
    quote, source = body.text_frame.paragraphs
    assert all(r.font.italic for r in quote.runs) and quote.runs[0].font.size.pt >= 28
    assert source.text == "— a saying of the railway age"
    assert not any(r.font.italic for r in source.runs)
    assert source._p.pPr.get("algn") == "r"
    assert source.runs[0].font.size < quote.runs[0].font.size


RUNS = """\
    ---
    title: Runs
    ---

    ## Styles

    ::: slide
    - See [the archive](https://example.org/archive) for `print()` calls.
    - First paragraph of an item.

      Second paragraph of the same item.

    ```python
    x = 1  # one
    ```
    :::
    """


def test_slide_runs_keep_links_code_and_paragraph_breaks(tmp_path):
    folder = write_lecture(tmp_path, RUNS)
    (deck,) = [b.path for b in build(folder, tmp_path / "out", ("pptx",))]
    runs = [r for slide in Presentation(deck).slides for shape in slide.shapes
            if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    by_text = {r.text: r for r in runs}
    assert by_text["the archive"].hyperlink.address == "https://example.org/archive"
    assert by_text["print()"].font.name == "Courier New"
    assert all(r.font.name == "Courier New" for r in runs if "x = 1" in r.text or "one" in r.text)
    text = "\n".join(shape.text_frame.text for slide in Presentation(deck).slides
                     for shape in slide.shapes if shape.has_text_frame)
    assert "_x000B_" not in text
    assert "First paragraph of an item.\vSecond paragraph" in text


def test_a_figure_without_alt_text_still_builds(tmp_path):
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n\n## S\n\n"
                                     "![](figures/a.png \"A caption\")\n")
    make_image(folder / "figures" / "a.png")
    assert len(build(folder, tmp_path / "out", ("pdf", "pptx"))) == 2


def test_many_sections_get_unique_titles_and_no_dividers_without_subsections(tmp_path):
    """Forty one-slide sections: a divider before each would double the deck."""
    (deck,) = (b.path for b in build(FIXTURES / "many", tmp_path, ("pptx",)))
    titles = [s.shapes.title.text for s in Presentation(deck).slides]
    assert len(titles) == len(set(titles))
    assert "Section number 1" in titles and "1. Section number 1" not in titles
    assert "Overview (cont.)" in titles and "Key terms (cont.)" in titles


def test_long_lectures_get_dividers_before_sections_with_subsections(tmp_path):
    body = "".join(f"## Part {n}\n\nLead.\n\n### Sub {n}a\n\nText.\n\n### Sub {n}b\n\nMore.\n\n"
                   "::: slide\n- a\n:::\n\n::: slide\n- b\n:::\n\n::: slide\n- c\n:::\n\n"
                   for n in range(1, 6))
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n\n" + body)
    (deck,) = (b.path for b in build(folder, tmp_path / "out", ("pptx",)))
    titles = [s.shapes.title.text for s in Presentation(deck).slides]
    assert [t for t in titles if t.endswith(". Part 1") or t.startswith("1. ")] == ["1. Part 1"]


BESIDE = """\
    ---
    title: Beside
    ---

    ## Growth

    ::: slide
    {points}

    $$x_t = G^t x_0$$
    :::
    """


def test_text_too_long_to_sit_beside_a_visual_goes_on_without_it(tmp_path):
    from lectures import write_lecture

    from chapbook.build import build

    points = [f"- Point {n}: a dollar invested at a gross rate of return grows by that rate "
              "every period it stays invested" for n in range(14)]
    folder = write_lecture(tmp_path, BESIDE.replace("{points}", "\n    ".join(points)))
    (deck,) = [b.path for b in build(folder, tmp_path / "out", ("pptx",))]
    growth = [s for s in Presentation(deck).slides if s.shapes.title is not None
              and s.shapes.title.text.startswith("Growth")]
    with_equation = [s for s in growth if any(sh.name == "Equation" for sh in s.shapes)]
    assert len(growth) >= 3 and with_equation == [growth[-1]]  # the equation on its own
    assert growth[1].shapes.title.text.startswith("Growth (cont.")
    shown = " ".join(sh.text_frame.text for s in growth[:-1] for sh in s.shapes
                     if sh.has_text_frame and sh != s.shapes.title)
    assert all(f"Point {n}:" in shown for n in range(14))
