#!/usr/bin/env python3
"""Write foreign PowerPoint templates, unlike chapbook's own theme, to test `--theme` on.

Each template comes with a JSON sidecar `<name>.json` for tests, written from the same
constants the template is built from (not read back from the file, so a test can
compare the two). Its keys: `name`; `source` (python-pptx, or the LibreOffice that
wrote the file); `slide_size` {cx, cy}; `fonts` {major, minor}; `decorations`, the
master's shapes that are not placeholders and that content must not cover, each
{name, x, y, cx, cy, background, under_title} in EMU (`background`: it covers most of
the slide, so content cannot avoid it; `under_title`: the master's title placeholder
is designed to sit on it, so only the title may); `layouts` in file order, each {name, role,
show_master_shapes, decorations} (its own decorations; the master's show on it only
with show_master_shapes); `missing_roles`. Roles: title, content, two-content, section,
title-only, blank, picture, or null for a layout chapbook has no use for.

* `band.pptx`: 16:9, PowerPoint's standard layout names and types, but a master with a
  coloured footer band (12 % of the height), a thin rule on it and a round "logo" in the
  top right corner, none of them placeholders; body placeholders end above the band;
  Arial for titles and text; a dark navy and orange colour scheme; bullets defined in
  the master's bodyStyle with Wingdings squares, dashes and guillemets.
* `named.pptx`: 16:10 (PowerPoint's "On-screen Show (16:10)", 10 x 6.25 in), layouts
  with house names and no `type` attribute (as layouts added with Insert Layout are):
  Cover, Chapter, Bullets, Two Columns, Heading Only, Empty; body placeholders with the
  idx numbers PowerPoint gives inserted placeholders (13, 14, 15); a header band behind
  the title (white title text), a gold rule under it and a footer band; the Cover hides
  the master's shapes and has a background of its own; Times New Roman and Arial.
* `classic43.pptx`: 4:3 as LibreOffice Impress writes a .pptx. With `soffice` on the
  path, LibreOffice itself writes it: a minimal flat ODP is opened and saved as flat ODP
  (LibreOffice fills in its default master), the page is set to 28 x 21 cm with the
  master's frames scaled as Impress's "fit objects" does, and that is converted to
  .pptx. Only the random field ids and the zip dates are then fixed. What LibreOffice
  7.4 writes: twelve layouts named "Blank Slide", "Title Slide", "Title, Content",
  "Title, 2 Content", "Title Only", "Centered Text", "Title, 2 Content and Content" ...,
  no "Section Header"; title and content placeholders without idx (all idx 0); no
  text styles in the master (bullets live in the master's sample paragraphs); no
  table styles part. (LibreOffice 7.4's bundled templates are no better base: 21 of
  23 are 16:9; the two 4:3 ones, Vintage and Nature Illustration, have several
  masters, the first a title-page design, and full-slide background pictures.)
  Without `soffice` (or with `--no-soffice`) an equivalent is built
  with python-pptx from the same facts; the sidecar's `source` says which.

`--libreoffice-samples` also converts a few of LibreOffice's bundled Impress templates
(Blue Curve, Focus, Vintage) as they are, when soffice and the templates exist; their
sidecars are read from the converted files, and add `master` (its index) to each layout
and `master_decorations` (one list per master), since those templates have several.

Everything is deterministic (fixed dates, zip times and ids) and needs no network.

Usage::

    python tools/make_test_templates.py --out DIR [--no-soffice] [--libreoffice-samples]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import SlideLayoutPart

IN = 914400  # EMU per inch
CM = 360000  # EMU per centimetre
FIXED_DATE = dt.datetime(2024, 1, 1)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
ROLES = ("title", "content", "two-content", "section", "title-only", "blank", "picture")
LO_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
LO_SAMPLES = ("Blue_Curve", "Focus", "Vintage")


def inch(value: float) -> int:
    return round(value * IN)


@dataclass
class Deco:
    """A decoration: a filled shape that is not a placeholder."""

    name: str
    box: tuple[int, int, int, int]  # x, y, cx, cy in EMU
    fill: str  # scheme colour name or RRGGBB
    shape: str = "rect"
    text: str = ""
    under_title: bool = False  # the title placeholder is designed to sit on it

    def as_json(self) -> dict:
        x, y, cx, cy = self.box
        return {"name": self.name, "x": x, "y": y, "cx": cx, "cy": cy, "background": False,
                "under_title": self.under_title}


@dataclass
class Layout:
    name: str
    role: str | None
    shapes: list[str]  # placeholder XML, built by `ph`
    kind: str | None = None  # the sldLayout type attribute; None leaves it out
    decorations: list[Deco] = field(default_factory=list)
    show_master: bool = True
    background: str | None = None


@dataclass
class Spec:
    """Everything a template is built from; the sidecar is written from it."""

    name: str
    size: tuple[int, int]
    size_type: str | None
    fonts: tuple[str, str]  # major (titles), minor (body)
    colors: dict[str, str]
    master_shapes: list[str]
    decorations: list[Deco]
    title_style: str
    body_style: str
    layouts: list[Layout]


# --------------------------------------------------------------------------------------
# XML pieces
# --------------------------------------------------------------------------------------


def xfrm(box) -> str:
    x, y, cx, cy = (round(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def solid(color: str) -> str:
    if re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def ph(sp_id: int, name: str, attrs: str, box=None, lst: str = "", anchor: str = "",
       text: str = "") -> str:
    """A placeholder; without `box` it takes its position from the master."""
    geometry = f"<p:spPr>{xfrm(box)}</p:spPr>" if box else "<p:spPr/>"
    body_pr = f'<a:bodyPr anchor="{anchor}"/>' if anchor else "<a:bodyPr/>"
    if 'type="sldNum"' in attrs:  # the number is a field, as in every real template
        digest = hashlib.sha1(f"{sp_id}{name}{attrs}".encode()).hexdigest().upper()
        para = (f'<a:p><a:fld id="{{{guid(digest)}}}" type="slidenum"><a:rPr lang="en-GB"/>'
                f"<a:t>{text or '‹#›'}</a:t></a:fld></a:p>")
    elif text:
        para = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{text}</a:t></a:r></a:p>'
    else:
        para = '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{name}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph {attrs}/></p:nvPr></p:nvSpPr>{geometry}"
            f"<p:txBody>{body_pr}<a:lstStyle>{lst}</a:lstStyle>{para}</p:txBody></p:sp>")


def deco_sp(sp_id: int, deco: Deco) -> str:
    text = ""
    if deco.text:
        text = ('<p:txBody><a:bodyPr anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/>'
                f'<a:r><a:rPr lang="en-GB" sz="1800" b="1">{solid("FFFFFF")}</a:rPr>'
                f"<a:t>{deco.text}</a:t></a:r></a:p></p:txBody>")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{deco.name}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(deco.box)}'
            f'<a:prstGeom prst="{deco.shape}"><a:avLst/></a:prstGeom>{solid(deco.fill)}'
            f"<a:ln><a:noFill/></a:ln></p:spPr>{text}</p:sp>")


def sp_tree(shapes: list[str]) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            '</p:nvGrpSpPr><p:grpSpPr/>' + "".join(shapes) + "</p:spTree>")


def background(color: str | None) -> str:
    if color is None:
        return '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    return f"<p:bg><p:bgPr>{solid(color)}<a:effectLst/></p:bgPr></p:bg>"


def lvl(n: int, inner: str = "", attrs: str = "", size: int | None = None,
        color: str | None = None, extra_run: str = "") -> str:
    """One list level: paragraph properties, then the default run properties."""
    run_attrs = f' sz="{size}"' if size else ""
    fill = solid(color) if color else ""
    return (f"<a:lvl{n}pPr{attrs}>{inner}<a:defRPr{run_attrs}{extra_run}>{fill}"
            f"</a:defRPr></a:lvl{n}pPr>")


def bullet(char: str, font: str, color: str) -> str:
    charset = ' pitchFamily="2" charset="2"' if font == "Wingdings" else ""
    return (f'<a:buClr><a:schemeClr val="{color}"/></a:buClr>'
            f'<a:buFont typeface="{font}"{charset}/><a:buChar char="{char}"/>')


def text_styles(title: str, body: str) -> str:
    other = "".join(lvl(i + 1, attrs=f' marL="{i * 457200}"', size=1800) for i in range(9))
    return (f"<p:txStyles {nsdecls('a', 'p')}><p:titleStyle>{title}</p:titleStyle>"
            f"<p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle>"
            "</p:txStyles>")


def body_levels(bullets: list[tuple[str, str, str]], sizes: list[int]) -> str:
    levels = []
    for i in range(9):
        char, font, color = bullets[min(i, len(bullets) - 1)]
        hang = inch(0.28)
        attrs = f' marL="{hang + i * inch(0.35)}" indent="{-hang}"'
        space = '<a:spcBef><a:spcPts val="600"/></a:spcBef>'
        levels.append(lvl(i + 1, space + bullet(char, font, color), attrs,
                          sizes[min(i, len(sizes) - 1)], "tx1",
                          ' kern="1200"'))
    return "".join(levels)


def footers(first_id: int, idx: tuple[int, int, int] = (10, 11, 12)) -> list[str]:
    return [ph(first_id, "Date Placeholder", f'type="dt" sz="half" idx="{idx[0]}"'),
            ph(first_id + 1, "Footer Placeholder", f'type="ftr" sz="quarter" idx="{idx[1]}"'),
            ph(first_id + 2, "Slide Number Placeholder",
               f'type="sldNum" sz="quarter" idx="{idx[2]}"')]


# --------------------------------------------------------------------------------------
# band.pptx: standard names, a footer band and a logo on the master
# --------------------------------------------------------------------------------------


def band_spec() -> Spec:
    w, h = 12192000, 6858000
    band_h = round(h * 0.12)
    band_y = h - band_h
    margin = inch(0.6)
    logo = inch(0.85)
    decorations = [
        Deco("Footer Band", (0, band_y, w, band_h), "accent1"),
        Deco("Band Rule", (0, band_y - inch(0.06), w, inch(0.06)), "accent2"),
        Deco("Logo", (w - inch(0.4) - logo, inch(0.3), logo, logo), "accent2", "ellipse", "A"),
    ]
    title_box = (margin, inch(0.35), w - margin - inch(1.55), inch(1.0))
    body_top = inch(1.55)
    body_bottom = band_y - inch(0.3)
    body_box = (margin, body_top, w - 2 * margin, body_bottom - body_top)
    foot_y, foot_h = band_y + (band_h - inch(0.4)) // 2, inch(0.4)
    white = lvl(1, size=1200, color="bg1")
    master = [
        ph(2, "Title Placeholder 1", 'type="title"', title_box, anchor="b",
           text="Click to edit Master title style"),
        ph(3, "Text Placeholder 2", 'type="body" idx="1"', body_box,
           text="Click to edit Master text styles"),
        ph(4, "Date Placeholder 3", 'type="dt" sz="half" idx="2"',
           (margin, foot_y, inch(2.5), foot_h), white, "ctr"),
        ph(5, "Footer Placeholder 4", 'type="ftr" sz="quarter" idx="3"',
           ((w - inch(5)) // 2, foot_y, inch(5), foot_h),
           lvl(1, attrs=' algn="ctr"', size=1200, color="bg1"), "ctr"),
        ph(6, "Slide Number Placeholder 5", 'type="sldNum" sz="quarter" idx="4"',
           (w - margin - inch(1.5), foot_y, inch(1.5), foot_h),
           lvl(1, attrs=' algn="r"', size=1200, color="bg1"), "ctr"),
    ]
    title_style = lvl(1, '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:buNone/>',
                      ' algn="l"', 3200, "tx2", ' b="1" kern="1200"')
    body_style = body_levels(
        [("§", "Wingdings", "accent2"), ("–", "Arial", "accent1"), ("»", "Arial", "accent2")],
        [2000, 1800, 1600, 1400])
    col_w = (w - 2 * margin - inch(0.4)) // 2
    half = body_box[3]
    hero_lst = lvl(1, size=3600, color="tx2")
    sub_lst = lvl(1, "<a:buNone/>", ' marL="0" indent="0"', 2000, "accent1")
    cap_w = inch(3.8)
    layouts = [
        Layout("Title Slide", "title", [
            ph(2, "Title 1", 'type="ctrTitle"', (margin, inch(1.9), inch(10.5), inch(1.7)),
               hero_lst, "b"),
            ph(3, "Subtitle 2", 'type="subTitle" idx="1"',
               (margin, inch(3.8), inch(10.5), inch(1.3)), sub_lst),
            *footers(4)], "title",
            [Deco("Title Accent", (inch(0.3), inch(1.9), inch(0.1), inch(3.2)), "accent2")]),
        Layout("Title and Content", "content", [
            ph(2, "Title 1", 'type="title"'), ph(3, "Content Placeholder 2", 'idx="1"'),
            *footers(4)], "obj"),
        Layout("Section Header", "section", [
            ph(2, "Title 1", 'type="title"', (margin, inch(2.2), inch(10.5), inch(1.5)),
               hero_lst, "b"),
            ph(3, "Text Placeholder 2", 'type="body" idx="1"',
               (margin, inch(3.8), inch(10.5), inch(1.0)), sub_lst),
            *footers(4)], "secHead"),
        Layout("Two Content", "two-content", [
            ph(2, "Title 1", 'type="title"'),
            ph(3, "Content Placeholder 2", 'sz="half" idx="1"', (margin, body_top, col_w, half)),
            ph(4, "Content Placeholder 3", 'sz="half" idx="2"',
               (w - margin - col_w, body_top, col_w, half)),
            *footers(5)], "twoObj"),
        Layout("Title Only", "title-only", [ph(2, "Title 1", 'type="title"'), *footers(3)],
               "titleOnly"),
        Layout("Blank", "blank", footers(2), "blank"),
        Layout("Picture with Caption", "picture", [
            ph(2, "Title 1", 'type="title"', (margin, body_top, cap_w, inch(1.2)),
               lvl(1, size=2400), "b"),
            ph(3, "Picture Placeholder 2", 'type="pic" idx="1"',
               (margin + cap_w + inch(0.4), body_top, w - 2 * margin - cap_w - inch(0.4), half)),
            ph(4, "Text Placeholder 3", 'type="body" sz="half" idx="2"',
               (margin, body_top + inch(1.3), cap_w, half - inch(1.3)),
               lvl(1, "<a:buNone/>", ' marL="0" indent="0"', 1600)),
            *footers(5)], "picTx"),
    ]
    colors = {"dk1": "1A1A1A", "lt1": "FFFFFF", "dk2": "1B2A41", "lt2": "E9EDF2",
              "accent1": "1B2A41", "accent2": "D9661F", "accent3": "3E7CB1",
              "accent4": "7A8B99", "accent5": "2E7D5B", "accent6": "A63446",
              "hlink": "2F6690", "folHlink": "6D597A"}
    return Spec("band", (w, h), None, ("Arial", "Arial"), colors, master, decorations,
                title_style, body_style, layouts)


# --------------------------------------------------------------------------------------
# named.pptx: house names, custom layouts, header and footer bands, 16:10
# --------------------------------------------------------------------------------------


def named_spec() -> Spec:
    w, h = 9144000, 5715000
    margin = inch(0.5)
    head_h = inch(0.95)
    foot_h = inch(0.42)
    decorations = [
        Deco("Header Band", (0, 0, w, head_h), "accent1", under_title=True),
        Deco("Header Rule", (0, head_h, w, inch(0.05)), "accent2"),
        Deco("Footer Band", (0, h - foot_h, w, foot_h), "tx2"),
    ]
    title_box = (margin, inch(0.12), w - 2 * margin, inch(0.72))
    body_top = head_h + inch(0.3)
    body_box = (margin, body_top, w - 2 * margin, h - foot_h - inch(0.2) - body_top)
    foot = lvl(1, attrs=' algn="r"', size=1100, color="bg1")
    master = [
        ph(2, "Title Placeholder 1", 'type="title"', title_box, anchor="ctr",
           text="Click to edit Master title style"),
        ph(3, "Text Placeholder 2", 'type="body" idx="1"', body_box,
           text="Click to edit Master text styles"),
        ph(4, "Footer Placeholder 3", 'type="ftr" sz="quarter" idx="3"',
           (margin, h - foot_h, inch(5), foot_h), lvl(1, size=1100, color="bg1"), "ctr"),
        ph(5, "Slide Number Placeholder 4", 'type="sldNum" sz="quarter" idx="4"',
           (w - margin - inch(1.2), h - foot_h, inch(1.2), foot_h), foot, "ctr"),
    ]
    title_style = lvl(1, "<a:buNone/>", ' algn="l"', 2800, "bg1", ' kern="1200"')
    body_style = body_levels([("•", "Arial", "accent1"), ("–", "Arial", "accent1")],
                             [2000, 1800, 1600])
    col_w = (body_box[2] - inch(0.35)) // 2
    num = ph(9, "Slide Number Placeholder", 'type="sldNum" sz="quarter" idx="12"')
    dark_title = lvl(1, size=3600, color="tx2")
    plain = lvl(1, "<a:buNone/>", ' marL="0" indent="0"', 1800, "tx1")
    layouts = [
        Layout("Cover", "title", [
            ph(2, "Title 1", 'type="ctrTitle"', (margin, inch(1.5), w - 2 * margin, inch(1.6)),
               lvl(1, size=4000, color="bg1"), "b"),
            ph(3, "Subtitle 2", 'type="subTitle" idx="1"',
               (margin, inch(3.45), w - 2 * margin, inch(1.2)),
               lvl(1, "<a:buNone/>", ' marL="0" indent="0"', 2000, "lt2"))],
            decorations=[Deco("Cover Rule", (margin, inch(3.25), inch(1.4), inch(0.06)),
                              "accent2")],
            show_master=False, background="accent1"),
        Layout("Chapter", "section", [
            ph(2, "Title 1", 'type="title"', (inch(0.9), inch(1.7), w - inch(1.4), inch(1.3)),
               dark_title, "b"),
            ph(3, "Text Placeholder 2", 'type="body" idx="1"',
               (inch(0.9), inch(3.1), w - inch(1.4), inch(1.0)), plain),
            num], decorations=[Deco("Chapter Bar", (0, head_h + inch(0.05), inch(0.35),
                                                    h - foot_h - head_h - inch(0.05)),
                                    "accent2")]),
        Layout("Bullets", "content", [
            ph(2, "Title 1", 'type="title"'),
            ph(3, "Text Placeholder 2", 'type="body" sz="quarter" idx="13"', body_box), num]),
        Layout("Two Columns", "two-content", [
            ph(2, "Title 1", 'type="title"'),
            ph(3, "Content Placeholder 2", 'sz="quarter" idx="14"',
               (margin, body_top, col_w, body_box[3])),
            ph(4, "Content Placeholder 3", 'sz="quarter" idx="15"',
               (w - margin - col_w, body_top, col_w, body_box[3])), num]),
        Layout("Heading Only", "title-only", [ph(2, "Title 1", 'type="title"'), num]),
        Layout("Empty", "blank", []),
    ]
    colors = {"dk1": "222222", "lt1": "FFFFFF", "dk2": "1F3D33", "lt2": "E4EFE9",
              "accent1": "2F6B4F", "accent2": "C9A227", "accent3": "5B8E7D",
              "accent4": "8C5E3C", "accent5": "3B6EA5", "accent6": "9E2A2B",
              "hlink": "2B5D9B", "folHlink": "6B4C9A"}
    return Spec("named", (w, h), "screen16x10", ("Times New Roman", "Arial"), colors,
                master, decorations, title_style, body_style, layouts)


# --------------------------------------------------------------------------------------
# Building a spec into a .pptx with python-pptx
# --------------------------------------------------------------------------------------


def build_spec(spec: Spec) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = spec.size
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)
    if spec.size_type:
        size.set("type", spec.size_type)
    master = prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    theme.blob = themed(theme.blob, spec)

    shapes = [deco_sp(10 + i, d) for i, d in enumerate(spec.decorations)] + spec.master_shapes
    replace_csld(master._element, sp_tree(shapes), background(None))
    styles = master._element.find(qn("p:txStyles"))
    styles.addprevious(parse_xml(text_styles(spec.title_style, spec.body_style)))
    master._element.remove(styles)

    layouts = list(prs.slide_layouts)
    for extra in layouts[len(spec.layouts):]:
        prs.slide_layouts.remove(extra)
    for layout, wanted in zip(prs.slide_layouts, spec.layouts, strict=True):
        fill_layout(layout._element, wanted)
    return package(prs, f"{spec.name} (chapbook test template)")


def fill_layout(el, layout: Layout) -> None:
    for attr in ("type", "preserve", "showMasterSp"):
        el.attrib.pop(attr, None)
    if layout.kind:
        el.set("type", layout.kind)
    el.set("preserve", "1")
    if not layout.show_master:
        el.set("showMasterSp", "0")
    shapes = [deco_sp(20 + i, d) for i, d in enumerate(layout.decorations)] + layout.shapes
    bg = background(layout.background) if layout.background else ""
    replace_csld(el, sp_tree(shapes), bg, layout.name)


def replace_csld(el, tree: str, bg: str, name: str | None = None) -> None:
    old = el.find(qn("p:cSld"))
    named = f' name="{name}"' if name else ""
    old.addprevious(parse_xml(f"<p:cSld {nsdecls('a', 'p')}{named}>{bg}{tree}</p:cSld>"))
    el.remove(old)


def themed(blob: bytes, spec: Spec) -> bytes:
    theme = etree.fromstring(blob)
    theme.set("name", spec.name)
    clr = theme.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    clr.set("name", spec.name)
    for key, value in spec.colors.items():
        slot = clr.find(qn(f"a:{key}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=value)
    fonts = theme.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    fonts.set("name", spec.name)
    for tag, face in zip(("a:majorFont", "a:minorFont"), spec.fonts, strict=True):
        fonts.find(qn(tag)).find(qn("a:latin")).set("typeface", face)
    return etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def package(prs, title: str) -> bytes:
    """Save with fixed properties, no stale thumbnail, and fixed zip dates."""
    pkg = prs.part.package
    for r_id, rel in list(pkg._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.drop_rel(r_id)
    for r_id, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.rels.pop(r_id)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = title, "", ""
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------
# classic43.pptx: what LibreOffice writes
# --------------------------------------------------------------------------------------

LO_W, LO_H = 10080625, 7559675  # 28 x 21 cm, as LibreOffice rounds them
# LibreOffice's layouts in the order it writes them, with their types and roles.
LO_LAYOUTS = [
    ("Blank Slide", "blank", "blank", 0), ("Title Slide", "tx", "title", 0),
    ("Title, Content", "obj", "content", 1), ("Title, 2 Content", "twoObj", "two-content", 2),
    ("Title Only", "titleOnly", "title-only", 0), ("Centered Text", "objOnly", None, 0),
    ("Title, 2 Content and Content", "twoObjAndObj", None, 3),
    ("Title Content and 2 Content", "objAndTwoObj", None, 3),
    ("Title, 2 Content over Content", "twoObjOverTx", None, 3),
    ("Title, Content over Content", "objOverTx", None, 2),
    ("Title, 4 Content", "fourObj", None, 4), ("Title, 6 Content", "blank", None, 6),
]
# LibreOffice's default master scaled to 4:3 (cm): title, outline, date, footer, number.
LO_TITLE = (1.4 * CM, 0.837 * CM, 25.199 * CM, 3.505 * CM)
LO_BODY = (1.4 * CM, 4.913 * CM, 25.199 * CM, 12.179 * CM)
LO_FOOT_Y, LO_FOOT_H = 19.131 * CM, 1.447 * CM
MINIMAL_FODP = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:body><office:presentation>
  <draw:page draw:name="page1" presentation:presentation-page-layout-name="AL1T0"/>
 </office:presentation></office:body>
</office:document>
"""
ODF = {
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}


def classic43_lo(soffice: str) -> bytes:
    """LibreOffice's own 4:3 presentation saved as .pptx."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "in" / "classic43.fodp").write_text(MINIMAL_FODP, encoding="utf-8")
        run_soffice(soffice, work, "fodp", work / "in" / "classic43.fodp", work / "flat")
        flat = work / "flat" / "classic43.fodp"
        flat.write_bytes(four_by_three(flat.read_bytes()))
        run_soffice(soffice, work, "pptx", flat, work / "out")
        data = (work / "out" / "classic43.pptx").read_bytes()
    return fix_lo_package(data)


def run_soffice(soffice: str, work: Path, fmt: str, src: Path, outdir: Path) -> None:
    """Convert with a private profile, so a running LibreOffice is never disturbed."""
    profile = (work / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
           "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    if not (outdir / f"{src.stem}.{fmt}").exists():
        raise RuntimeError(f"soffice wrote no {fmt} for {src.name}")


def four_by_three(flat: bytes) -> bytes:
    """Set the slide page to 28 x 21 cm and stretch the default master's frames to it."""
    root = etree.fromstring(flat)
    scale = 21 / 15.75
    master = root.find(f".//{{{ODF['style']}}}master-page")
    layout_name = master.get(f"{{{ODF['style']}}}page-layout-name")
    for props in root.iterfind(f".//{{{ODF['style']}}}page-layout"):
        if props.get(f"{{{ODF['style']}}}name") == layout_name:
            page = props.find(f"{{{ODF['style']}}}page-layout-properties")
            page.set(f"{{{ODF['fo']}}}page-width", "28cm")
            page.set(f"{{{ODF['fo']}}}page-height", "21cm")
    for frame in master.iterfind(f"{{{ODF['draw']}}}frame"):
        for attr in ("y", "height"):
            key = f"{{{ODF['svg']}}}{attr}"
            value = float(frame.get(key).removesuffix("cm"))
            frame.set(key, f"{value * scale:.3f}cm")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def fix_lo_package(data: bytes) -> bytes:
    """LibreOffice gives fields random ids: number them from a hash, fix zip dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.endswith(".xml"):
                blob = re.sub(rb'fld id="\{[0-9A-F-]+\}"',
                              lambda m, n=info.filename: stable_id(n, m), blob)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)
    return out.getvalue()


def stable_id(part: str, match: re.Match) -> bytes:
    digest = hashlib.sha1(f"{part}:{match.start()}".encode()).hexdigest().upper()
    return f'fld id="{{{guid(digest)}}}"'.encode()


def guid(digest: str) -> str:
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


def classic43_fallback() -> bytes:
    """The same facts without LibreOffice: LO's names, idx-less placeholders, no styles."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = LO_W, LO_H
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)
    master = prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    colors = {"dk2": "1F497D", "lt2": "EEECE1", "accent1": "4F81BD", "accent2": "C0504D",
              "accent3": "9BBB59", "accent4": "8064A2", "accent5": "4BACC6",
              "accent6": "F79646", "hlink": "0000FF", "folHlink": "800080"}
    spec = Spec("Office", (LO_W, LO_H), None, ("Arial", "Arial"), colors, [], [], "", "",
                [])
    theme.blob = themed(theme.blob, spec)
    replace_csld(master._element, sp_tree(lo_master_shapes()), background(None))
    master._element.remove(master._element.find(qn("p:txStyles")))
    while len(prs.slide_layouts) < len(LO_LAYOUTS):
        add_layout(prs)
    for layout, (name, kind, _role, n_obj) in zip(prs.slide_layouts, LO_LAYOUTS, strict=True):
        fill_layout(layout._element, Layout(name, None, lo_layout_shapes(name, n_obj), kind))
    for r_id, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.TABLE_STYLES:  # LibreOffice writes no table styles part
            prs.part.rels.pop(r_id)
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # LibreOffice writes an empty slide
    for shape in list(slide.placeholders):
        shape._element.getparent().remove(shape._element)
    return package(prs, "")


def add_layout(prs) -> None:
    """One more layout on the master (python-pptx has no call for it): a copy of the first."""
    master = prs.slide_master
    first = prs.slide_layouts[0]
    name = prs.part.package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart(name, first.part.content_type, prs.part.package,
                           copy.deepcopy(first._element))
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    ids = [int(i) for i in prs.part._element.xpath("//@id")]
    ids += [int(i) for i in master._element.xpath("./p:sldLayoutIdLst/p:sldLayoutId/@id")]
    entry = master._element.get_or_add_sldLayoutIdLst()._add_sldLayoutId()
    entry.set("id", str(max(ids) + 1))
    entry.set(qn("r:id"), r_id)


def lo_run(size: int, text: str) -> str:
    return (f'<a:r><a:rPr b="0" lang="en-US" sz="{size}"><a:solidFill><a:srgbClr val="000000"/>'
            f'</a:solidFill><a:latin typeface="Arial"/></a:rPr><a:t>{text}</a:t></a:r>')


def lo_sp(sp_id: int, attrs: str, box, paras: str, anchor: str = "t") -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="PlaceHolder {sp_id - 1}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{attrs}/></p:nvPr></p:nvSpPr><p:spPr>{xfrm(box)}"
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr lIns="0" rIns="0" tIns="0" bIns="0" anchor="{anchor}">'
            f"<a:noAutofit/></a:bodyPr>{paras}</p:txBody></p:sp>")


def lo_master_shapes() -> list[str]:
    """LibreOffice puts bullets in the master's sample paragraphs, not in text styles."""
    marks = [("Wingdings", "\uf06c", 45000, 3200), ("Symbol", "\uf02d", 75000, 2800),
             ("Wingdings", "\uf06c", 45000, 2400), ("Symbol", "\uf02d", 75000, 2000)]
    outline = "".join(
        f'<a:p><a:pPr lvl="{i}" marL="{432000 * (i + 1)}" indent="-324000">'
        f'<a:buClr><a:srgbClr val="000000"/></a:buClr><a:buSzPct val="{pct}"/>'
        f'<a:buFont typeface="{font}" charset="2"/><a:buChar char="{char}"/></a:pPr>'
        f"{lo_run(size, f'Outline level {i + 1}')}</a:p>"
        for i, (font, char, pct, size) in enumerate(marks))
    title = f'<a:p><a:pPr algn="ctr"><a:buNone/></a:pPr>{lo_run(4400, "Title")}</a:p>'
    x, w = LO_TITLE[0], LO_TITLE[2]
    foot = '<a:p><a:pPr><a:buNone/></a:pPr></a:p>'
    return [
        lo_sp(2, ' type="title"', LO_TITLE, title, "ctr"),
        lo_sp(3, ' type="body"', LO_BODY, outline),
        lo_sp(4, ' type="dt" idx="1"', (x, LO_FOOT_Y, 6.523 * CM, LO_FOOT_H), foot),
        lo_sp(5, ' type="ftr" idx="2"', (9.576 * CM, LO_FOOT_Y, 8.875 * CM, LO_FOOT_H), foot),
        lo_sp(6, ' type="sldNum" idx="3"', (x + w - 6.523 * CM, LO_FOOT_Y, 6.523 * CM,
                                            LO_FOOT_H), foot),
    ]


def lo_layout_shapes(name: str, n_obj: int) -> list[str]:
    def empty(size: int, algn: str = "") -> str:
        return (f'<a:p><a:pPr indent="0"{algn}><a:buNone/></a:pPr><a:endParaRPr b="0" '
                f'lang="en-US" sz="{size}"><a:latin typeface="Arial"/></a:endParaRPr></a:p>')

    title = lo_sp(2, ' type="title"', LO_TITLE, empty(4400, ' algn="ctr"'), "ctr")
    shapes = []
    if name == "Title Slide":
        shapes += [title, lo_sp(3, ' type="subTitle"', LO_BODY, empty(3200, ' algn="ctr"'),
                                "ctr")]
    elif name == "Centered Text":
        shapes.append(lo_sp(2, ' type="subTitle"', LO_BODY, empty(3200, ' algn="ctr"'), "ctr"))
    elif name != "Blank Slide":
        shapes.append(title)
    x, y, w, h = LO_BODY
    cols = 1 if n_obj == 1 else 2 if n_obj < 6 else 3
    rows = (n_obj + cols - 1) // cols
    gap = int(0.5 * CM)
    cw, rh = (w - gap * (cols - 1)) // cols, (h - gap * (rows - 1)) // max(rows, 1)
    for i in range(n_obj):
        box = (x + (i % cols) * (cw + gap), y + (i // cols) * (rh + gap), cw, rh)
        shapes.append(lo_sp(len(shapes) + 2, "", box, empty(3200)))
    n = len(shapes) + 2
    shapes += [ph(n, f"PlaceHolder {n - 1}", 'type="ftr" idx="2"'),
               ph(n + 1, f"PlaceHolder {n}", 'type="sldNum" idx="3"', text="&lt;#&gt;"),
               ph(n + 2, f"PlaceHolder {n + 1}", 'type="dt" idx="1"')]
    return shapes


# --------------------------------------------------------------------------------------
# Sidecars
# --------------------------------------------------------------------------------------


def sidecar(spec: Spec, source: str) -> dict:
    return {
        "name": spec.name,
        "source": source,
        "slide_size": {"cx": spec.size[0], "cy": spec.size[1]},
        "fonts": {"major": spec.fonts[0], "minor": spec.fonts[1]},
        "decorations": [d.as_json() for d in spec.decorations],
        "layouts": [{"name": lay.name, "role": lay.role, "show_master_shapes": lay.show_master,
                     "decorations": [d.as_json() for d in lay.decorations]}
                    for lay in spec.layouts],
        "missing_roles": [r for r in ROLES if r not in {lay.role for lay in spec.layouts}],
    }


def classic43_sidecar(source: str) -> dict:
    layouts = [Layout(name, role, []) for name, _kind, role, _n in LO_LAYOUTS]
    spec = Spec("classic43", (LO_W, LO_H), None, ("Arial", "Arial"), {}, [], [], "", "",
                layouts)
    return sidecar(spec, source)


LO_ROLES = {name: role for name, _kind, role, _n in LO_LAYOUTS}


def read_sidecar(data: bytes, name: str, source: str) -> dict:
    """A sidecar read from a file nobody here designed (LibreOffice's own templates)."""
    prs = Presentation(io.BytesIO(data))
    size = (prs.slide_width, prs.slide_height)
    master_decorations = [boxes(m.shapes, size, master_title(m)) for m in prs.slide_masters]
    layouts = []
    for n, master in enumerate(prs.slide_masters):
        for layout in master.slide_layouts:
            layouts.append({
                "name": layout.name, "role": LO_ROLES.get(layout.name), "master": n,
                "show_master_shapes": layout._element.get("showMasterSp", "1") in ("1", "true"),
                "decorations": boxes(layout.shapes, size)})
    return {"name": name, "source": source,
            "slide_size": {"cx": prs.slide_width, "cy": prs.slide_height},
            "decorations": master_decorations[0],
            "master_decorations": master_decorations,
            "layouts": layouts,
            "missing_roles": [r for r in ROLES if r not in {lay["role"] for lay in layouts}]}


def boxes(shapes, size: tuple[int, int], title=None) -> list[dict]:
    """Non-placeholder shapes; `background` marks one that covers most of the slide."""
    area = size[0] * size[1]
    return [{"name": s.name, "x": s.left, "y": s.top, "cx": s.width, "cy": s.height,
             "background": s.width * s.height >= 0.9 * area,
             "under_title": title is not None and overlap(s, title)}
            for s in shapes if not s.is_placeholder]


def overlap(a, b) -> bool:
    return (min(a.left + a.width, b.left + b.width) > max(a.left, b.left)
            and min(a.top + a.height, b.top + b.height) > max(a.top, b.top))


def master_title(master):
    return next((s for s in master.placeholders if s.placeholder_format.type == 1), None)


# --------------------------------------------------------------------------------------


def soffice_version(soffice: str) -> str:
    done = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60)
    return " ".join(done.stdout.split()[:2]) or "LibreOffice"


def write(out: Path, name: str, data: bytes, meta: dict) -> None:
    (out / f"{name}.pptx").write_bytes(data)
    (out / f"{name}.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def make_all(out: Path, use_soffice: bool = True, samples: bool = False) -> list[Path]:
    """Write every template and its sidecar into `out`; the .pptx paths written."""
    out.mkdir(parents=True, exist_ok=True)
    for spec in (band_spec(), named_spec()):
        write(out, spec.name, build_spec(spec), sidecar(spec, "python-pptx"))
    soffice = shutil.which("soffice") if use_soffice else None
    if soffice:
        source = f"{soffice_version(soffice)} (soffice --convert-to pptx)"
        write(out, "classic43", classic43_lo(soffice), classic43_sidecar(source))
    else:
        write(out, "classic43", classic43_fallback(),
              classic43_sidecar("python-pptx (LibreOffice's structure, without soffice)"))
    names = ["band", "named", "classic43"]
    if samples and soffice:
        names += convert_samples(soffice, out)
    return [out / f"{n}.pptx" for n in names]


def convert_samples(soffice: str, out: Path) -> list[str]:
    names = []
    with tempfile.TemporaryDirectory() as tmp:
        for stem in LO_SAMPLES:
            src = LO_TEMPLATES / f"{stem}.otp"
            if not src.exists():
                continue
            run_soffice(soffice, Path(tmp), "pptx", src, Path(tmp) / "out")
            data = fix_lo_package((Path(tmp) / "out" / f"{stem}.pptx").read_bytes())
            name = "lo-" + stem.lower().replace("_", "-")
            write(out, name, data, read_sidecar(data, name, f"{src.name} via soffice"))
            names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--no-soffice", action="store_true",
                        help="build classic43 with python-pptx even when soffice exists")
    parser.add_argument("--libreoffice-samples", action="store_true",
                        help="also convert LibreOffice's bundled Blue Curve, Focus, Vintage")
    args = parser.parse_args(argv)
    for path in make_all(args.out, not args.no_soffice, args.libreoffice_samples):
        print(f"wrote {path} and {path.with_suffix('.json').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
