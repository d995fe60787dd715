"""The foreign templates of tools/make_test_templates.py: they open, and their sidecars
say what the files hold (so later tests can trust the sidecars)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from foreign import NAMES, tool
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

pytestmark = pytest.mark.slow  # LibreOffice opens the foreign templates

ROLES = {"title", "content", "two-content", "section", "title-only", "blank", "picture", None}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The templates as a machine makes them: with LibreOffice when it is installed."""
    out = tmp_path_factory.mktemp("foreign")
    tool().main(["--out", str(out)])
    return out


@pytest.fixture(scope="module")
def without_soffice(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("foreign-nosoffice")
    tool().main(["--out", str(out), "--no-soffice"])
    return out


def _box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.width, shape.height


def _decoration_boxes(shapes) -> list[tuple[str, tuple[int, int, int, int]]]:
    return [(s.name, _box(s)) for s in shapes if not s.is_placeholder]


def _sidecar_boxes(items) -> list[tuple[str, tuple[int, int, int, int]]]:
    return [(d["name"], (d["x"], d["y"], d["cx"], d["cy"])) for d in items]


def _check(folder: Path, name: str) -> dict:
    prs = Presentation(str(folder / f"{name}.pptx"))
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    assert meta["name"] == name
    assert (prs.slide_width, prs.slide_height) == (meta["slide_size"]["cx"],
                                                   meta["slide_size"]["cy"])
    master = prs.slide_master
    assert _decoration_boxes(master.shapes) == _sidecar_boxes(meta["decorations"])
    layouts = list(prs.slide_layouts)
    assert [lay.name for lay in layouts] == [e["name"] for e in meta["layouts"]]
    for layout, entry in zip(layouts, meta["layouts"], strict=True):
        assert entry["role"] in ROLES
        shown = layout._element.get("showMasterSp", "1") in ("1", "true")
        assert shown == entry["show_master_shapes"], layout.name
        assert _decoration_boxes(layout.shapes) == _sidecar_boxes(entry["decorations"])
    roles = [e["role"] for e in meta["layouts"] if e["role"]]
    assert len(roles) == len(set(roles)), "a role names one layout"
    assert set(meta["missing_roles"]) == ROLES - {None} - set(roles)
    return {"prs": prs, "meta": meta, "by_role": {
        e["role"]: lay for lay, e in zip(layouts, meta["layouts"], strict=True) if e["role"]}}


def _kinds(layout) -> list[PP_PLACEHOLDER]:
    return [ph.placeholder_format.type for ph in layout.placeholders]


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def _overlap(a, b) -> bool:
    return (min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0])
            and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1]))


@pytest.mark.parametrize("name", NAMES)
def test_sidecar_matches_file(made, name):
    t = _check(made, name)
    slide = (0, 0, t["prs"].slide_width, t["prs"].slide_height)
    title = next(_box(ph) for ph in t["prs"].slide_master.placeholders
                 if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    for deco in t["meta"]["decorations"]:
        box = (deco["x"], deco["y"], deco["cx"], deco["cy"])
        assert _inside(box, slide)
        assert not deco["background"]
        assert _overlap(box, title) == deco["under_title"], deco["name"]


@pytest.mark.parametrize("name", NAMES)
def test_roles_point_at_layouts_fit_for_them(made, name):
    by_role = _check(made, name)["by_role"]
    titles = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
    bodies = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
    assert {"title", "content", "two-content", "title-only", "blank"} <= set(by_role)
    assert titles & set(_kinds(by_role["title"]))
    assert PP_PLACEHOLDER.SUBTITLE in _kinds(by_role["title"])
    assert sum(k in bodies for k in _kinds(by_role["content"])) == 1
    assert sum(k in bodies for k in _kinds(by_role["two-content"])) == 2
    assert not bodies & set(_kinds(by_role["title-only"]))
    assert titles & set(_kinds(by_role["title-only"]))
    assert not (titles | bodies) & set(_kinds(by_role["blank"]))


def test_band_keeps_body_text_off_the_band(made):
    t = _check(made, "band")
    band = next(d for d in t["meta"]["decorations"] if d["name"] == "Footer Band")
    assert band["y"] + band["cy"] == t["prs"].slide_height
    assert 0.10 <= band["cy"] / t["prs"].slide_height <= 0.14
    decorations = [box for _, box in _sidecar_boxes(t["meta"]["decorations"])]
    for layout in t["prs"].slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
                assert not any(_overlap(_box(ph), d) for d in decorations), layout.name
    bullets = t["prs"].slide_master._element.xpath(".//p:bodyStyle/a:lvl1pPr/a:buChar/@char")
    assert bullets and bullets[0] != "•"


def test_named_has_no_standard_names(made):
    t = _check(made, "named")
    standard = {"Title Slide", "Title and Content", "Two Content", "Section Header",
                "Title Only", "Blank"}
    assert not standard & {lay.name for lay in t["prs"].slide_layouts}
    assert all(lay._element.get("type") is None for lay in t["prs"].slide_layouts)
    assert t["prs"].slide_width * 10 == t["prs"].slide_height * 16


def test_classic43_is_libreoffice_shaped(made):
    t = _check(made, "classic43")
    prs = t["prs"]
    assert prs.slide_width * 3 == pytest.approx(prs.slide_height * 4, rel=1e-3)
    assert "section" in t["meta"]["missing_roles"]
    assert prs.slide_master._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles") is None
    content = t["by_role"]["content"]
    assert [ph.placeholder_format.idx for ph in content.placeholders][:2] == [0, 0]
    if shutil.which("soffice"):
        assert t["meta"]["source"].startswith("LibreOffice")


@pytest.mark.parametrize("name", NAMES)
def test_fallback_without_soffice(without_soffice, name):
    t = _check(without_soffice, name)
    assert t["meta"]["source"].startswith("python-pptx")


def test_deterministic(without_soffice, tmp_path):
    tool().main(["--out", str(tmp_path), "--no-soffice"])
    for name in NAMES:
        for suffix in (".pptx", ".json"):
            again = (tmp_path / f"{name}{suffix}").read_bytes()
            assert again == (without_soffice / f"{name}{suffix}").read_bytes(), name + suffix
