"""The handout read back from the PDF: every slide and note, three slides a page, A4."""

from __future__ import annotations

import logging
import math

import pytest
from conftest import FIXTURES, SAMPLE
from lectures import write_lecture
from pdftools import embedded_fonts, page_chunks, page_texts, squash
from pypdf import PdfReader

from chapbook.formats import Job
from chapbook.handout import cut_off, render_handout, write_handout
from chapbook.read.parse import parse_lecture
from chapbook.settings import resolve

pytestmark = pytest.mark.slow  # builds handouts

HANDOUTS = {"sample": SAMPLE, "full": FIXTURES / "full"}


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    """name -> (slides as shown, laid-out document, written PDF), each laid out once."""
    out = tmp_path_factory.mktemp("handouts")
    result = {}
    for name, folder in HANDOUTS.items():
        lecture = parse_lecture(folder)
        plan = _shown(lecture)
        document = render_handout(plan, lecture.root, lecture.source)
        pdf = write_handout(document, out / f"{name}-handout.pdf")
        result[name] = (plan, document, pdf)
    return result


def _shown(lecture):
    """The slides as the deck shows them on the bundled theme."""
    return Job(lecture, resolve(lecture)).deck_plan


def _handout(folder):
    lecture = parse_lecture(folder)
    return render_handout(_shown(lecture), lecture.root, lecture.source)


@pytest.fixture(params=sorted(HANDOUTS))
def handout(request, handouts):
    return handouts[request.param]


def test_every_slide_title_and_note_is_in_the_handout(handout):
    plan, _, pdf = handout
    text = squash("".join(page_texts(pdf)))
    missing = [s.title for s in plan.slides if squash(s.title) not in text]
    missing += [n for s in plan.slides for n in s.notes if squash(n) not in text]
    assert not missing


def test_three_slides_to_an_a4_portrait_page(handout):
    plan, _, pdf = handout
    reader = PdfReader(pdf)
    assert len(reader.pages) == math.ceil(len(plan.slides) / 3)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
            210, 297)


def test_each_slide_is_numbered_in_order(handout):
    plan, _, pdf = handout
    count = len(PdfReader(pdf).pages)
    for page in range(1, count + 1):
        expected = [str(n) for n in range(3 * page - 2, min(3 * page, len(plan.slides)) + 1)]
        labels = sorted((c for c in page_chunks(pdf, page) if c.text in expected),
                        key=lambda c: -c.y)
        assert [c.text for c in labels] == expected
        assert len({round(c.x) for c in labels}) == 1  # all under the left edge of a box


def test_fonts_are_the_bundled_ones_and_embedded(handout):
    _, _, pdf = handout
    fonts = embedded_fonts(pdf)
    assert all(fonts.values())
    names = " ".join(fonts)
    assert "Carlito" in names and "Libertine" in names


def test_nothing_is_cut_off(handout):
    _, document, _ = handout
    assert cut_off(document) == []


def test_a_long_list_continues_over_further_boxes(tmp_path):
    items = "".join(f"- Point {i} with enough words in it to fill a line of the slide box\n"
                    for i in range(40))
    folder = write_lecture(tmp_path, f"---\ntitle: Too long\n---\n\n## One\n\n"
                                     f"::: slide\n{items}:::\n")
    document = _handout(folder)
    assert cut_off(document) == []
    text = squash(" ".join(page.extract_text() for page in _reader(document, tmp_path).pages))
    for i in range(40):
        assert squash(f"Point {i} with enough words") in text
    assert squash("One (cont.)") in text


def test_text_that_cannot_be_split_is_reported(tmp_path, caplog):
    words = " ".join(["unsplittable"] * 400)
    folder = write_lecture(tmp_path, f"---\ntitle: Too long\n---\n\n## One\n\n"
                                     f"::: slide\n{words}\n:::\n")
    with caplog.at_level(logging.WARNING, logger="chapbook"):
        document = _handout(folder)
    assert cut_off(document) == [(2, "text")]
    assert "slide 2: text too long" in caplog.text


def _reader(document, tmp_path):
    target = tmp_path / "h.pdf"
    write_handout(document, target)
    return PdfReader(target)


def test_the_lecture_handout_css_replaces_the_bundled_one(tmp_path):
    folder = write_lecture(tmp_path, """\
        ---
        title: Own style
        ---

        ## One

        Text.
        """)
    (folder / "templates" / "deck").mkdir(parents=True)
    (folder / "templates" / "deck" / "handout.css").write_text(
        "@page { size: A5 landscape; }\n", encoding="utf-8")
    document = _handout(folder)
    page = document.pages[0]
    assert (round(page.width / 96 * 25.4), round(page.height / 96 * 25.4)) == (210, 148)
