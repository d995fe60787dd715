"""The index of key terms, laid out after the body and joined to it: references, pages,
columns, links, contents, folios and running heads, read back from the PDF."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lectures import write_lecture
from pdftools import page_chunks, page_texts, squash
from pypdf import PdfReader

from chapbook.booklet import IndexRef, index_entries
from chapbook.booklet.index import Measured, split_columns, split_pages
from chapbook.build import build
from chapbook.model.document import KeyTerm, Lecture
from chapbook.read.parse import parse_lecture

pytestmark = pytest.mark.slow  # builds booklets with indexes

MM = 72 / 25.4
BODY_TOP = (210 - 16) * MM  # above: the running head of an A5 page
FIRST = ("amber", "bitter", "civic", "distant", "eastern", "frozen", "golden", "hidden",
         "inland", "jagged", "knotted", "lonely", "molten", "narrow")
SECOND = ("harbour", "treaty", "market", "council", "frontier", "railway", "ledger",
          "garrison", "charter", "tariff", "embassy", "quarry", "canal", "mint")
TERMS = [f"{a} {b}" for a in FIRST for b in SECOND]  # 196 terms, letters only
WORDS = ("the", "envoy", "wrote", "that", "trade", "and", "credit", "were", "slow", "to",
         "return", "after", "the", "war")


def _lecture_text(sections: int = 6) -> str:
    """Sections of short sentences naming every term twice, a few twice on one page."""
    rng = random.Random(7)
    mentions = TERMS + TERMS
    rng.shuffle(mentions)
    parts = ["---", "title: Many terms", "sources:", "  - key: a2000", "    author: A. Author",
             "    title: A book", "    year: 2000", "---", "", "Opening words.", ""]
    share = len(mentions) // sections + 1
    for number in range(sections):
        terms = mentions[number * share:(number + 1) * share]
        parts += [f"## Part {number + 1}", ""]
        for start in range(0, len(terms), 16):
            sentences = [f"{' '.join(rng.choices(WORDS, k=4)).capitalize()} **{term}**."
                         for term in terms[start:start + 16]]
            parts += [" ".join([*sentences, f"Again **{terms[start]}** [@a2000]."]), ""]
    return "\n".join(parts)


@dataclass
class Built:
    path: Path
    lecture: Lecture
    texts: list[str]
    index: list[int]  # the index's pages
    entries: dict[str, list[int]]  # term -> pages, as the index shows them
    laid_out: list[str]  # what each layout was of: "body" or "index"


@pytest.fixture(scope="module")
def booklet(tmp_path_factory) -> Built:
    import chapbook.weasy

    folder = write_lecture(tmp_path_factory.mktemp("index"), _lecture_text(), slug="terms")
    laid_out: list[str] = []
    real = chapbook.weasy.layout_html

    def counting(html, *args, **kwargs):
        laid_out.append("body" if "<main>" in html else "index")
        return real(html, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chapbook.weasy, "layout_html", counting)
        (built,) = build(folder, folder.parent / "out", ("pdf",))
    texts = page_texts(built.path)
    first = next(n for n, t in enumerate(texts, 1) if n > 3 and "Index of key terms" in t)
    index = list(range(first, len(texts) + 1))
    return Built(built.path, parse_lecture(folder), texts, index, _entries(built.path, index),
                 laid_out)


def _entries(path: Path, pages: list[int]) -> dict[str, list[int]]:
    """Term -> page numbers, read off the index pages (both columns)."""
    found: dict[str, list[int]] = {}
    for number in pages:
        lines: dict[tuple[bool, int], str] = {}
        width = float(PdfReader(path).pages[number - 1].mediabox.width)
        for chunk in page_chunks(path, number):
            if 22 * MM < chunk.y < BODY_TOP:  # not the running head, not the folio
                key = (chunk.x > width / 2, -round(chunk.y))
                lines[key] = lines.get(key, "") + " " + chunk.text
        for _, line in sorted(lines.items()):
            m = re.fullmatch(r"\s*([a-z ]+?)\s+([\d, ]+)", line)
            if m:
                found[m.group(1)] = [int(p) for p in m.group(2).replace(" ", "").split(",")]
    return found


def test_the_index_lists_each_term_once_a_page_on_the_pages_it_is_on(booklet):
    assert len(booklet.index) >= 2, "the fixture is meant to give an index of several pages"
    assert sorted(booklet.entries) == sorted(t.term for t in booklet.lecture.key_terms)
    for term, numbers in booklet.entries.items():
        assert numbers == sorted(set(numbers)), term
        for number in numbers:  # a term may start at the foot of its page and end overleaf
            assert squash(term.split()[0]) in squash(booklet.texts[number - 1]), (term, number)
    assert any(len(numbers) > 1 for numbers in booklet.entries.values())


def test_the_index_continues_the_folios_and_running_heads(booklet):
    height = float(PdfReader(booklet.path).pages[0].mediabox.height)
    for number in booklet.index:
        chunks = page_chunks(booklet.path, number)
        foot = [c.text for c in chunks if c.y < 22 * MM]
        head = squash(" ".join(c.text for c in chunks if c.y > height - 16 * MM))
        assert str(number) in foot, (number, foot)
        expected = booklet.lecture.meta.title if number % 2 == 0 else "Index of key terms"
        assert head == squash(expected), (number, head)


def test_contents_give_the_pages_of_the_sources_and_the_index(booklet):
    contents = " ".join(booklet.texts[2:4])
    index_page = booklet.index[0]
    sources_page = next(n for n, t in enumerate(booklet.texts, 1) if n > 3 and "A book" in t)
    assert re.search(rf"Sources[\s.]*{sources_page}\b", contents)
    assert re.search(rf"Index of key terms[\s.]*{index_page}\b", contents)
    assert sources_page < index_page == sources_page + 1


def test_columns_are_balanced_on_the_last_page_and_full_before(booklet):
    width = float(PdfReader(booklet.path).pages[0].mediabox.width)
    for number in booklet.index:
        body = [c for c in page_chunks(booklet.path, number) if 22 * MM < c.y < BODY_TOP]
        lines = [{round(c.y) for c in body if (c.x > width / 2) == right} for right in (0, 1)]
        left, right = (len(column) for column in lines)
        assert right and abs(left - right) <= 2, (number, left, right)
        if number != booklet.index[-1]:
            assert min(min(column) for column in lines) < 40 * MM, number  # filled to the foot


def test_index_references_link_to_the_terms_in_the_body(booklet):
    reader = PdfReader(booklet.path)
    destinations = {name: reader.get_destination_page_number(d) + 1
                    for name, d in reader.named_destinations.items()}
    anchors = {a: t.term for t in booklet.lecture.key_terms for a in t.anchors}
    linked: dict[str, list[int]] = {}
    for number in booklet.index:
        for annotation in reader.pages[number - 1].get("/Annots") or []:
            annotation = annotation.get_object()
            name = str(annotation["/Dest"])
            assert "/StructParent" in annotation  # tagged, as PDF/UA asks
            linked.setdefault(anchors[name], []).append(destinations[name])
    assert {t: sorted(p) for t, p in linked.items()} == booklet.entries
    outline = {item.title: reader.get_destination_page_number(item) + 1
               for item in reader.outline if not isinstance(item, list)}
    assert outline["Index of key terms"] == booklet.index[0]


def test_the_body_is_laid_out_once(booklet):
    """Whatever the index's length: the body once, the index twice (measured, then set)."""
    assert booklet.laid_out == ["body", "index", "index"]


def test_one_reference_per_page_in_page_order():
    term = KeyTerm("x", ("a", "b", "c", "d", "e"))
    lecture = type("L", (), {"key_terms": (term,)})()
    pages = {"a": 9, "b": 4, "c": 9, "d": 4, "e": 12}
    (entry,) = index_entries(lecture, pages)
    assert entry.refs == (IndexRef("b", 4), IndexRef("a", 9), IndexRef("e", 12))


def test_split_fills_two_columns_a_page_and_leaves_the_rest_to_the_next():
    measured = Measured(heights=(10.0,) * 25, gap=2.0, first=47.0, later=71.0)
    # A column holds 4 entries on the first page (4*10+3*2 = 46), 6 later (6*10+5*2 = 70).
    assert split_pages(measured) == [range(0, 8), range(8, 20), range(20, 25)]


def test_an_entry_taller_than_a_column_gets_a_page_of_its_own():
    measured = Measured(heights=(10.0, 500.0, 10.0), gap=2.0, first=100.0, later=100.0)
    assert split_pages(measured) == [range(0, 1), range(1, 2), range(2, 3)]


def test_each_page_is_balanced_the_left_column_taller_on_a_tie():
    measured = Measured(heights=(10.0,) * 25, gap=2.0, first=47.0, later=71.0)
    assert split_columns(measured) == [[range(0, 4), range(4, 8)], [range(8, 14), range(14, 20)],
                                       [range(20, 23), range(23, 25)]]
    uneven = Measured(heights=(30.0, 10.0, 10.0, 10.0), gap=0.0, first=100.0, later=100.0)
    assert split_columns(uneven) == [[range(0, 1), range(1, 4)]]
