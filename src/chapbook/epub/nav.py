"""The navigation document: the contents (sections and their subheadings, linked into
the documents that hold them) and the landmarks, through templates/epub/nav.xhtml.j2."""

from __future__ import annotations

from lxml import etree

from chapbook.epub.documents import Document, text_dir
from chapbook.epub.xhtml import parse_html
from chapbook.model.document import Lecture

NAME = "nav.xhtml"
LANDMARKS = {"intro": "bodymatter", "sources": "bibliography", "index": "index"}


def contents(docs: list[Document], labels: dict[str, str]) -> list[dict]:
    """The table of contents: every listed section with its subheadings."""
    toc = []
    for doc in docs:
        if doc.kind == "title":
            continue
        section = doc.section
        if section is None:
            toc.append({"title": doc.title, "href": doc.name, "children": []})
            continue
        if not section.listed:
            continue
        number = f"{section.number} " if section.numbered and section.title else ""
        toc.append({"title": f"{number}{doc.title}", "href": doc.name, "children": [
            {"title": sub.text, "href": f"{doc.name}#{sub.id}"}
            for sub in section.subheadings if sub.text.strip()]})  # a link needs its words
    return toc


def landmarks(docs: list[Document], labels: dict[str, str]) -> list[dict]:
    marks = []
    body = next((d for d in docs if d.kind in ("intro", "section")), None)
    if body is not None:
        marks.append({"type": "bodymatter", "title": body.title, "href": body.name})
    marks += [{"type": LANDMARKS[d.kind], "title": d.title, "href": d.name}
              for d in docs if d.kind in ("sources", "index")]
    return marks


def render_nav(lecture: Lecture, labels: dict[str, str], docs: list[Document],
               draw) -> etree._Element:
    return parse_html(draw("nav.xhtml.j2", lecture=lecture, labels=labels,
                           dir=text_dir(lecture.meta.lang), toc=contents(docs, labels),
                           landmarks=landmarks(docs, labels)))
