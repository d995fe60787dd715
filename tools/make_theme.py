#!/usr/bin/env python3
"""Build chapbook's default reference deck, ``templates/deck/theme.pptx``.

The theme starts from python-pptx's own default template (``pptx.Presentation()``)
and rewrites, in place:

* the slide size (16:9 widescreen, 13.333 in x 7.5 in);
* the theme part (colour scheme, Calibri font scheme, a flat format scheme);
* the slide master (placeholders, text styles, an accent rule under the title);
* the nine standard layouts (the two vertical-text layouts are removed), each
  with explicit, in-slide placeholder geometry;
* the core/app properties (neutral, fixed dates).

Everything is an editable shape, fill or text style: no images.  The output is
byte-for-byte deterministic (fixed zip timestamps, fixed dates, fixed ids).

Usage::

    python tools/make_theme.py [OUTPUT]

OUTPUT defaults to ``templates/deck/theme.pptx`` in the repository.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from chapbook.text.contrast import contrast_ratio

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "templates" / "deck" / "theme.pptx"

THEME_NAME = "chapbook"
FIXED_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------
# Palette.  Text/background pairs are checked for WCAG contrast >= 4.5 below.
# --------------------------------------------------------------------------
COLORS = {
    "dk1": "1F2933",  # body and title text
    "lt1": "FFFFFF",  # background
    "dk2": "3D5A80",  # secondary text (slate blue): footers, comparison heads
    "lt2": "EEF1F4",  # pale grey-blue, for subtle fills
    "accent1": "9B2C2C",  # deep red: rules, bullets, title/section backgrounds
    "accent2": "3D5A80",  # slate blue
    "accent3": "B7791F",  # ochre
    "accent4": "2F6F6A",  # teal
    "accent5": "6B5B95",  # muted violet
    "accent6": "6B7785",  # cool grey
    "hlink": "2B5D9B",
    "folHlink": "6B4C9A",
}
# Light text used on the accent-coloured backgrounds (subtitles, captions).
ON_ACCENT_SOFT = "F6E3E3"

# --------------------------------------------------------------------------
# Geometry (EMU).  All boxes lie inside the slide with >= 0.5 in margins.
# --------------------------------------------------------------------------
EMU = 914400  # per inch


def inch(value: float) -> int:
    return round(value * EMU)


SLIDE_W, SLIDE_H = 12192000, 6858000
MARGIN = inch(0.75)
CONTENT_W = SLIDE_W - 2 * MARGIN
GUTTER = inch(0.5)
COL_W = (CONTENT_W - GUTTER) // 2
COL2_X = MARGIN + COL_W + GUTTER

TITLE_BOX = (MARGIN, inch(0.45), CONTENT_W, inch(1.05))  # bottom at 1.50 in
RULE_BOX = (MARGIN, inch(1.58), inch(1.1), inch(0.055))
BODY_TOP = inch(1.85)
BODY_BOTTOM = inch(6.65)
BODY_BOX = (MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)

FOOT_Y, FOOT_H = inch(6.9), inch(0.4)  # bottom at 7.30 in
DT_BOX = (MARGIN, FOOT_Y, inch(3.0), FOOT_H)
FTR_BOX = ((SLIDE_W - inch(4.6)) // 2, FOOT_Y, inch(4.6), FOOT_H)
NUM_BOX = (SLIDE_W - MARGIN - inch(2.0), FOOT_Y, inch(2.0), FOOT_H)

# Title Slide / Section Header (accent background)
HERO_X = inch(1.0)
HERO_W = SLIDE_W - 2 * HERO_X

# Caption layouts: narrow text column on the left, content/picture right.
CAP_COL_W = inch(3.9)
CAP_TITLE_BOX = (MARGIN, inch(0.5), CAP_COL_W, inch(1.35))  # bottom 1.85 in
CAP_RULE_BOX = (MARGIN, inch(1.93), inch(0.9), inch(0.055))
CAP_TEXT_BOX = (MARGIN, inch(2.2), CAP_COL_W, BODY_BOTTOM - inch(2.2))
CAP_MAIN_X = MARGIN + CAP_COL_W + GUTTER
CAP_MAIN_BOX = (CAP_MAIN_X, inch(0.5), SLIDE_W - MARGIN - CAP_MAIN_X, BODY_BOTTOM - inch(0.5))

# Type sizes (hundredths of a point)
TITLE_SZ = 3600
HERO_TITLE_SZ = 4000
CAP_TITLE_SZ = 3200
BODY_SZ = [2400, 2000, 1800, 1800, 1800, 1800, 1800, 1800, 1800]
FOOT_SZ = 1400


# --------------------------------------------------------------------------
# WCAG helpers (also used to guard the palette at build time)
# --------------------------------------------------------------------------
def check_palette() -> None:
    pairs = [
        ("dk1", COLORS["dk1"], COLORS["lt1"]),
        ("dk2", COLORS["dk2"], COLORS["lt1"]),
        ("accent1 text", COLORS["accent1"], COLORS["lt1"]),
        ("white on accent1", COLORS["lt1"], COLORS["accent1"]),
        ("soft on accent1", ON_ACCENT_SOFT, COLORS["accent1"]),
        ("hlink", COLORS["hlink"], COLORS["lt1"]),
    ]
    for label, fg, bg in pairs:
        ratio = contrast_ratio(fg, bg)
        if ratio < 4.5:
            raise SystemExit(f"palette: {label} {fg}/{bg} contrast {ratio:.2f} < 4.5")


# --------------------------------------------------------------------------
# XML snippets
# --------------------------------------------------------------------------
def xfrm(box) -> str:
    x, y, cx, cy = (int(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def fill(color: str) -> str:
    """A solid fill: scheme colour names (bg1, tx2, accent1, ...) or RRGGBB."""
    if len(color) == 6 and all(c in "0123456789ABCDEFabcdef" for c in color):
        return f'<a:solidFill><a:srgbClr val="{color.upper()}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


LATIN_MAJOR = '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
LATIN_MINOR = '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'

P_TITLE = (
    '<a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master title style</a:t></a:r>'
    '<a:endParaRPr lang="en-US"/></a:p>'
)
P_SUBTITLE = (
    '<a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master subtitle style</a:t></a:r>'
    '<a:endParaRPr lang="en-US"/></a:p>'
)
P_BODY = "".join(
    f'<a:p><a:pPr lvl="{lvl}"/><a:r><a:rPr lang="en-US"/><a:t>{text}</a:t></a:r></a:p>'
    for lvl, text in enumerate(
        [
            "Click to edit Master text styles",
            "Second level",
            "Third level",
            "Fourth level",
            "Fifth level",
        ]
    )
)
P_BODY1 = (
    '<a:p><a:pPr lvl="0"/><a:r><a:rPr lang="en-US"/>'
    "<a:t>Click to edit Master text styles</a:t></a:r></a:p>"
)
P_EMPTY = '<a:p><a:endParaRPr lang="en-US"/></a:p>'
P_DATE = (
    '<a:p><a:fld id="{5BCAD085-E8A6-8845-BD4E-CB4CCA059FC4}" type="datetimeFigureOut">'
    '<a:rPr lang="en-US"/><a:t>1/1/2024</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
)
P_SLDNUM = (
    '<a:p><a:fld id="{C1FF6DA9-008F-8B48-92A6-B652298478BF}" type="slidenum">'
    '<a:rPr lang="en-US"/><a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
)


def ph_sp(
    sp_id, name, ph_attrs, box=None, body_pr="<a:bodyPr/>", lst_style="<a:lstStyle/>", paras=P_EMPTY
):
    sp_pr = f"<p:spPr>{xfrm(box)}</p:spPr>" if box is not None else "<p:spPr/>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph_attrs}/></p:nvPr></p:nvSpPr>"
        f"{sp_pr}<p:txBody>{body_pr}{lst_style}{paras}</p:txBody></p:sp>"
    )


def master_ph_sp(sp_id, name, ph_attrs, box, body_pr, lst_style="<a:lstStyle/>", paras=P_EMPTY):
    sp_pr = f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph_attrs}/></p:nvPr></p:nvSpPr>"
        f"{sp_pr}<p:txBody>{body_pr}{lst_style}{paras}</p:txBody></p:sp>"
    )


def rect_sp(sp_id, name, box, color):
    """A plain filled rectangle (decoration), editable in the master/layout."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(color)}'
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def sp_tree(shapes) -> str:
    return (
        f"<p:spTree {nsdecls('a', 'p', 'r')}>"
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        + "".join(shapes)
        + "</p:spTree>"
    )


def bg(color: str) -> str:
    return f"<p:bg {nsdecls('a', 'p')}><p:bgPr>{fill(color)}<a:effectLst/></p:bgPr></p:bg>"


def lvl_ppr(
    lvl, *, marL=None, indent=None, algn=None, bu=None, sz=None, color=None, b=None, extra=""
):
    """One <a:lvlNpPr> for a layout/placeholder list style (overrides only)."""
    attrs = ""
    if marL is not None:
        attrs += f' marL="{marL}"'
    if indent is not None:
        attrs += f' indent="{indent}"'
    if algn is not None:
        attrs += f' algn="{algn}"'
    r_attrs = ""
    if sz is not None:
        r_attrs += f' sz="{sz}"'
    if b is not None:
        r_attrs += f' b="{1 if b else 0}"'
    inner = extra + (bu or "")
    r_inner = fill(color) if color else ""
    defrpr = f"<a:defRPr{r_attrs}>{r_inner}</a:defRPr>" if (r_attrs or r_inner) else "<a:defRPr/>"
    return f"<a:lvl{lvl}pPr{attrs}>{inner}{defrpr}</a:lvl{lvl}pPr>"


def lst(*levels) -> str:
    return "<a:lstStyle>" + "".join(levels) + "</a:lstStyle>"


def no_bullet_levels(sizes, color=None, b=None):
    return [
        lvl_ppr(i + 1, marL=0, indent=0, bu="<a:buNone/>", sz=sz, color=color, b=b)
        for i, sz in enumerate(sizes)
    ]


# --------------------------------------------------------------------------
# Theme part
# --------------------------------------------------------------------------
def build_theme(blob: bytes) -> bytes:
    theme = parse_xml(blob)
    theme.set("name", THEME_NAME)
    elements = theme.find(qn("a:themeElements"))

    clr = elements.find(qn("a:clrScheme"))
    clr.set("name", THEME_NAME)
    for key, value in COLORS.items():
        slot = clr.find(qn(f"a:{key}"))
        for child in list(slot):
            slot.remove(child)
        slot.append(parse_xml(f'<a:srgbClr {nsdecls("a")} val="{value}"/>'))

    fonts = elements.find(qn("a:fontScheme"))
    fonts.set("name", THEME_NAME)
    for tag in ("a:majorFont", "a:minorFont"):
        fonts.find(qn(tag)).find(qn("a:latin")).set("typeface", "Calibri")

    # Flat, modern format scheme: solid fills, thin lines, no shadows/bevels.
    # (python-pptx autoshapes reference fillRef 3 / effectRef 2.)
    old = elements.find(qn("a:fmtScheme"))
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = (
        '<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>'
        '</a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
    )
    fmt = parse_xml(
        f'<a:fmtScheme {nsdecls("a")} name="{THEME_NAME}">'
        f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst>"
        "<a:lnStyleLst>"
        + "".join(line.format(w=w) for w in (9525, 19050, 28575))
        + "</a:lnStyleLst>"
        "<a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>"
        * 3
        + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme>"
    )
    old.addprevious(fmt)
    elements.remove(old)

    return etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------
# Slide master
# --------------------------------------------------------------------------
def body_style_xml() -> str:
    step = inch(0.4)
    hang = inch(0.3)
    bullets = [
        ("\u2022", "accent1"),  # level 1: bullet in the accent colour
        ("\u2013", "accent2"),  # level 2: en dash, slate blue
        ("\u2022", "tx2"),
        ("\u2013", "tx2"),
        ("\u2022", "tx2"),
    ] + [("\u2022", "tx2")] * 4
    levels = []
    for i in range(9):
        char, bu_color = bullets[i]
        spc_bef = 1000 if i == 0 else 500
        levels.append(
            f'<a:lvl{i + 1}pPr marL="{hang + i * step}" indent="{-hang}" algn="l" '
            'defTabSz="914400" '
            'rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
            '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{spc_bef}"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="{bu_color}"/></a:buClr>'
            f'<a:buFont typeface="Arial" panose="020B0604020202020204"/><a:buChar char="{char}"/>'
            f'<a:defRPr sz="{BODY_SZ[i]}" kern="1200">{fill("tx1")}{LATIN_MINOR}</a:defRPr>'
            f"</a:lvl{i + 1}pPr>"
        )
    return "<p:bodyStyle>" + "".join(levels) + "</p:bodyStyle>"


def title_style_xml() -> str:
    return (
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
        'hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        '<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{TITLE_SZ}" b="1" kern="1200">{fill("tx1")}{LATIN_MAJOR}</a:defRPr>'
        "</a:lvl1pPr></p:titleStyle>"
    )


def other_style_xml() -> str:
    levels = "".join(
        f'<a:lvl{i + 1}pPr marL="{i * 457200}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" '
        f'latinLnBrk="0" hangingPunct="1"><a:defRPr sz="1800" kern="1200">'
        f"{fill('tx1')}{LATIN_MINOR}"
        f"</a:defRPr></a:lvl{i + 1}pPr>"
        for i in range(9)
    )
    return (
        '<p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>' + levels + "</p:otherStyle>"
    )


def footer_lst(algn: str) -> str:
    return lst(lvl_ppr(1, algn=algn, sz=FOOT_SZ, color="tx2"))


def build_master(master) -> None:
    el = master._element
    csld = el.find(qn("p:cSld"))
    old_bg = csld.find(qn("p:bg"))
    if old_bg is not None:
        csld.remove(old_bg)
    csld.insert(0, parse_xml(bg("bg1")))

    # Zero left/right insets: title, accent rule and bullets share the 0.75 in margin.
    insets = 'vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0"'
    title_body = f'<a:bodyPr {insets} anchor="b"><a:normAutofit/></a:bodyPr>'
    body_body = f"<a:bodyPr {insets}><a:normAutofit/></a:bodyPr>"
    foot_body = f'<a:bodyPr {insets} anchor="ctr"/>'
    shapes = [
        master_ph_sp(
            2, "Title Placeholder 1", 'type="title"', TITLE_BOX, title_body, paras=P_TITLE
        ),
        master_ph_sp(
            3, "Text Placeholder 2", 'type="body" idx="1"', BODY_BOX, body_body, paras=P_BODY
        ),
        master_ph_sp(
            4,
            "Date Placeholder 3",
            'type="dt" sz="half" idx="2"',
            DT_BOX,
            foot_body,
            footer_lst("l"),
            P_DATE,
        ),
        master_ph_sp(
            5,
            "Footer Placeholder 4",
            'type="ftr" sz="quarter" idx="3"',
            FTR_BOX,
            foot_body,
            footer_lst("ctr"),
        ),
        master_ph_sp(
            6,
            "Slide Number Placeholder 5",
            'type="sldNum" sz="quarter" idx="4"',
            NUM_BOX,
            foot_body,
            footer_lst("r"),
            P_SLDNUM,
        ),
        rect_sp(7, "Title Rule", RULE_BOX, "accent1"),
    ]
    old_tree = csld.find(qn("p:spTree"))
    old_tree.addprevious(parse_xml(sp_tree(shapes)))
    csld.remove(old_tree)

    tx = el.find(qn("p:txStyles"))
    for child in list(tx):
        tx.remove(child)
    styles = parse_xml(
        f"<p:txStyles {nsdecls('a', 'p')}>"
        f"{title_style_xml()}{body_style_xml()}{other_style_xml()}</p:txStyles>"
    )
    for child in list(styles):
        tx.append(child)


# --------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------
def footers(first_id, on_accent=False):
    """Date, footer and slide-number placeholders (layout idx 10, 11, 12)."""
    color = "bg1" if on_accent else None
    num_lst = lst(lvl_ppr(1, color=color)) if on_accent else "<a:lstStyle/>"
    return [
        ph_sp(
            first_id,
            f"Date Placeholder {first_id - 1}",
            'type="dt" sz="half" idx="10"',
            DT_BOX,
            lst_style=num_lst,
            paras=P_DATE,
        ),
        ph_sp(
            first_id + 1,
            f"Footer Placeholder {first_id}",
            'type="ftr" sz="quarter" idx="11"',
            FTR_BOX,
            lst_style=num_lst,
        ),
        ph_sp(
            first_id + 2,
            f"Slide Number Placeholder {first_id + 1}",
            'type="sldNum" sz="quarter" idx="12"',
            NUM_BOX,
            lst_style=num_lst,
            paras=P_SLDNUM,
        ),
    ]


def title_ph(sp_id=2, box=TITLE_BOX, lst_style="<a:lstStyle/>", body_pr="<a:bodyPr/>"):
    return ph_sp(
        sp_id, "Title 1", 'type="title"', box, body_pr=body_pr, lst_style=lst_style, paras=P_TITLE
    )


def layout_title_slide():
    title_box = (HERO_X, inch(1.6), HERO_W, inch(2.5))  # bottom 4.10 in
    rule_box = (HERO_X, inch(4.3), inch(1.2), inch(0.06))
    sub_box = (HERO_X, inch(4.55), HERO_W, inch(1.6))
    title_lst = lst(lvl_ppr(1, algn="l", sz=HERO_TITLE_SZ, color="bg1"))
    sub_lst = lst(*no_bullet_levels([2400, 2000, 1800, 1800, 1800], color=ON_ACCENT_SOFT))
    shapes = [
        ph_sp(
            2,
            "Title 1",
            'type="ctrTitle"',
            title_box,
            body_pr='<a:bodyPr anchor="b"/>',
            lst_style=title_lst,
            paras=P_TITLE,
        ),
        ph_sp(
            3,
            "Subtitle 2",
            'type="subTitle" idx="1"',
            sub_box,
            body_pr='<a:bodyPr anchor="t"/>',
            lst_style=sub_lst,
            paras=P_SUBTITLE,
        ),
        *footers(4, on_accent=True),
        rect_sp(7, "Title Rule", rule_box, "bg1"),
    ]
    return shapes, "accent1", False


def layout_title_and_content():
    shapes = [
        title_ph(),
        ph_sp(3, "Content Placeholder 2", 'idx="1"', BODY_BOX, paras=P_BODY),
        *footers(4),
    ]
    return shapes, None, True


def layout_section_header():
    title_box = (HERO_X, inch(2.0), HERO_W, inch(2.1))  # bottom 4.10 in
    rule_box = (HERO_X, inch(4.3), inch(1.2), inch(0.06))
    text_box = (HERO_X, inch(4.55), HERO_W, inch(1.3))
    title_lst = lst(lvl_ppr(1, algn="l", sz=HERO_TITLE_SZ, color="bg1"))
    text_lst = lst(*no_bullet_levels([2400, 2000, 1800, 1800, 1800], color=ON_ACCENT_SOFT))
    shapes = [
        ph_sp(
            2,
            "Title 1",
            'type="title"',
            title_box,
            body_pr='<a:bodyPr anchor="b"/>',
            lst_style=title_lst,
            paras=P_TITLE,
        ),
        ph_sp(
            3,
            "Text Placeholder 2",
            'type="body" idx="1"',
            text_box,
            body_pr='<a:bodyPr anchor="t"/>',
            lst_style=text_lst,
            paras=P_BODY1,
        ),
        *footers(4, on_accent=True),
        rect_sp(7, "Title Rule", rule_box, "bg1"),
    ]
    return shapes, "accent1", False


def layout_two_content():
    shapes = [
        title_ph(),
        ph_sp(
            3,
            "Content Placeholder 2",
            'sz="half" idx="1"',
            (MARGIN, BODY_TOP, COL_W, BODY_BOTTOM - BODY_TOP),
            paras=P_BODY,
        ),
        ph_sp(
            4,
            "Content Placeholder 3",
            'sz="half" idx="2"',
            (COL2_X, BODY_TOP, COL_W, BODY_BOTTOM - BODY_TOP),
            paras=P_BODY,
        ),
        *footers(5),
    ]
    return shapes, None, True


def layout_comparison():
    head_h = inch(0.6)
    main_top = BODY_TOP + head_h + inch(0.1)
    head_lst = lst(*no_bullet_levels([2400, 2000, 1800, 1800, 1800], color="tx2", b=True))
    head_body = '<a:bodyPr anchor="b"><a:normAutofit/></a:bodyPr>'
    shapes = [
        title_ph(),
        ph_sp(
            3,
            "Text Placeholder 2",
            'type="body" idx="1"',
            (MARGIN, BODY_TOP, COL_W, head_h),
            body_pr=head_body,
            lst_style=head_lst,
            paras=P_BODY1,
        ),
        ph_sp(
            4,
            "Content Placeholder 3",
            'sz="half" idx="2"',
            (MARGIN, main_top, COL_W, BODY_BOTTOM - main_top),
            paras=P_BODY,
        ),
        ph_sp(
            5,
            "Text Placeholder 4",
            'type="body" sz="quarter" idx="3"',
            (COL2_X, BODY_TOP, COL_W, head_h),
            body_pr=head_body,
            lst_style=head_lst,
            paras=P_BODY1,
        ),
        ph_sp(
            6,
            "Content Placeholder 5",
            'sz="quarter" idx="4"',
            (COL2_X, main_top, COL_W, BODY_BOTTOM - main_top),
            paras=P_BODY,
        ),
        *footers(7),
    ]
    return shapes, None, True


def layout_title_only():
    return [title_ph(), *footers(3)], None, True


def layout_blank():
    return footers(2), None, False


def _caption_common(main_ph):
    title_lst = lst(lvl_ppr(1, sz=CAP_TITLE_SZ))
    text_lst = lst(*no_bullet_levels([2000, 1800, 1800, 1800, 1800]))
    return [
        title_ph(box=CAP_TITLE_BOX, lst_style=title_lst, body_pr='<a:bodyPr anchor="b"/>'),
        main_ph,
        ph_sp(
            4,
            "Text Placeholder 3",
            'type="body" sz="half" idx="2"',
            CAP_TEXT_BOX,
            lst_style=text_lst,
            paras=P_BODY1,
        ),
        *footers(5),
        rect_sp(8, "Title Rule", CAP_RULE_BOX, "accent1"),
    ]


def layout_content_with_caption():
    main = ph_sp(3, "Content Placeholder 2", 'idx="1"', CAP_MAIN_BOX, paras=P_BODY)
    return _caption_common(main), None, False


def layout_picture_with_caption():
    pic_lst = lst(*no_bullet_levels([2400, 2000, 1800, 1800, 1800]))
    main = ph_sp(
        3,
        "Picture Placeholder 2",
        'type="pic" idx="1"',
        CAP_MAIN_BOX,
        body_pr='<a:bodyPr anchor="ctr"/>',
        lst_style=pic_lst,
    )
    return _caption_common(main), None, False


def layout_quote():
    """A quotation: a large opening quotation mark in the accent colour (a decoration, so
    content keeps clear of it) beside an italic, unbulleted body set in the middle."""
    mark_w = inch(1.3)
    mark_box = (MARGIN - inch(0.1), BODY_TOP + inch(0.2), mark_w, inch(3.0))  # a whole line
    body_x = MARGIN + mark_w + inch(0.2)
    body_box = (body_x, BODY_TOP, SLIDE_W - body_x - inch(1.25), BODY_BOTTOM - BODY_TOP)
    body_lst = lst(*no_bullet_levels([3200, 2800, 2400, 2400, 2400]))
    mark = (
        '<p:sp><p:nvSpPr><p:cNvPr id="8" name="Quotation Mark"/><p:cNvSpPr txBox="1"/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(mark_box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        '</p:spPr><p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="t"/><a:lstStyle/><a:p><a:pPr algn="l"/><a:r>'
        f'<a:rPr lang="en-US" sz="16600" b="1">{fill("accent1")}{LATIN_MAJOR}</a:rPr>'
        "<a:t>\u201c</a:t></a:r></a:p></p:txBody></p:sp>"
    )
    shapes = [
        title_ph(),
        ph_sp(
            3,
            "Text Placeholder 2",
            'type="body" idx="1"',
            body_box,
            body_pr='<a:bodyPr anchor="ctr"/>',
            lst_style=body_lst,
            paras=P_BODY1,
        ),
        *footers(4),
        mark,
    ]
    return shapes, None, True


LAYOUTS = [
    ("Title Slide", layout_title_slide),
    ("Title and Content", layout_title_and_content),
    ("Section Header", layout_section_header),
    ("Two Content", layout_two_content),
    ("Comparison", layout_comparison),
    ("Title Only", layout_title_only),
    ("Blank", layout_blank),
    ("Content with Caption", layout_content_with_caption),
    ("Picture with Caption", layout_picture_with_caption),
    ("Quote", layout_quote),
]


def build_layout(layout, builder) -> None:
    shapes, background, show_master_shapes = builder()
    el = layout._element
    if show_master_shapes:
        el.attrib.pop("showMasterSp", None)
    else:
        el.set("showMasterSp", "0")
    csld = el.find(qn("p:cSld"))
    old_bg = csld.find(qn("p:bg"))
    if old_bg is not None:
        csld.remove(old_bg)
    if background is not None:
        csld.insert(0, parse_xml(bg(background)))
    old_tree = csld.find(qn("p:spTree"))
    old_tree.addprevious(parse_xml(sp_tree(shapes)))
    csld.remove(old_tree)


def add_layout(prs, name: str) -> None:
    """One more layout on the master (python-pptx has no call for it): a copy of the
    Title Only layout, renamed, with a fixed id."""
    import copy

    from pptx.parts.slide import SlideLayoutPart

    master = prs.slide_master
    model = prs.slide_layouts.get_by_name("Title Only")
    partname = prs.part.package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    element = copy.deepcopy(model._element)
    element.find(qn("p:cSld")).set("name", name)
    element.attrib.pop("type", None)  # a layout of its own kind, as PowerPoint marks them
    part = SlideLayoutPart(partname, model.part.content_type, prs.part.package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    ids = [int(i) for i in master._element.xpath("./p:sldLayoutIdLst/p:sldLayoutId/@id")]
    entry = master._element.get_or_add_sldLayoutIdLst()._add_sldLayoutId()
    entry.set("id", str(max(ids) + 1))
    entry.set(qn("r:id"), r_id)


# --------------------------------------------------------------------------
# Package-level tidying
# --------------------------------------------------------------------------
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>Microsoft Office PowerPoint</Application>"
    "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs><Slides>0</Slides>"
    "<Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Theme</vt:lpstr>'
    "</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
    '<TitlesOfParts><vt:vector size="1" baseType="lpstr">'
    f"<vt:lpstr>{THEME_NAME}</vt:lpstr></vt:vector>"
    "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)


def tidy_package(prs) -> None:
    pkg = prs.part.package
    for rId, rel in list(pkg._rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # stale 4:3 picture of the old template
            pkg.drop_rel(rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = APP_XML.encode("utf-8")

    for rId, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:  # stale Mac printer ticket (4:3 Letter)
            prs.part.rels.pop(rId)

    cp = prs.core_properties
    cp.title = "chapbook theme"
    cp.author = ""
    cp.last_modified_by = ""
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""
    cp.comments = ""
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build() -> bytes:
    check_palette()
    prs = Presentation()
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    sld_sz.attrib.pop("type", None)  # 13.333x7.5 in is "custom" (PowerPoint's Widescreen)

    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part.blob = build_theme(theme_part.blob)
    build_master(master)

    wanted = {name for name, _ in LAYOUTS}
    for layout in list(prs.slide_layouts):
        if layout.name not in wanted:  # the two vertical-text layouts
            prs.slide_layouts.remove(layout)
    while len(prs.slide_layouts) < len(LAYOUTS):
        add_layout(prs, LAYOUTS[len(prs.slide_layouts)][0])
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    for name, builder in LAYOUTS:
        build_layout(by_name[name], builder)
    if [layout.name for layout in prs.slide_layouts] != [name for name, _ in LAYOUTS]:
        raise SystemExit("unexpected layout order")

    tidy_package(prs)
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
