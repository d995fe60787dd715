"""Text in slides: sizes a placeholder inherits, and paragraphs filled with explicit sizes."""

from __future__ import annotations

from pptx.util import Pt

from chapbook.deck.package import xml_text
from chapbook.plan.slideplan import Para


def inherited_size(placeholder, style: str) -> float:
    """The font size (pt) a placeholder's first level gets from its layout, master or theme.

    `style` is "title" or "body": the master's text style consulted last.
    """
    node = placeholder
    while node is not None:
        sizes = node._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
        if sizes:
            return int(sizes[0]) / 100
        node = getattr(node, "_base_placeholder", None)
    master = placeholder.part.slide_layout.slide_master if hasattr(
        placeholder.part, "slide_layout") else None
    if master is not None:
        path = f"./p:txStyles/p:{style}Style/a:lvl1pPr/a:defRPr/@sz"
        sizes = master._element.xpath(path)
        if sizes:
            return int(sizes[0]) / 100
    return 44.0 if style == "title" else 32.0


def fill(frame, paras: tuple[Para, ...], size: int, bullets: bool = False) -> None:
    """Put paragraphs into a text frame with explicit sizes (autofit is not relied on).

    `bullets`: draw bullet characters ourselves, for a plain text box that has no
    list style of its own (a placeholder takes its bullets from the theme).
    """
    frame.word_wrap = True
    first = True
    for para in paras:
        p = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        p.level = min(para.level, 8)
        if not para.bullet:
            _no_bullet(p)
        elif bullets:
            _bullet(p, para.level, size)
        for run in para.runs:
            r = p.add_run()
            r.text = xml_text(run.text)
            r.font.size = Pt(size - 2 * min(para.level, 2))
            if run.bold:
                r.font.bold = True
            if run.italic:
                r.font.italic = True


def _bullet(paragraph, level: int, size: int) -> None:
    """A theme-coloured bullet with a hanging indent, for text boxes."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    pPr = paragraph._p.get_or_add_pPr()
    indent = Pt(size * 0.9).emu
    pPr.set("marL", str(indent * (level + 1)))
    pPr.set("indent", str(-indent))
    colour = pPr.makeelement(a + "buClr", {})
    colour.append(colour.makeelement(a + "schemeClr", {"val": "accent1"}))
    pPr.append(colour)
    pPr.append(pPr.makeelement(a + "buFont", {"typeface": "Arial"}))
    pPr.append(pPr.makeelement(a + "buChar", {"char": "•" if level == 0 else "–"}))
    space = pPr.makeelement(a + "spcBef", {})
    space.append(space.makeelement(a + "spcPts", {"val": str(int(size * 35))}))
    pPr.insert(0, space)


def _no_bullet(paragraph) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", "0")
    pPr.set("indent", "0")
    for tag in ("a:buNone",):
        pPr.insert(0, pPr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}"
                                      + tag.split(":")[1], {}))
