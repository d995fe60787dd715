"""The EPUB 3 e-book: Lecture -> XHTML documents (Jinja2, the booklet's block partials)
-> a reflowable book with its pictures, font subsets, contents and notes.

Templates are looked up in the lecture's `templates/epub/`, then the bundled
`templates/epub/`, then the booklet's folders (lecture's, bundled): a block is written
by the booklet's partial unless a `blocks/<kind>.html.j2` for the e-book exists.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from lxml import etree

from chapbook.charts.svg import chart_svg
from chapbook.epub.documents import Document, finish, render_documents, text_dir
from chapbook.epub.nav import NAME as NAV
from chapbook.epub.nav import render_nav
from chapbook.epub.package import Item, epub_zip, package_document
from chapbook.epub.resources import Pictures, Resource, fonts
from chapbook.epub.xhtml import MATHML, SVG, h, serialise
from chapbook.limits import stage
from chapbook.model.document import Lecture
from chapbook.settings import Settings, resolve
from chapbook.templates import find_file, make_environment, render, template_dirs
from chapbook.text.highlight import highlight_html, stylesheet

XHTML_TYPE = "application/xhtml+xml"
STYLESHEET = "epub.css"


def epub_template_dirs(root: Path | None) -> list[Path]:
    """The e-book's own templates first, then the booklet's (for the block partials)."""
    return template_dirs("epub", root) + template_dirs("booklet", root)


def render_epub(lecture: Lecture, settings: Settings | None = None) -> bytes:
    """The lecture as an EPUB 3 file, in memory."""
    settings = settings or resolve(lecture)
    labels = settings.labels
    dirs = epub_template_dirs(lecture.root)
    env = make_environment(dirs)
    draw = partial(_draw, env)
    with stage("composing the e-book"):
        docs = render_documents(lecture, labels, draw)
        pictures = Pictures(lecture.root, lecture.source)
        finish(docs, pictures)
        nav = render_nav(lecture, labels, docs, draw)
    with stage("embedding the e-book's fonts"):
        text = "".join("".join(d.tree.itertext()) for d in docs) + "".join(nav.itertext())
        code = any(d.tree.find(f".//{h('pre')}") is not None
                   or d.tree.find(f".//{h('code')}") is not None for d in docs)
        font_files, faces = fonts(text, code=code)
    css = (faces + find_file(dirs, STYLESHEET).read_text(encoding="utf-8") + "\n"
           + stylesheet(scope=".code"))
    items = ([_document_item(NAV, serialise(nav), nav, "nav")]
             + [_document_item(d.name, serialise(d.tree), d.tree, spine=True) for d in docs]
             + [Item("css", STYLESHEET, "text/css", css.encode("utf-8"))]
             + [_resource_item(r) for r in pictures.resources + font_files])
    package = package_document(lecture, labels, items, draw,
                               dir=text_dir(lecture.meta.lang),
                               visual=bool(pictures.resources or lecture.charts))
    return epub_zip(items, package)


def _draw(env, name: str, **context) -> str:
    return render(env, name, chart_svg=chart_svg, highlight=highlight_html, **context)


def _document_item(name: str, data: bytes, tree: etree._Element, properties: str = "",
                   spine: bool = False) -> Item:
    """A content document, with the manifest properties EPUB asks for (inline SVG, MathML)."""
    found = [properties] if properties else []
    if tree.find(f".//{{{SVG}}}svg") is not None:
        found.append("svg")
    if tree.find(f".//{{{MATHML}}}math") is not None:
        found.append("mathml")
    return Item(Path(name).stem, name, XHTML_TYPE, data, " ".join(found), spine)


def _resource_item(resource: Resource) -> Item:
    ident = resource.href.replace("/", "-").replace(".", "-")
    return Item(ident, resource.href, resource.media_type, resource.data)


__all__ = ["Document", "epub_template_dirs", "render_epub"]
