"""HTML from the templates, read as a browser reads it and written back as XHTML.

The templates (and the booklet's block partials they share) write HTML5: void
elements without a slash, inline SVG without prefixes. EPUB wants XML. tinyhtml5
(WeasyPrint's own HTML parser) reads the HTML by the WHATWG rules, so SVG elements
and attributes get their namespace and their case (`viewBox`) back; the tree is
then rebuilt in lxml and serialised as XML. `epub:type` written in a template
becomes the attribute of the EPUB namespace.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
OPS = "http://www.idpf.org/2007/ops"
XML = "http://www.w3.org/XML/1998/namespace"
XMLNS = "http://www.w3.org/2000/xmlns/"
MATHML = "http://www.w3.org/1998/Math/MathML"
NSMAP = {None: XHTML, "epub": OPS}
_OWN_NSMAP = {SVG: {None: SVG, "xlink": XLINK}, MATHML: {None: MATHML}}


def h(tag: str) -> str:
    """An XHTML element's qualified name."""
    return f"{{{XHTML}}}{tag}"


def parse_html(html: str) -> etree._Element:
    """The page as an lxml tree of XHTML (and SVG) elements."""
    import tinyhtml5

    return _rebuilt(tinyhtml5.parse(html), None)


def _rebuilt(source: ET.Element, parent: etree._Element | None) -> etree._Element:
    tag = source.tag if isinstance(source.tag, str) else ""
    namespace = etree.QName(tag).namespace if tag.startswith("{") else None
    if parent is None:
        element = etree.Element(tag, nsmap=NSMAP)
    elif namespace != etree.QName(parent).namespace:  # SVG or MathML inside XHTML
        element = etree.SubElement(parent, tag, nsmap=_OWN_NSMAP.get(namespace, {}))
    else:
        element = etree.SubElement(parent, tag)
    for name, value in source.attrib.items():
        if name.startswith(f"{{{XMLNS}}}") or name == "xmlns":
            continue  # namespace declarations: lxml writes its own
        if name.startswith("epub:"):
            name = f"{{{OPS}}}{name.removeprefix('epub:')}"
        elif name.startswith("xml:"):
            name = f"{{{XML}}}{name.removeprefix('xml:')}"
        elif ":" in name and not name.startswith("{"):
            continue  # a prefix XML does not know
        element.set(name, value)
    element.text = source.text
    for child in source:
        if not isinstance(child.tag, str):  # a comment: dropped, its tail kept
            _append_text(element, child.tail)
            continue
        _rebuilt(child, element).tail = child.tail
    return element


def _append_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def serialise(root: etree._Element) -> bytes:
    """An XHTML content document: XML declaration, doctype, UTF-8."""
    return etree.tostring(root, xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>")
