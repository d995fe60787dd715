"""Bullets and list levels as the template draws them, written out where a slide would
otherwise lose them.

A placeholder inherits its bullets from its layout, its master and the master's body
style; a text box inherits nothing. LibreOffice writes a template's bullets only into the
master's sample paragraphs ("Click to edit the outline text format"), which slides do not
inherit either. So the template's list levels are read once, from the body style, else
from those sample paragraphs, else chapbook's own (accent-coloured bullet and dash), and
written into each paragraph of a text box, or of a placeholder whose template gives no
bullets at all. A placeholder whose template turns bullets off on purpose keeps them off.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from chapbook.deck.pptx_xml import A, element, master_placeholder_element

MARKS = ("buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts", "buFontTx", "buFont", "buNone",
         "buAutoNum", "buChar", "buBlip")
SHOWN = ("buChar", "buAutoNum", "buBlip")
HANG = 285750  # EMU: 0.3125 in between a bullet and its text, chapbook's own levels
STEP = 342900  # EMU: 0.375 in further in per level


@dataclass(frozen=True)
class Level:
    """One list level: its left margin and hanging indent (EMU) and its bullet elements."""

    margin: int
    indent: int
    marks: tuple  # a:buClr, a:buSzPct, a:buFont, a:buChar ... in schema order


def template_levels(master) -> tuple[Level, ...]:
    """The nine list levels of the template's body text."""
    root = element(master)
    style = root.find(f"./{_P}txStyles/{_P}bodyStyle")
    sample = master_placeholder_element(master, ("body", "obj"))
    levels = []
    for n in range(9):
        found = None
        if style is not None:
            found = _level(style.find(f"{A}lvl{n + 1}pPr"))
        if found is None and sample is not None:
            found = _level(sample.find(f"./{_P}txBody/{A}lstStyle/{A}lvl{n + 1}pPr"))
            if found is None:
                found = _level(_sample_paragraph(sample, n))
        levels.append(found or _own(n))
    return tuple(levels)


def _sample_paragraph(sample, n: int):
    for p in sample.iterfind(f"./{_P}txBody/{A}p"):
        ppr = p.find(f"{A}pPr")
        if ppr is not None and int(ppr.get("lvl", "0")) == n:
            return ppr
    return None


def _level(ppr) -> Level | None:
    """A level from paragraph properties that show a bullet; None if they show none."""
    if ppr is None or not any(ppr.find(A + tag) is not None for tag in SHOWN):
        return None
    marks = tuple(copy.deepcopy(child) for child in ppr
                  if etree.QName(child).localname in MARKS)
    margin = int(ppr.get("marL", "0"))
    indent = int(ppr.get("indent", "0"))
    if indent >= 0 or margin <= 0:  # no hanging indent: the bullet would sit on the text
        indent = -HANG
        margin = max(margin, HANG)
    return Level(margin, indent, marks)


def _own(n: int) -> Level:
    colour = "accent1" if n == 0 else "accent2"
    clr = etree.Element(A + "buClr")
    etree.SubElement(clr, A + "schemeClr", val=colour)
    font = etree.Element(A + "buFont", typeface="Arial")
    char = etree.Element(A + "buChar", char="•" if n % 2 == 0 else "–")
    return Level(HANG + n * STEP, -HANG, (clr, font, char))


def placeholder_shows_bullets(layout_placeholder, master, level: int) -> bool | None:
    """Whether a body placeholder's template draws bullets at `level` (from 0): True, False
    when it turns them off, None when nothing says (a slide would show none)."""
    chain = []
    if layout_placeholder is not None:
        own = element(layout_placeholder)
        chain.append(own.find(f"./{_P}txBody/{A}lstStyle/{A}lvl{level + 1}pPr"))
        kind = own.find(f"./{_P}nvSpPr/{_P}nvPr/{_P}ph")
        kinds = (kind.get("type", "obj"),) if kind is not None else ("body", "obj")
        sample = master_placeholder_element(master, kinds)
        if sample is not None:
            chain.append(sample.find(f"./{_P}txBody/{A}lstStyle/{A}lvl{level + 1}pPr"))
    chain.append(element(master).find(f"./{_P}txStyles/{_P}bodyStyle/{A}lvl{level + 1}pPr"))
    for ppr in chain:
        if ppr is None:
            continue
        if any(ppr.find(A + tag) is not None for tag in SHOWN):
            return True
        if ppr.find(A + "buNone") is not None:
            return False
    return None


def write_bullet(paragraph_properties, level: Level) -> None:
    """The level's margin, indent and bullet, written on one paragraph's `a:pPr`."""
    _clear_marks(paragraph_properties)
    paragraph_properties.set("marL", str(level.margin))
    paragraph_properties.set("indent", str(level.indent))
    for mark in level.marks:
        _insert(paragraph_properties, copy.deepcopy(mark))


def write_number(paragraph_properties, level: Level, start: int | None) -> None:
    """An automatic arabic number ("3.") at the level's margin; `start` on the first item."""
    _clear_marks(paragraph_properties)
    paragraph_properties.set("marL", str(max(level.margin, int(HANG * 1.3))))
    paragraph_properties.set("indent", str(-max(-level.indent, int(HANG * 1.3))))
    for mark in level.marks:
        if etree.QName(mark).localname in ("buClr", "buClrTx"):
            _insert(paragraph_properties, copy.deepcopy(mark))
    number = etree.Element(A + "buAutoNum", type="arabicPeriod")
    if start is not None and start != 1:
        number.set("startAt", str(start))
    _insert(paragraph_properties, number)


def write_no_bullet(paragraph_properties) -> None:
    _clear_marks(paragraph_properties)
    paragraph_properties.set("marL", "0")
    paragraph_properties.set("indent", "0")
    _insert(paragraph_properties, etree.Element(A + "buNone"))


# a:pPr children in schema order: lnSpc spcBef spcAft, then the bullet marks, then the rest
_ORDER = ("lnSpc", "spcBef", "spcAft", *MARKS, "tabLst", "defRPr", "extLst")
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _clear_marks(ppr) -> None:
    for child in list(ppr):
        if etree.QName(child).localname in MARKS:
            ppr.remove(child)


def _insert(ppr, new) -> None:
    """Insert `new` where the schema wants it among `ppr`'s children."""
    rank = _ORDER.index(etree.QName(new).localname)
    for n, child in enumerate(ppr):
        name = etree.QName(child).localname
        if name in _ORDER and _ORDER.index(name) > rank:
            ppr.insert(n, new)
            return
    ppr.append(new)
