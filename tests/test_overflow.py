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

import pytest
from conftest import FIXTURES, SAMPLE, require_program
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from rendering import (
    Rendered,
    characters_outside,
    has_table,
    render,
    small_explicit_sizes,
    small_rendered_text,
    title_of,
)

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
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
LONG_LIST_TITLE = "Building the network, line by line"
LONG_TABLE_CAPTION = "Main railway lines of the Russian Empire by year of opening"


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
    return render(case, deck, work)


def _plain_theme(font: str):
    """python-pptx's default 4:3 template, its theme fonts set to `font`."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    part = prs.slide_master.part.part_related_by(RT.THEME)
    part._blob = part.blob.replace(b'typeface="Calibri"', f'typeface="{font}"'.encode())
    return prs


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
    problems, unmatched = characters_outside(rendered)
    note = f" (slides {unmatched} matched by position only)" if unmatched else ""
    assert not problems, f"{rendered.case}{note}:\n" + "\n".join(problems)
    assert len(unmatched) <= len(rendered.pages) // 4, \
        f"{rendered.case}: the PDF's text does not follow the shapes on slides {unmatched}"


def test_explicit_sizes_are_at_least_14pt(rendered):
    small = small_explicit_sizes(rendered)
    assert not small, f"{rendered.case}: " + "\n".join(small)


def test_rendered_body_text_is_at_least_14pt(rendered):
    """Measured in the PDF, so a client's shrink-on-overflow would show up here."""
    small = small_rendered_text(rendered)
    assert not small, f"{rendered.case}: " + "\n".join(small)


def test_every_title_is_unique(rendered):
    titles = [title_of(s) for s in rendered.prs.slides]
    assert all(titles), f"{rendered.case}: slides without a title: " + \
        ", ".join(str(n) for n, t in enumerate(titles, 1) if not t)
    repeated = sorted({t for t in titles if titles.count(t) > 1})
    assert not repeated, f"{rendered.case}: repeated titles {repeated}"


def _continued(prs, title: str) -> list:
    slides = [s for s in prs.slides if title_of(s).startswith(title)]
    assert title_of(slides[0]) == title
    assert len(slides) >= 2, f"{title!r} did not continue"
    total = len(slides)
    assert [title_of(s) for s in slides[1:]] == [
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
        (frame,) = [sh for sh in slide.shapes if has_table(sh)]
        cells = [[c.text for c in row.cells] for row in frame.table.rows]
        assert cells[0] == ["Line", "Opened", "Length (km)", "Remarks"]  # header repeated
        rows += cells[1:]
    assert len(rows) == 40
    assert rows[0][0] == "Tsarskoye Selo Railway" and rows[-1][0] == "Altai Railway"
