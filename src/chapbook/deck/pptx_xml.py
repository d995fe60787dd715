"""Every reach below python-pptx's public API, in one place.

python-pptx does not expose alt text, reading order, slide-number fields, bullet
formatting of text boxes, inherited font sizes and colours, theme fonts and colours,
backgrounds or removing slides, so these few functions read and edit the XML (through
python-pptx's private `_element`s). If a python-pptx release changes its internals,
this is the module to mend.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NS = {"a": A[1:-1], "p": P[1:-1]}


def compile_xpaths() -> None:
    """python-pptx's XPath expressions compiled once each, not on every evaluation.

    python-pptx evaluates every XPath through `BaseOxmlElement.xpath`, which lxml compiles
    anew each call; the placeholder test (`./*[1]/p:nvPr/p:ph`) runs on every shape each
    time a slide's, layout's or master's placeholders are listed or a placeholder's
    inherited box is looked up, and took a third of a large deck's composition. The same
    expressions, with the same namespaces, compiled once (`etree.XPath`) give the same
    results. Idempotent; applies to the whole process.
    """
    from pptx.oxml.ns import _nsmap
    from pptx.oxml.xmlchemy import BaseOxmlElement

    if getattr(BaseOxmlElement.xpath, "compiled", False):
        return

    @lru_cache(maxsize=512)
    def compiled(path: str) -> etree.XPath:
        return etree.XPath(path, namespaces=_nsmap)

    def xpath(self, xpath_str: str):
        return compiled(xpath_str)(self)

    xpath.compiled = True
    xpath.__doc__ = BaseOxmlElement.xpath.__doc__
    BaseOxmlElement.xpath = xpath


def qualified_names_once() -> None:
    """python-pptx's tag names (`a:p`) turned into lxml's (`{uri}p`) once each.

    Every child element python-pptx looks up, adds or removes goes through `qn`, which
    splits the name and looks its prefix up again each time (1.6 us): 5,400 calls for
    the sample's 16 slides, 8 ms. The same names, kept (`lru_cache`), in every module of
    python-pptx that imported `qn`. Idempotent; applies to the whole process.
    """
    from pptx.oxml import ns

    if hasattr(ns.qn, "cache_info"):
        return
    plain = ns.qn
    kept = lru_cache(maxsize=1024)(plain)
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").partition(".")[0] == "pptx" and \
                getattr(module, "qn", None) is plain:
            module.qn = kept


def element(obj):
    """The lxml element under a python-pptx object (a master, layout, shape)."""
    return obj._element


def master_placeholder_element(master, kinds: tuple[str, ...]):
    """The master's placeholder of one of `kinds` ("title", "body", "obj" ...), or None."""
    for sp in master._element.iterfind(f"./{P}cSld/{P}spTree/{P}sp"):
        ph = sp.find(f"./{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type", "obj") in kinds:
            return sp
    return None


def sample_look(master, kinds: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(RRGGBB, typeface) of the first sample paragraph of the master's placeholder of one
    of `kinds`, for a master without text styles (LibreOffice keeps a template's colours
    and fonts there only, where slides do not inherit them); (None, None) otherwise."""
    if master._element.find(f"./{P}txStyles") is not None:
        return None, None
    sample = master_placeholder_element(master, kinds)
    if sample is None:
        return None, None
    colours = sample.xpath("./p:txBody/a:p[1]//a:rPr/a:solidFill/a:srgbClr/@val")
    faces = sample.xpath("./p:txBody/a:p[1]//a:rPr/a:latin/@typeface")
    return (colours[0].upper() if colours else None), (faces[0] if faces else None)


def master_body_size(master) -> float | None:
    """The size (pt) of the master's first-level body text: its body style, else the first
    sample paragraph of its body placeholder (where LibreOffice keeps it)."""
    sizes = master._element.xpath("./p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr/@sz")
    if not sizes:
        sample = master_placeholder_element(master, ("body", "obj"))
        if sample is not None:
            sizes = sample.xpath("./p:txBody/a:p[1]//a:rPr/@sz"
                                 " | ./p:txBody/a:p[1]/a:endParaRPr/@sz")
    return int(sizes[0]) / 100 if sizes else None


def own_box(shape) -> tuple[int | None, int | None, int | None, int | None]:
    """A shape's own (left, top, width, height) in EMU, None for each it does not set
    (a placeholder then inherits it from its layout)."""
    sp = shape._element
    return sp.x, sp.y, sp.cx, sp.cy


def remove_shape(shape) -> None:
    shape._element.getparent().remove(shape._element)


def set_description(shape, text: str) -> None:
    """The shape's alt text (`descr`), which screen readers read."""
    shape._element.xpath(".//p:cNvPr")[0].set("descr", text)


def first_in_reading_order(slide, shape) -> None:
    """Screen readers read shapes in tree order: move `shape` to the front."""
    tree = slide.shapes._spTree
    element = shape._element
    tree.remove(element)
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


def copy_placeholder(slide, layout_placeholder) -> None:
    """Put a copy of a layout's placeholder (the slide number field) on the slide; python-pptx
    only copies the placeholders a slide fills."""
    element = copy.deepcopy(layout_placeholder._element)
    tree = slide.shapes._spTree
    tree.append(element)
    ids = [int(x) for x in tree.xpath("//p:cNvPr/@id")]
    element.xpath("./p:nvSpPr/p:cNvPr")[0].set("id", str(max(ids) + 1))


def inherited_size(placeholder, style: str) -> float:
    """The font size (pt) a placeholder's first level gets from its layout, master or theme.

    `style` is "title" or "body": the master's text style consulted last. Works for a
    slide's placeholder and for a layout's own.
    """
    sizes = _inherited(placeholder, style, "a:defRPr/@sz")
    master = _master_of(placeholder.part)
    if not sizes and master is not None and style in ("title", "body"):
        sample = master_placeholder_element(master, ("title", "ctrTitle") if style == "title"
                                            else ("body", "obj"))
        if sample is not None:  # LibreOffice keeps sizes in the sample paragraphs only
            sizes = sample.xpath("./p:txBody/a:p[1]//a:rPr/@sz")
    if sizes:
        return int(sizes[0]) / 100
    return 44.0 if style == "title" else 32.0


def inherited_colour(placeholder, style: str) -> str | None:
    """The text colour a placeholder's first level gets (a scheme slot such as "lt1", or
    "#RRGGBB"), from its layout, master or the master's text style; None if none says."""
    fills = _inherited(placeholder, style, "a:defRPr/a:solidFill/*")
    return colour_of(fills[0]) if fills else None


def _inherited(placeholder, style: str, path: str) -> list:
    """The first non-empty match of `path` under the first level's properties, walking
    placeholder -> layout placeholder -> master placeholder -> master text style."""
    node = placeholder
    while node is not None:
        found = node._element.xpath(f"./p:txBody/a:lstStyle/a:lvl1pPr/{path}")
        if found:
            return found
        node = getattr(node, "_base_placeholder", None)
    master = _master_of(placeholder.part)
    if master is None:
        return []
    return master._element.xpath(f"./p:txStyles/p:{style}Style/a:lvl1pPr/{path}")


def _master_of(part):
    layout = getattr(part, "slide_layout", None)  # a slide's part
    if layout is not None:
        return layout.slide_master
    return getattr(part, "slide_master", None)  # a layout's part


def paragraph_properties(paragraph):
    """A paragraph's `a:pPr`, made if missing."""
    return paragraph._p.get_or_add_pPr()


def set_end_size(paragraph, points: float) -> None:
    """The size of a paragraph's end mark: an empty table cell is as tall as that, so it
    must be the text's size, not a client's default."""
    paragraph._p.get_or_add_endParaRPr().set("sz", str(int(points * 100)))


def set_space_before(paragraph, points: float) -> None:
    """Space before the paragraph, in points (replacing what it had)."""
    ppr = paragraph._p.get_or_add_pPr()
    for old in ppr.findall(A + "spcBef"):
        ppr.remove(old)
    space = ppr.makeelement(A + "spcBef", {})
    space.append(space.makeelement(A + "spcPts", {"val": str(int(points * 100))}))
    at = 1 if ppr.find(A + "lnSpc") is not None else 0
    ppr.insert(at, space)


def upright_labels(axis) -> None:
    """Category labels turned to read bottom to top, so many of them fit."""
    body = axis._element.get_or_add_txPr().find(A + "bodyPr")
    body.set("rot", "-5400000")
    body.set("vert", "horz")


def value_axis_at_last_category(chart) -> None:
    """The value axis drawn where the category axis ends: at the bottom of a bar chart whose
    categories run top to bottom (python-pptx sets this only the other way round)."""
    crosses = chart.value_axis._element.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/chart}crosses")
    if crosses is not None:
        crosses.set("val", "max")


def theme_fonts(prs) -> tuple[str | None, str | None]:
    """The theme's (major, minor) Latin typefaces: the fonts of titles and of body text."""
    theme = _theme_element(prs)
    if theme is None:
        return None, None
    major = theme.xpath("//a:fontScheme/a:majorFont/a:latin/@typeface", namespaces=NS)
    minor = theme.xpath("//a:fontScheme/a:minorFont/a:latin/@typeface", namespaces=NS)
    return (major[0] if major else None), (minor[0] if minor else None)


def text_typefaces(prs) -> tuple[str | None, str | None]:
    """The typefaces titles and body text are set in: the master's title and body styles
    (else its sample paragraphs, else the presentation's default text style) name one, or
    the theme's major or minor font (+mj-lt, +mn-lt). A template whose title style names
    no font sets its titles in the default, usually the minor font."""
    major, minor = theme_fonts(prs)

    def resolve(face: str | None) -> str | None:
        if face is None:
            return minor
        if face.startswith("+mj"):
            return major
        if face.startswith("+mn"):
            return minor
        return face

    master = prs.slide_master._element
    default = prs.part._element.xpath(
        "./p:defaultTextStyle/a:lvl1pPr/a:defRPr/a:latin/@typeface")

    def style(name: str, kinds: tuple[str, ...]) -> str | None:
        faces = master.xpath(f"./p:txStyles/p:{name}Style/a:lvl1pPr/a:defRPr/a:latin/@typeface")
        sample = master_placeholder_element(prs.slide_master, kinds)
        if not faces and sample is not None:
            faces = sample.xpath("./p:txBody/a:p[1]//a:rPr/a:latin/@typeface")
        faces = faces or default
        return resolve(faces[0] if faces else None)

    return style("title", ("title", "ctrTitle")), style("body", ("body", "obj"))


def theme_colours(prs) -> dict[str, str]:
    """The theme's colour scheme, slot -> "#RRGGBB" (dk1, lt1, dk2, lt2, accent1-6, hlink,
    folHlink); a slot the theme lacks, or gives in a form we do not read, is left out."""
    theme = _theme_element(prs)
    if theme is None:
        return {}
    out = {}
    for element in theme.xpath("//a:clrScheme/*/*", namespaces=NS):
        colour = colour_of(element)
        slot = etree.QName(element.getparent()).localname
        if colour and colour.startswith("#"):
            out[slot] = colour
    return out


# The colour map every master we know uses: background and text names -> scheme slots.
COLOUR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


def colour_of(element) -> str | None:
    """A DrawingML colour element as "#RRGGBB" or a scheme slot ("accent1"); tints and
    shades are ignored."""
    kind = etree.QName(element).localname
    if kind == "srgbClr":
        value = element.get("val", "")
    elif kind == "sysClr":
        value = element.get("lastClr", "")
    elif kind == "schemeClr":
        slot = element.get("val", "")
        return COLOUR_MAP.get(slot, slot) if slot.isalnum() else None
    else:
        return None
    return "#" + value.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


def background_colour(layout) -> str | None:
    """The solid colour behind a layout's slides (its own background, else its master's);
    None for a picture, a gradient or no background at all."""
    for element in (layout._element, layout.slide_master._element):
        background = element.xpath("./p:cSld/p:bg")
        if not background:
            continue
        fill = background[0].xpath("./p:bgPr/a:solidFill/* | ./p:bgRef/*")
        return colour_of(fill[0]) if fill else None
    return None


DECORATION_SHAPES = ("rect", "roundRect", "ellipse")
MAX_DECORATIONS = 24  # a layout's, with its master's


def decorations(layout) -> list[tuple[str, tuple[int, int, int, int], str]]:
    """The plain filled shapes (rectangles, rounded rectangles, ellipses) a layout's slides
    show behind their content, the master's first when the layout shows them:
    (shape, (x, y, cx, cy) in EMU, colour as for `colour_of`). Pictures, text and
    other geometry are left out."""
    trees = [layout._element]
    if layout._element.get("showMasterSp", "1") not in ("0", "false"):
        trees.insert(0, layout.slide_master._element)
    out = []
    for tree in trees:
        for shape in tree.xpath("./p:cSld/p:spTree/p:sp[not(p:nvSpPr/p:nvPr/p:ph)]"):
            found = _decoration(shape)
            if found is not None and len(out) < MAX_DECORATIONS:
                out.append(found)
    return out


def _decoration(shape) -> tuple[str, tuple[int, int, int, int], str] | None:
    geometry = shape.xpath("./p:spPr/a:prstGeom/@prst")
    fill = shape.xpath("./p:spPr/a:solidFill/*")
    offset, extent = shape.xpath("./p:spPr/a:xfrm/a:off"), shape.xpath("./p:spPr/a:xfrm/a:ext")
    if not (geometry and geometry[0] in DECORATION_SHAPES and fill and offset and extent):
        return None
    colour = colour_of(fill[0])
    try:
        box = tuple(int(e.get(k, "")) for e, k in ((offset[0], "x"), (offset[0], "y"),
                                                   (extent[0], "cx"), (extent[0], "cy")))
    except ValueError:
        return None
    return (geometry[0], box, colour) if colour else None


def _theme_element(prs):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return None


def drop_existing_slides(prs) -> None:
    """A theme may carry sample slides; the deck starts from its layouts only."""
    slides = prs.slides._sldIdLst
    for sld_id in list(slides):
        prs.part.drop_rel(sld_id.rId)
        slides.remove(sld_id)


def layout_of(placeholder) -> str:
    """The name of the layout a placeholder belongs to (or whose slide it is on)."""
    part = placeholder.part
    layout = getattr(part, "slide_layout", None)
    return (layout.name if layout is not None else getattr(part, "name", "")) or "?"


DEFAULT_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # Medium Style 2 - Accent 1


def table_style(prs) -> str:
    """The template's table style id: its table styles part's default, else the first style it
    defines, else PowerPoint's Medium Style 2 - Accent 1. A template without the part
    (LibreOffice writes none) gets one naming that default, without which LibreOffice
    draws tables unstyled."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    try:
        part = prs.part.part_related_by(RT.TABLE_STYLES)
    except KeyError:
        blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:tblStyleLst '
                f'xmlns:a="{A[1:-1]}" def="{DEFAULT_TABLE_STYLE}"/>').encode()
        part = Part(PackURI("/ppt/tableStyles.xml"), CT.PML_TABLE_STYLES, prs.part.package,
                    blob)
        prs.part.relate_to(part, RT.TABLE_STYLES)
        return DEFAULT_TABLE_STYLE
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return DEFAULT_TABLE_STYLE
    defined = root.xpath("./a:tblStyle/@styleId", namespaces=NS)
    return root.get("def") or (defined[0] if defined else DEFAULT_TABLE_STYLE)


def set_table_style(table_shape, style_id: str) -> None:
    """The table drawn in `style_id`, with a header row and banded rows."""
    tbl = table_shape._element.graphic.graphicData.tbl
    tbl_pr = tbl.tblPr
    tbl_pr.set("firstRow", "1")
    tbl_pr.set("bandRow", "1")
    for old in tbl_pr.findall(A + "tableStyleId"):
        tbl_pr.remove(old)
    node = tbl_pr.makeelement(A + "tableStyleId", {})
    node.text = style_id
    tbl_pr.append(node)


def remember_part_names(prs) -> None:
    """New part names without walking the whole package each time.

    python-pptx names each new notes page, chart and workbook by collecting every part
    name in the package (`OpcPackage.next_partname`), which made a deck's composition
    grow with the square of its slides (9 of 38 s for 400 slides). Here the names of each
    kind are collected once, when first asked for, and each name handed out is added:
    the same answer as python-pptx's, as long as parts are only added while composing.
    """
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    known: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in known:
            known[prefix] = {str(p.partname) for p in package.iter_parts()
                             if p.partname.startswith(prefix)}
        names = known[prefix]
        for n in range(len(names) + 1, 0, -1):
            if (candidate := tmpl % n) not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")  # cannot happen: n + 1 names

    package.next_partname = next_partname


def remember_slide_relationships(prs) -> None:
    """A new slide related to the presentation without comparing it to every slide before.

    python-pptx relates each new slide to the presentation part through
    `_Relationships.get_or_add`, which first looks for an existing relationship to that
    part by walking all of them (regrouped by type on every call): the square of the
    slides again. A slide part python-pptx has just made has no relationship yet, so for
    a target not among the part's relationships when composing began, nor added since,
    the relationship is added straight away: the rId python-pptx would give, as long as
    relationships are only added while composing.
    """
    rels = prs.part.rels
    known = {id(rel.target_part) for rel in rels.values() if not rel.is_external}
    get_or_add = rels.get_or_add

    def relate(reltype: str, target_part) -> str:
        if id(target_part) in known:
            return get_or_add(reltype, target_part)
        known.add(id(target_part))
        return rels._add_relationship(reltype, target_part)

    rels.get_or_add = relate


class SlideCopier:
    """New slides and notes pages with their placeholders copied, not built anew.

    python-pptx gives each new slide its layout's placeholders (and each notes page the
    notes master's) by building every one afresh: reading the layout's shapes, choosing a
    name and an id, writing and parsing its XML. What it builds is the same for every
    slide of a layout, since a new slide starts empty, so the first slide of each layout
    (and the first notes page) is made by python-pptx and kept, and later ones get deep
    copies of its placeholders: the same XML. Slide ids are counted on from the first
    one python-pptx chooses rather than searched for among all the slides each time; the
    same ids, as long as slides are only added through this while composing.
    """

    def __init__(self, prs):
        self.prs = prs
        self.slides: dict[str, list] = {}  # layout part name -> its new slide's placeholders
        self.notes: list | None = None
        self.next_id: int | None = None
        self.layouts: dict[str, object] | None = None  # part name -> layout part (`adopt`)

    def add_slide(self, layout):
        """A new slide from `layout`, as `prs.slides.add_slide` makes it."""
        rId, slide = self.prs.part.add_slide(layout)
        kept = self.slides.get(str(layout.part.partname))
        if kept is None:
            slide.shapes.clone_layout_placeholders(layout)
            self.slides[str(layout.part.partname)] = _shape_copies(slide)
        else:
            _insert_copies(slide, kept)
        self._listed(rId)
        return slide

    def _listed(self, rId: str) -> None:
        slide_ids = self.prs.slides._sldIdLst
        if self.next_id is None:
            self.next_id = slide_ids._next_id
        slide_ids._add_sldId(id=self.next_id, rId=rId)
        self.next_id += 1

    def adopt(self, made: MadeAlone) -> None:
        """A slide composed by another process from the same theme (`deck.parts`), added
        as composing it here adds it: the slide part, then its notes page, each named and
        related in the same order, with the XML made there."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.oxml import parse_xml
        from pptx.parts.slide import NotesSlidePart, SlidePart

        presentation = self.prs.part
        package = presentation.package
        if self.layouts is None:
            self.layouts = {str(layout.part.partname): layout.part
                            for master in self.prs.slide_masters
                            for layout in master.slide_layouts}
        layout = self.layouts[made.layout]  # the same theme's: there
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, package,
                         parse_xml(made.slide))
        part.relate_to(layout, RT.SLIDE_LAYOUT)
        self._listed(presentation.relate_to(part, RT.SLIDE))
        if made.notes is not None:
            notes = NotesSlidePart._add_notes_slide_part(package, part,
                                                         presentation.notes_master_part)
            notes._element = parse_xml(made.notes)  # new, unread: nothing holds the old one
            part.relate_to(notes, RT.NOTES_SLIDE)

    def notes_slide(self, slide):
        """The slide's notes page, made as `slide.notes_slide` makes it when it has none."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        if self.notes is None or slide.has_notes_slide:
            notes = slide.notes_slide
            if self.notes is None:
                self.notes = _shape_copies(notes)
            return notes
        slide_part = slide.part
        package = slide_part.package
        notes_part = NotesSlidePart._add_notes_slide_part(
            package, slide_part, package.presentation_part.notes_master_part)
        _insert_copies(notes_part.notes_slide, self.notes)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return slide.notes_slide


@dataclass(frozen=True)
class MadeAlone:
    """A slide as composed in another process, for `SlideCopier.adopt`: its layout's part
    name, its XML and its notes page's (None without notes)."""

    layout: str
    slide: bytes
    notes: bytes | None


def made_alone(prs) -> MadeAlone | None:
    """The last slide added, as `SlideCopier.adopt` can add it to another deck of the same
    theme: a slide related to its layout and notes page only, the notes page to the
    notes master and the slide (pictures, charts and links relate it to parts or
    addresses of their own: None)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    presentation = prs.part
    part = presentation.related_part(prs.slides._sldIdLst[-1].rId)
    rels = sorted((rId, rel.reltype) for rId, rel in part.rels.items())
    if rels not in ([("rId1", RT.SLIDE_LAYOUT)],
                    [("rId1", RT.SLIDE_LAYOUT), ("rId2", RT.NOTES_SLIDE)]):
        return None
    notes = None
    if len(rels) == 2:
        notes_part = part.related_part("rId2")
        if sorted((rId, rel.reltype) for rId, rel in notes_part.rels.items()) != [
                ("rId1", RT.NOTES_MASTER), ("rId2", RT.SLIDE)]:
            return None
        notes = notes_part.blob
    return MadeAlone(str(part.related_part("rId1").partname), part.blob, notes)


def _shape_copies(slide) -> list:
    return [copy.deepcopy(sp) for sp in slide.shapes._spTree.iter_shape_elms()]


def _insert_copies(slide, shapes: list) -> None:
    tree = slide.shapes._spTree
    for sp in shapes:
        tree.insert_element_before(copy.deepcopy(sp), "p:extLst")


def package_entries(prs) -> list[tuple[str, bytes]]:
    """(zip member name, contents) of every entry `prs.save` would write, in its order,
    for a caller to zip once as it needs (saving, then reading back to restamp every
    entry, compressed the whole deck twice)."""
    from pptx.opc.serialized import PackageWriter

    class Entries(list):
        def write(self, pack_uri, blob: bytes) -> None:
            self.append((pack_uri.membername, blob))

    package = prs.part.package
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
    entries = Entries()
    writer._write_content_types_stream(entries)
    writer._write_pkg_rels(entries)
    writer._write_parts(entries)
    return entries
