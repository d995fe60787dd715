"""The booklet read back from the PDF: text, pages, folios, contents, notes, index, fonts."""

from __future__ import annotations

import re

import pytest
from pdftools import appears_in_order, embedded_fonts, page_chunks, page_texts, squash
from pypdf import PdfReader

from chapbook.blocks import Figure, ListBlock, Paragraph, Table, walk

pytestmark = pytest.mark.slow  # reads back the test lectures built in every format

MM = 72 / 25.4


def _prose(lecture) -> list[str]:
    texts = []
    for block in lecture.all_blocks():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Figure) and block.caption_text:
            texts.append(block.caption_text)
        elif isinstance(block, Table):
            texts.extend(c.text for row in block.rows for c in row)
    return texts


def test_all_prose_is_in_the_pdf(built, lectures, name):
    raw = "".join(page_texts(built[name]["pdf"]))
    text = squash(raw)
    lecture = lectures[name]
    assert squash(lecture.meta.title) in text
    for section in lecture.sections:
        assert squash(section.title) in text
    missing = [t for t in _prose(lecture) if not appears_in_order(t, raw)]
    assert not missing


def test_deck_only_text_stays_out_of_the_booklet(built, lectures):
    text = squash("".join(page_texts(built["sample"]["pdf"])))
    lecture = lectures["sample"]
    prose = squash(" ".join(_prose(lecture)))
    checked = 0
    for section in lecture.sections:
        for slide in section.slides:
            for block in walk(slide.notes):
                if isinstance(block, Paragraph) and squash(block.text) not in prose:
                    assert squash(block.text) not in text
                    checked += 1
            for block in walk(slide.blocks):
                if isinstance(block, ListBlock):
                    for item in block.items:
                        if squash(item.text) not in prose and len(item.text) > 25:
                            assert squash(item.text) not in text
                            checked += 1
    assert checked >= len(lecture.sections)


def test_sample_is_an_a5_booklet_of_reasonable_length(built):
    reader = PdfReader(built["sample"]["pdf"])
    assert 10 <= len(reader.pages) <= 24
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)


def test_metadata(built, lectures, name):
    meta = PdfReader(built[name]["pdf"]).metadata
    lecture = lectures[name]
    assert meta.title == lecture.meta.title
    assert (meta.author or "") == lecture.meta.author


def test_every_font_is_embedded(built, name):
    fonts = embedded_fonts(built[name]["pdf"])
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert any("Libertine" in f for f in fonts)


def test_folios_at_the_foot_of_every_page_but_the_front_matter(built):
    path = built["sample"]["pdf"]
    pages = len(PdfReader(path).pages)
    for number in range(4, pages + 1):
        foot = [c.text for c in page_chunks(path, number) if c.y < 22 * 72 / 25.4]
        assert str(number) in foot, (number, foot)
    for number in (1, 2, 3):  # cover, colophon, contents
        foot = [c.text for c in page_chunks(path, number) if c.y < 22 * 72 / 25.4]
        assert not [t for t in foot if t.isdigit()], (number, foot)


def test_contents_give_the_page_each_section_starts_on(built, lectures, name):
    path = built[name]["pdf"]
    texts = page_texts(path)
    contents = texts[2]
    for section in lectures[name].sections:
        m = re.search(re.escape(section.title) + r"[\s.]*?(\d+)\s*$", contents, re.M)
        assert m, (section.title, contents)
        page = int(m.group(1))
        body = squash(texts[page - 1])
        assert squash(f"{section.number} {section.title}") in body or squash(section.title) in body


def test_footnotes_sit_on_the_page_of_their_call(built):
    texts = page_texts(built["sample"]["pdf"])
    for i, page in enumerate(texts[3:], start=4):
        for m in re.finditer(r"^(\d)\.\s+(\w+ \w+ \w+)", page, re.M):
            assert m.group(2) in page, i


def test_index_lists_every_key_term_with_pages_where_it_appears(built, lectures):
    path = built["sample"]["pdf"]
    texts = page_texts(path)
    lecture = lectures["sample"]
    index_page = next(t for t in texts[3:] if "Index of key terms" in t)
    flat = " ".join(index_page.split())
    for term in lecture.key_terms:
        words = " ".join(term.term.split())
        m = re.search(re.escape(words).replace(r"\ ", r"[\s-]*") + r"\s+([\d, ]+)", flat)
        if m is None:  # hyphenated across a line in the index column
            m = re.search(re.escape(words[:12]) + r".*?\s(\d+(?:, \d+)*)", flat)
        assert m, term.term
        pages = [int(p) for p in m.group(1).replace(" ", "").split(",") if p]
        for page in pages:
            assert squash(words)[:10] in squash(texts[page - 1]), (term.term, page)


def test_sources_page_and_citations(built, lectures):
    text = "".join(page_texts(built["sample"]["pdf"]))
    lecture = lectures["sample"]
    for source in lecture.meta.sources:
        assert squash(source.title) in squash(text)
    assert "(Haslam 1984)" in text or "Haslam 1984" in text


def test_figures_and_tables_are_numbered(built):
    text = "".join(page_texts(built["sample"]["pdf"]))
    assert "Figure 1" in text
    assert "Table 1" in text


def test_cyrillic_and_greek_survive(built):
    text = "".join(page_texts(built["full"]["pdf"]))
    assert "торговля" in text
    assert "εμπόριο" in text
    assert "Петров" in text


def test_no_heading_is_stranded_at_the_foot_of_a_page(built, lectures, name):
    """Body text follows every heading on its own page (headings keep with what follows)."""
    path = built[name]["pdf"]
    lecture = lectures[name]
    headings = {squash(f"{s.number} {s.title}") for s in lecture.sections}
    headings |= {squash(h.text) for s in lecture.sections for h in s.subheadings}
    pages = len(PdfReader(path).pages)
    height = float(PdfReader(path).pages[0].mediabox.height)
    found = 0
    for number in range(4, pages + 1):
        chunks = page_chunks(path, number)
        body = [c for c in chunks if 22 * MM < c.y < height - 16 * MM]  # not head, not folio
        lines: dict[float, str] = {}
        for c in body:
            lines[round(c.y)] = lines.get(round(c.y), "") + c.text
        for y, text in lines.items():
            if squash(text) in headings:
                found += 1
                below = [c for c in body if c.y < y - 2 and c.size >= 9]
                assert below, f"{text!r} ends page {number}"
    assert found >= len(lecture.sections)


def test_hyphenation_follows_the_lecture_language(built, lectures):
    """Justified text is hyphenated in the lecture's language (pyphen dictionaries)."""
    import pyphen

    assert lectures["full"].meta.lang == "nl"
    assert pyphen.language_fallback("nl")
    reader_text = "\n".join(page_texts(built["sample"]["pdf"]))
    assert re.search(r"\w[-\u2010\u00ad]\n\w", reader_text), "no word hyphenated at a line end"


def test_a_table_of_long_words_stays_inside_the_text_block(tmp_path):
    """Cells break inside words only where whole words could not stand side by side."""
    import pdfplumber
    from lectures import write_lecture

    from chapbook.build import build

    words = ["Donaudampfschifffahrtsgesellschaft", "Rechtsanerkennungsverhandlungen",
             "Handelsbilanzüberschussberechnung", "Eisenbahnverkehrsverwaltungsamt"]
    folder = write_lecture(tmp_path, "---\ntitle: T\nlang: de\n---\n\n## S\n\n"
                           f"| {' | '.join('abcd')} |\n|{'---|' * 4}\n| {' | '.join(words)} |\n")
    (pdf,) = [b.path for b in build(folder, tmp_path / "out", ("pdf",))]
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "Donaudampf" in (p.extract_text() or ""))
        right = max(c["x1"] for c in page.chars if c["text"].strip())
    assert right < page.width - 15 * MM  # the outer margin is 16 mm or more
    from collections import Counter

    assert not Counter("".join(words)) - Counter(page.extract_text())  # broken, all there


def test_a_short_word_beside_a_long_cell_stays_whole(tmp_path):
    """A column is never narrower than its longest word where the words fit side by
    side: `height` is not set as `hei` over `ght` to widen the description."""
    from lectures import write_lecture

    from chapbook.build import build

    note = " ".join(["The height of the presentation, kept when it is scaled."] * 3)
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n\n## S\n\n| Attribute | Description |\n"
                           f"|---|---|\n| `height` | {note} |\n| `width` | {note} |\n")
    (pdf,) = [b.path for b in build(folder, tmp_path / "out", ("pdf",))]
    words = "\n".join(page_texts(pdf)).split()
    assert {"Attribute", "height", "width"} <= set(words)



def test_the_chart_palette_is_read_only_for_a_part_with_a_chart(monkeypatch):
    """Parsing the stylesheet for the charts' colours takes as long as making the index's
    HTML, which has no chart."""
    from conftest import SAMPLE

    from chapbook.booklet import layout
    from chapbook.read import parse_lecture

    lecture = parse_lecture(SAMPLE)
    real, read = layout.palette_from_css, []

    def counted(css):
        read.append(css)
        return real(css)

    monkeypatch.setattr(layout, "palette_from_css", counted)
    layout._palette.cache_clear()
    layout.render_booklet_html(lecture, part="index", index_pages=[[[]]], measure=True)
    assert read == []
    html = layout.render_booklet_html(lecture)  # the sample's chart
    assert len(read) == 1 and html.count("<svg") >= 1
    layout._palette.cache_clear()
