"""Checks on the default reference deck, templates/deck/theme.pptx.

Colours are read back from the package XML (theme colour scheme, master colour
map, backgrounds and list styles) and resolved the way PowerPoint resolves
them, so these tests check the file, not the constants in tools/make_theme.py.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from chapbook.text.contrast import contrast_ratio

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "templates" / "deck" / "theme.pptx"

SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 in x 7.5 in
LAYOUT_NAMES = [
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Two Content",
    "Comparison",
    "Title Only",
    "Blank",
    "Content with Caption",
    "Picture with Caption",
]
# Placeholder types whose text colours are checked (everything that shows text).
MASTER_TYPE_FOR = {
    "title": "title",
    "ctrTitle": "title",
    "body": "body",
    "subTitle": "body",
    "obj": "body",
    "pic": "body",
    "dt": "dt",
    "ftr": "ftr",
    "sldNum": "sldNum",
}
SCHEME_SLOTS = {"dk1", "lt1", "dk2", "lt2", "hlink", "folHlink"} | {
    f"accent{i}" for i in range(1, 7)
}


# --------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def prs():
    assert THEME.is_file(), "run tools/make_theme.py to build templates/deck/theme.pptx"
    return Presentation(str(THEME))


@pytest.fixture(scope="module")
def theme_el(prs):
    part = prs.slide_master.part.part_related_by(RT.THEME)
    return parse_xml(part.blob)


@pytest.fixture(scope="module")
def scheme(theme_el):
    """{'dk1': 'RRGGBB', ...} from the theme's colour scheme."""
    clr = theme_el.find(qn("a:themeElements")).find(qn("a:clrScheme"))
    colors = {}
    for slot in clr:
        name = slot.tag.split("}")[1]
        (value,) = list(slot)
        if value.tag == qn("a:srgbClr"):
            colors[name] = value.get("val").upper()
        elif value.tag == qn("a:sysClr"):
            colors[name] = value.get("lastClr").upper()
        else:  # pragma: no cover - unexpected colour kind
            raise AssertionError(f"unsupported colour in scheme slot {name}: {value.tag}")
    assert set(colors) >= SCHEME_SLOTS
    return colors


# --------------------------------------------------------------------------
# colour helpers
# --------------------------------------------------------------------------
def test_contrast_formula_reference_values():
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)


def clr_map(master_el, layout_el=None) -> dict[str, str]:
    mapping = dict(master_el.find(qn("p:clrMap")).attrib)
    if layout_el is not None:
        ovr = layout_el.find(qn("p:clrMapOvr"))
        if ovr is not None:
            override = ovr.find(qn("a:overrideClrMapping"))
            if override is not None:
                mapping = dict(override.attrib)
    return mapping


def resolve_color(color_el, scheme, mapping) -> str:
    """RRGGBB for an <a:srgbClr>/<a:schemeClr>/<a:sysClr> element without modifiers."""
    assert len(color_el) == 0, (
        f"colour modifiers ({[c.tag for c in color_el]}) are not supported by this test; "
        "use plain colours for text and backgrounds"
    )
    if color_el.tag == qn("a:srgbClr"):
        return color_el.get("val").upper()
    if color_el.tag == qn("a:sysClr"):
        return color_el.get("lastClr").upper()
    if color_el.tag == qn("a:schemeClr"):
        val = color_el.get("val")
        slot = mapping.get(val, val)  # bg1 -> lt1, tx1 -> dk1, ...
        assert slot in scheme, f"unknown scheme colour {val!r}"
        return scheme[slot]
    raise AssertionError(f"unsupported colour element {color_el.tag}")


def solid_fill_color(parent, scheme, mapping):
    if parent is None:
        return None
    fill = parent.find(qn("a:solidFill"))
    if fill is None:
        return None
    (color_el,) = list(fill)
    return resolve_color(color_el, scheme, mapping)


def background(csld, scheme, mapping):
    bg = csld.find(qn("p:bg"))
    if bg is None:
        return None
    bg_pr = bg.find(qn("p:bgPr"))
    if bg_pr is not None:
        color = solid_fill_color(bg_pr, scheme, mapping)
        assert color is not None, "only solid-fill backgrounds are supported"
        return color
    bg_ref = bg.find(qn("p:bgRef"))
    (color_el,) = list(bg_ref)
    return resolve_color(color_el, scheme, mapping)


def ph_info(sp):
    ph = sp.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph"))
    if ph is None:
        return None
    return ph.get("type", "obj"), ph.get("idx", "0")


def level_fill(sp, level, scheme, mapping):
    tx = sp.find(qn("p:txBody"))
    if tx is None:
        return None
    lst = tx.find(qn("a:lstStyle"))
    if lst is None:
        return None
    lvl = lst.find(qn(f"a:lvl{level}pPr"))
    if lvl is None:
        return None
    return solid_fill_color(lvl.find(qn("a:defRPr")), scheme, mapping)


def master_placeholder(master_el, master_type):
    for sp in master_el.find(qn("p:cSld")).find(qn("p:spTree")).iter(qn("p:sp")):
        info = ph_info(sp)
        if info is not None and info[0] == master_type:
            return sp
    return None


def levels_for(sp):
    """List levels to check: the first two for body text, the first for the rest."""
    return (1, 2) if MASTER_TYPE_FOR[ph_info(sp)[0]] == "body" else (1,)


def text_color(sp, level, master_el, scheme, mapping):
    """Effective text colour of list level `level` (1-based) in a placeholder."""
    ph_type, _ = ph_info(sp)
    master_type = MASTER_TYPE_FOR[ph_type]
    color = level_fill(sp, level, scheme, mapping)
    if color is None:
        msp = master_placeholder(master_el, master_type)
        if msp is not None and msp is not sp:
            color = level_fill(msp, level, scheme, mapping)
    if color is None:
        styles = master_el.find(qn("p:txStyles"))
        style_tag = {"title": "p:titleStyle", "body": "p:bodyStyle"}.get(
            master_type, "p:otherStyle"
        )
        lvl = styles.find(qn(style_tag)).find(qn(f"a:lvl{level}pPr"))
        color = solid_fill_color(lvl.find(qn("a:defRPr")), scheme, mapping)
    assert color is not None, f"no text colour found for {ph_type} level {level}"
    return color


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------
def test_slide_size_is_16x9_widescreen(prs):
    assert prs.slide_width == SLIDE_W
    assert prs.slide_height == SLIDE_H
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_standard_layout_names_present(prs):
    names = [layout.name for layout in prs.slide_layouts]
    for name in LAYOUT_NAMES:
        assert name in names, f"layout {name!r} missing"
    assert len(names) == len(set(names)), "duplicate layout names"


def test_theme_is_empty_of_slides(prs):
    assert len(prs.slides) == 0


def _inside(shape):
    return (
        shape.left is not None
        and shape.left >= 0
        and shape.top >= 0
        and shape.width > 0
        and shape.height > 0
        and shape.left + shape.width <= SLIDE_W
        and shape.top + shape.height <= SLIDE_H
    )


def test_master_shapes_inside_slide(prs):
    for shape in prs.slide_master.shapes:
        assert _inside(shape), f"master shape {shape.name!r} lies outside the slide"


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_layout_shapes_inside_slide(prs, name):
    layout = prs.slide_layouts.get_by_name(name)
    assert layout is not None
    for ph in layout.placeholders:  # positions inherit from the master when omitted
        assert _inside(ph), f"{name}: placeholder idx={ph.placeholder_format.idx} outside the slide"
    for shape in layout.shapes:
        assert _inside(shape), f"{name}: shape {shape.name!r} outside the slide"


@pytest.mark.parametrize("name", [n for n in LAYOUT_NAMES if n != "Blank"])
def test_layout_has_title_and_bottom_right_slide_number(prs, name):
    layout = prs.slide_layouts.get_by_name(name)
    types = {}
    for ph in layout.placeholders:
        types.setdefault(ph.element.ph_type, []).append(ph)
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    assert PH.TITLE in types or PH.CENTER_TITLE in types, f"{name}: no title placeholder"
    assert PH.SLIDE_NUMBER in types, f"{name}: no slide-number placeholder"
    (num,) = types[PH.SLIDE_NUMBER]
    assert num.left + num.width > SLIDE_W * 0.8, f"{name}: slide number not at the right"
    assert num.top > SLIDE_H * 0.8, f"{name}: slide number not at the bottom"


def test_content_layouts_keep_body_placeholders(prs):
    expected = {
        "Title and Content": {1},
        "Two Content": {1, 2},
        "Comparison": {1, 2, 3, 4},
        "Content with Caption": {1, 2},
        "Picture with Caption": {1, 2},
        "Section Header": {1},
        "Title Slide": {1},
    }
    for name, idxs in expected.items():
        layout = prs.slide_layouts.get_by_name(name)
        got = {ph.placeholder_format.idx for ph in layout.placeholders}
        assert idxs <= got, f"{name}: expected placeholder idx {idxs}, got {got}"


def test_theme_fonts_are_calibri(theme_el):
    fonts = theme_el.find(qn("a:themeElements")).find(qn("a:fontScheme"))
    for tag in ("a:majorFont", "a:minorFont"):
        assert fonts.find(qn(tag)).find(qn("a:latin")).get("typeface") == "Calibri"


def test_master_text_sizes(prs):
    styles = prs.slide_master.element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    assert 3600 <= int(title.get("sz")) <= 4000
    body = styles.find(qn("p:bodyStyle"))
    lvl1 = int(body.find(qn("a:lvl1pPr")).find(qn("a:defRPr")).get("sz"))
    lvl2 = int(body.find(qn("a:lvl2pPr")).find(qn("a:defRPr")).get("sz"))
    assert lvl1 >= 2400 and lvl2 >= 1800


def test_master_text_contrast(prs, scheme):
    master_el = prs.slide_master.element
    mapping = clr_map(master_el)
    bg = background(master_el.find(qn("p:cSld")), scheme, mapping)
    assert bg is not None, "master has no background"
    for sp in master_el.find(qn("p:cSld")).find(qn("p:spTree")).iter(qn("p:sp")):
        info = ph_info(sp)
        if info is None:
            continue
        for level in levels_for(sp):
            fg = text_color(sp, level, master_el, scheme, mapping)
            ratio = contrast_ratio(fg, bg)
            assert ratio >= 4.5, f"master {info}: {fg} on {bg} = {ratio:.2f}"


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_layout_text_contrast(prs, scheme, name):
    master_el = prs.slide_master.element
    layout_el = prs.slide_layouts.get_by_name(name).element
    mapping = clr_map(master_el, layout_el)
    bg = background(layout_el.find(qn("p:cSld")), scheme, mapping) or background(
        master_el.find(qn("p:cSld")), scheme, mapping
    )
    assert bg is not None
    checked = 0
    for sp in layout_el.find(qn("p:cSld")).find(qn("p:spTree")).iter(qn("p:sp")):
        info = ph_info(sp)
        if info is None or info[0] not in MASTER_TYPE_FOR:
            continue
        for level in levels_for(sp):
            fg = text_color(sp, level, master_el, scheme, mapping)
            ratio = contrast_ratio(fg, bg)
            assert ratio >= 4.5, f"{name} {info} level {level}: {fg} on {bg} = {ratio:.2f} < 4.5"
            checked += 1
    assert checked > 0


def test_core_properties_neutral(prs):
    cp = prs.core_properties
    assert cp.title == "chapbook theme"
    assert not cp.author
    assert not cp.last_modified_by


def test_theme_file_matches_generator():
    """templates/deck/theme.pptx is what tools/make_theme.py builds (same part contents)."""
    spec = importlib.util.spec_from_file_location("make_theme", ROOT / "tools" / "make_theme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = zipfile.ZipFile(io.BytesIO(module.build()))
    stored = zipfile.ZipFile(THEME)
    assert built.namelist() == stored.namelist()
    for name in built.namelist():
        assert built.read(name) == stored.read(name), f"{name} differs: rerun tools/make_theme.py"
