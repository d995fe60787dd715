"""A long booklet laid out in halves on two cores and joined: read back, it must be the
booklet laid out whole (but for the introduction and the second half starting
right-hand pages), with
every page number, contents entry, link, index reference, bookmark and tag right.

The sample lecture is laid out both ways here: halves are normally kept for booklets
of `FROM_PAGES` pages or more."""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pikepdf
import pytest
from conftest import SAMPLE
from pdftools import page_texts, squash

from chapbook.booklet import booklet_pdf, render_booklet
from chapbook.booklet import halves as halves_module
from chapbook.booklet.halves import Halves, split_point
from chapbook.read.parse import parse_lecture
from chapbook.settings import resolve

pytestmark = pytest.mark.slow  # lays the sample out twice


@pytest.fixture(scope="module", params=["front guessed", "front misguessed"])
def built(request, tmp_path_factory):
    """The sample whole and in halves; the second time with the front matter's length
    guessed wrong (by two pages: the first half's folios are laid out again)."""
    lecture = parse_lecture(SAMPLE)
    folder = tmp_path_factory.mktemp("halves")
    whole = render_booklet(lecture, cores=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(halves_module, "FROM_PAGES", 1)
        if request.param == "front misguessed":
            guess = halves_module._front_guess
            patch.setattr(halves_module, "_front_guess", lambda listed: guess(listed) + 2)
        parted = render_booklet(lecture, cores=2)
    assert isinstance(parted, Halves)
    (folder / "whole.pdf").write_bytes(booklet_pdf(whole))
    (folder / "halves.pdf").write_bytes(booklet_pdf(parted))
    return lecture, folder / "whole.pdf", folder / "halves.pdf", parted


def _dest_pages(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Named destination -> 0-based page index."""
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    names = pdf.Root.Names.Dests.Names
    return {str(names[i]): index[names[i + 1][0].objgen] for i in range(0, len(names), 2)}


def _links(pdf: pikepdf.Pdf) -> list[tuple[int, str, list[float]]]:
    """(page index, destination name, rectangle) of every link."""
    return [(i, str(a.Dest), [float(v) for v in a.Rect])
            for i, page in enumerate(pdf.pages) for a in page.obj.get("/Annots", ())
            if a.get("/Subtype") == "/Link" and "/Dest" in a]


def test_the_introduction_and_the_second_half_start_right_hand_pages(built):
    lecture, _, path, parted = built
    pdf = pikepdf.Pdf.open(path)
    first = lecture.sections[split_point(lecture)]
    page = _dest_pages(pdf)[first.id]
    assert page % 2 == 0  # 0-based: page numbers 1, 3, 5… are on the right
    assert _dest_pages(pdf)["intro"] % 2 == 0
    assert parted.pages == len(pdf.pages)
    assert squash(first.title) in squash(page_texts(path)[page])


def test_every_page_after_the_front_matter_shows_its_number(built):
    _, _, path, _ = built
    texts = page_texts(path)
    front = _dest_pages(pikepdf.Pdf.open(path))["intro"]
    for number, text in enumerate(texts, start=1):
        if number <= front or not text.strip():  # the cover and contents; a blank page
            continue
        assert re.search(rf"(?m)^\s*{number}\s*$|\s{number}$|^{number}\s", text), number


def test_no_text_is_lost_or_repeated(built):
    """Word for word, the halves hold what the whole holds: only the running heads and page
    numbers of the pages that differ may differ."""
    lecture, whole, halves, _ = built

    def words(path) -> Counter:
        return Counter(w for text in page_texts(path)
                       for w in re.findall(r"[^\W\d_]{3,}", text.casefold()))

    labels = resolve(lecture).labels
    heads = set(re.findall(r"[^\W\d_]{3,}", " ".join(
        [lecture.meta.title, labels["index"], labels["sources"], labels["introduction"]]
        + [s.title for s in lecture.sections]).casefold()))
    for extra in (words(whole) - words(halves), words(halves) - words(whole)):
        assert set(extra) <= heads, extra


def test_every_link_leads_to_its_element(built):
    """Contents, index and cross-references: no link goes to a stub left in a half, and
    the page numbers the contents and the index print are those the links lead to."""
    lecture, _, path, _ = built
    pdf = pikepdf.Pdf.open(path)
    dests = _dest_pages(pdf)
    texts = [squash(t) for t in page_texts(path)]
    for section in lecture.sections:
        assert squash(section.title) in texts[dests[section.id]], section.id
    for term in lecture.key_terms:
        for anchor in term.anchors:
            if anchor in dests:
                assert squash(term.term)[:6] in texts[dests[anchor]], anchor
    links = _links(pdf)
    assert links and all(name in dests for _, name, _ in links)
    index_page = dests["index"]
    shown: dict[tuple[int, str], str] = {}  # (page, name) -> the number its line prints
    with pdfplumber.open(path) as plumbed:
        for page_index, name, rect in links:
            page = plumbed.pages[page_index]
            y0, y1 = sorted(rect[1::2])
            if page_index < dests["intro"]:  # the contents: the number ends the entry's
                x0, x1 = 0, page.width  # last line (a link is drawn in several pieces)
            elif page_index >= index_page:  # the index: the link is the number
                x0, x1 = sorted(rect[0::2])
            else:
                continue
            text = page.crop((x0, page.height - y1, x1, page.height - y0)).extract_text()
            shown[page_index, name] = text
    for (_, name), text in shown.items():
        numbers = re.findall(r"\d+", text)
        assert numbers and int(numbers[-1]) == dests[name] + 1, (name, text)
    checked = len(shown)
    assert checked > len(lecture.sections)


def test_bookmarks_are_the_whole_booklets_in_order(built):
    _, whole, halves, _ = built

    def marks(path) -> list[tuple[str, int]]:
        pdf = pikepdf.Pdf.open(path)
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        found = []
        with pdf.open_outline() as outline:
            stack = list(reversed(outline.root))
            while stack:
                item = stack.pop()
                found.append((item.title, index[item.destination[0].objgen]))
                stack.extend(reversed(item.children))
        return found

    ours, theirs = marks(halves), marks(whole)
    assert [t for t, _ in ours] == [t for t, _ in theirs]
    texts = [squash(t) for t in page_texts(halves)]
    for title, page in ours:
        assert squash(title)[:12] in texts[page], title


def test_the_joined_structure_tree_tags_every_page(built):
    """Each marked run on a page maps, through the joined parent tree, to an element of
    that page; each link annotation to the element holding it."""
    _, _, path, _ = built
    pdf = pikepdf.Pdf.open(path)
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    tree = pdf.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert int(tree.ParentTreeNextKey) == max(parents) + 1
    assert len(tree.K) == 1 and tree.K[0].S == "/Document"
    marked = 0
    for i, page in enumerate(pdf.pages):
        elements = parents[int(page.obj.StructParents)]
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                element = elements[int(operands[1].MCID)]
                assert pages[element.Pg.objgen] == i
                marked += 1
        for annotation in page.obj.get("/Annots", ()):
            element = parents[int(annotation.StructParent)]
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert any(isinstance(k, pikepdf.Dictionary) and "/Obj" in k
                       and k.Obj.objgen == annotation.objgen for k in kids)
    assert marked > 10 * len(pdf.pages)


def test_the_joined_pdf_keeps_the_first_parts_identity(built):
    _, whole, halves, _ = built
    ours, theirs = pikepdf.Pdf.open(halves), pikepdf.Pdf.open(whole)
    assert str(ours.Root.Lang) == str(theirs.Root.Lang)
    assert ours.docinfo["/Title"] == theirs.docinfo["/Title"]
    assert "pdfuaid" in ours.Root.Metadata.read_bytes().decode()
    assert ours.Root.MarkInfo.Marked


def test_contents_of_another_length_than_planned_lay_the_booklet_out_whole(monkeypatch):
    """The contents are laid out with stand-in numbers to learn their length; should the
    real numbers give another length, the booklet is laid out whole instead."""
    import chapbook.size

    lecture = parse_lecture(SAMPLE)
    monkeypatch.setattr(halves_module, "FROM_PAGES", 1)
    monkeypatch.setattr(chapbook.size, "estimated_pages", lambda lecture: 10**80)
    booklet = render_booklet(lecture, cores=2)
    assert not isinstance(booklet, Halves)
    assert len(booklet.pages) == len(render_booklet(lecture, cores=1).pages)


def test_a_leader_drawn_as_one_run_puts_its_dots_where_they_were(tmp_path):
    """The contents' dot leaders, written as one run of text each, draw the same dots at
    the same places (to a twentieth of a point) as WeasyPrint's box per dot."""
    from chapbook.booklet.layout import _layout, render_booklet_html
    from chapbook.booklet.pagebox import leaders_as_one_run
    from chapbook.weasy import Joined

    lecture = parse_lecture(SAMPLE)
    html = render_booklet_html(lecture)
    dots = []
    for merged in (False, True):
        document = _layout(lecture, html, Joined())
        if merged:
            leaders_as_one_run(document.pages)
        path = tmp_path / f"{merged}.pdf"
        path.write_bytes(booklet_pdf(document))
        with pdfplumber.open(path) as pdf:
            dots.append(sorted((i, round(c["top"], 2), round(c["x0"], 2))
                         for i, page in enumerate(pdf.pages[:4]) for c in page.chars
                         if c["text"] == "."))
    assert len(dots[0]) > 200 and len(dots[0]) == len(dots[1])
    for (page, top, x), (their_page, their_top, their_x) in zip(*dots, strict=True):
        assert (page, top) == (their_page, their_top) and abs(x - their_x) <= 0.05


def _empty_elements(pdf: pikepdf.Pdf) -> Counter:
    """The structure tree's elements with nothing in them, by type."""
    found: Counter = Counter()
    todo = [pdf.Root.StructTreeRoot.K[0]]
    while todo:
        element = todo.pop()
        kids = element.get("/K", ())
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        if not kids:
            found[str(element.S)] += 1
        todo.extend(k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k)
    return found


def test_links_between_parts_leave_nothing_behind(built):
    """No empty element in the structure tree that the whole booklet lacks (a screen
    reader would list it), no link out of the PDF: every link goes to its element."""
    _, whole, halves, _ = built
    ours, theirs = pikepdf.Pdf.open(halves), pikepdf.Pdf.open(whole)
    assert _empty_elements(ours) == _empty_elements(theirs)
    for page in ours.pages:
        for annotation in page.obj.get("/Annots", ()):
            assert "/A" not in annotation and "/Dest" in annotation
