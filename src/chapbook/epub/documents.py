"""The e-book's content documents: one for the title page, the introduction, each
section, the sources and the index of key terms, rendered by templates/epub/content.xhtml.j2
with the booklet's block partials, then made fit for EPUB readers.

What the booklet leaves to WeasyPrint is done here on the tree: footnotes (floated to
the foot of a page there) become EPUB notes at the end of their document, pictures are
copied into the book, and a link reaches the document that holds its target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from chapbook.epub.resources import Pictures
from chapbook.epub.xhtml import OPS, h, parse_html
from chapbook.errors import RenderError
from chapbook.model.document import Lecture

RTL = ("ar", "he", "fa", "ur", "yi")
_URL_IN_STYLE = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
_LINKING = ("src", "href", "poster", "data", "{http://www.w3.org/1999/xlink}href")


@dataclass
class Document:
    """One content document: its file `name` in the book and its XHTML tree."""

    name: str
    title: str
    kind: str
    tree: etree._Element | None = None
    section: Any = None
    ids: set[str] = field(default_factory=set)


def text_dir(lang: str) -> str:
    return "rtl" if lang.split("-")[0].lower() in RTL else "ltr"


def plan(lecture: Lecture, labels: dict[str, str]) -> list[Document]:
    """The documents in reading order (the index last: it links to all the others)."""
    docs = [Document("title.xhtml", lecture.meta.title, "title")]
    if lecture.intro:
        docs.append(Document("intro.xhtml", labels["introduction"], "intro"))
    docs += [Document(f"section-{i}.xhtml", s.title.strip() or f"{labels['section']} {i}",
                      "section", section=s)
             for i, s in enumerate(lecture.sections, start=1)]
    if lecture.references:
        docs.append(Document("sources.xhtml", labels["sources"], "sources"))
    if lecture.key_terms:
        docs.append(Document("index.xhtml", labels["index"], "index"))
    return docs


BODY_TYPES = {"title": "frontmatter", "intro": "bodymatter", "section": "bodymatter",
              "sources": "backmatter", "index": "backmatter"}


def render_documents(lecture: Lecture, labels: dict[str, str], draw) -> list[Document]:
    """Every content document rendered and parsed; `draw(name, **context)` renders a
    template."""
    docs = plan(lecture, labels)
    for doc in docs:
        if doc.kind == "index":
            continue
        doc.tree = _parsed(draw, lecture, labels, doc)
    for doc in docs:
        if doc.tree is not None:
            doc.ids = set(doc.tree.xpath("//@id"))
    for doc in docs:
        if doc.kind == "index":
            doc.tree = _parsed(draw, lecture, labels, doc, entries=index_entries(lecture, docs,
                                                                                  labels))
            doc.ids = set(doc.tree.xpath("//@id"))
    return docs


def _parsed(draw, lecture: Lecture, labels: dict[str, str], doc: Document,
            entries: list | None = None) -> etree._Element:
    html = draw("content.xhtml.j2", lecture=lecture, labels=labels,
                dir=text_dir(lecture.meta.lang),
                doc={"kind": doc.kind, "title": doc.title, "type": BODY_TYPES[doc.kind],
                     "section": doc.section, "entries": entries or []})
    return parse_html(html)


def index_entries(lecture: Lecture, docs: list[Document], labels: dict[str, str]) -> list:
    """Each key term with a link to its first occurrence in each document that has one,
    named by the section's number (or title): the e-book's page numbers."""
    entries = []
    for term in sorted(lecture.key_terms, key=lambda t: t.sort_key):
        refs, seen = [], set()
        for anchor in term.anchors:
            doc = next((d for d in docs if anchor in d.ids), None)
            if doc is None or doc.name in seen:
                continue
            seen.add(doc.name)
            refs.append({"href": f"{doc.name}#{anchor}", "label": _short_label(doc, labels)})
        if refs:
            entries.append({"term": term.term, "refs": refs})
    return entries


def _short_label(doc: Document, labels: dict[str, str]) -> str:
    section = doc.section
    if section is not None:
        return str(section.number) if section.numbered else doc.title
    return labels["introduction"] if doc.kind == "intro" else doc.title


# --- made fit for readers ----------------------------------------------------------------


def finish(docs: list[Document], pictures: Pictures) -> None:
    """Notes, pictures and links, in every document."""
    for doc in docs:
        make_notes(doc.tree)
        _pictures(doc.tree, pictures)
        doc.ids = unique_ids(doc.tree)
    where: dict = {}
    for doc in docs:
        for ident in sorted(doc.ids):
            where.setdefault(ident, doc.name)
            where[doc.name, ident] = doc.name
    names = {doc.name for doc in docs}
    for doc in docs:
        _links(doc, where, names)
        _no_outside_references(doc)


def unique_ids(root: etree._Element) -> set[str]:
    """The document's ids, each made unique (XML requires it; a link goes to the first)."""
    seen: set[str] = set()
    for element in root.iter():
        ident = element.get("id")
        if ident is None:
            continue
        if ident in seen:
            n = 2
            while f"{ident}-{n}" in seen:
                n += 1
            ident = f"{ident}-{n}"
            element.set("id", ident)
        seen.add(ident)
    return seen


def make_notes(root: etree._Element) -> int:
    """Each `span.footnote` becomes a note reference, its text an EPUB footnote (`aside`)
    at the end of the document's first section; returns how many."""
    notes = [s for s in root.iter(h("span")) if "footnote" in s.get("class", "").split()]
    if not notes:
        return 0
    body = root.find(h("body"))
    holder = body.find(h("section"))
    holder = holder if holder is not None else body
    etree.SubElement(holder, h("hr"), {"class": "notes"})
    for number, span in enumerate(notes, start=1):
        aside = etree.SubElement(holder, h("aside"), {
            "id": f"fn-{number}", "class": "footnote", f"{{{OPS}}}type": "footnote",
            "role": "doc-footnote"})
        para = etree.SubElement(aside, h("p"))
        back = etree.SubElement(para, h("a"), {"href": f"#fnref-{number}",
                                               "role": "doc-backlink"})
        back.text = f"{number}."
        back.tail = " " + (span.text or "")
        for child in list(span):
            para.append(child)
        ref = etree.Element(h("a"), {
            "id": f"fnref-{number}", "href": f"#fn-{number}", "class": "noteref",
            f"{{{OPS}}}type": "noteref", "role": "doc-noteref"})
        ref.text = str(number)
        ref.tail = span.tail
        span.getparent().replace(span, ref)
    return len(notes)


def _pictures(root: etree._Element, pictures: Pictures) -> None:
    for img in root.iter(h("img")):
        img.set("src", pictures.add(img.get("src", "")))
        img.set("alt", img.get("alt", ""))
    for element in list(root.iter(h("div"))):  # a decorative figure: a background in the booklet
        if "decorative" in element.get("class", "").split():
            url = _URL_IN_STYLE.search(element.get("style", ""))
            if url:
                element.tag = h("img")
                element.attrib.clear()
                element.attrib.update({"src": pictures.add(url.group(1)), "alt": "",
                                       "role": "presentation", "class": "decorative"})
    for element in root.iter():
        if _URL_IN_STYLE.search(element.get("style", "")):
            del element.attrib["style"]  # nothing a style could load is in the book


def _links(doc: Document, where: dict, names: set[str]) -> None:
    """`#id` (the booklet's links) and `doc.xhtml#id` (the index's) to where the id is."""
    for a in doc.tree.iter(h("a")):
        href = a.get("href")
        if href is None or re.match(r"^(https?:|mailto:)", href, re.I):
            continue
        name, hash_, ident = href.partition("#")
        if not hash_ or not ident or name not in ("", *names):
            del a.attrib["href"]  # a file of the lecture's: not in the book
            continue
        if not name and ident in doc.ids:
            target = doc.name  # its own first: note ids repeat from document to document
        else:
            target = where.get((name, ident)) if name else where.get(ident)
        if target is None:
            raise RenderError(f"e-book: the link to {href} in {doc.name} goes nowhere; "
                              "give the target that id")
        a.set("href", f"#{ident}" if target == doc.name else f"{target}#{ident}")


def _no_outside_references(doc: Document) -> None:
    """After pictures and links, anything still naming a file outside the book is a
    template's doing: refused rather than shipped."""
    for element in doc.tree.iter():
        if element.tag == h("a"):
            continue
        for name in _LINKING:
            value = element.get(name)
            if value and re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) and not (
                    element.tag == h("img") and value.startswith("images/")):
                raise RenderError(f"e-book: {etree.QName(element).localname} in {doc.name} "
                                  f"refers to {value[:80]!r}, outside the book")
