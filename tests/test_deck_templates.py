"""Decks built on templates chapbook did not make: every layout used as the template
intends, nothing over its decorations, everything added inside its content area, every
character inside its shape as LibreOffice draws it.

The templates come from tools/make_test_templates.py: `band` (standard names, a footer
band, a rule and a logo on the master), `named` (house names such as "Bullets" and
"Chapter", no layout types, header and footer bands, 16:10) and `classic43` (what
LibreOffice writes: "Title, 2 Content", every placeholder idx 0, no text styles, no
table styles). What each layout is for and where the decorations lie is read from their
sidecars, written from the same facts the templates are built from, not from the decks.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE
from foreign import NAMES, make_templates, sidecar
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from rendering import characters_outside, convert_all, read_rendered, small_rendered_text

from chapbook.build import build
from chapbook.cli import main
from chapbook.deck import check_theme, compose_deck, split_for_theme
from chapbook.errors import RenderError
from chapbook.plan import plan_deck
from chapbook.plan.schema import TextBody
from chapbook.read.parse import parse_lecture

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

LECTURES = {"sample": SAMPLE, "longdeck": FIXTURES / "longdeck",
            "slidekinds": FIXTURES / "slidekinds"}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
SLACK = 12700  # one point: rounding of EMU


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    return make_templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="module")
def decks(templates, tmp_path_factory) -> dict[tuple[str, str], tuple[Path, object]]:
    """(template, lecture) -> (the deck, the split plan it was written from)."""
    out = tmp_path_factory.mktemp("decks")
    made = {}
    for name, template in templates.items():
        for lecture, folder in LECTURES.items():
            (deck,) = (b.path for b in build(folder, out / name / lecture, ("pptx",), template))
            plan = split_for_theme(plan_deck(parse_lecture(folder)), template)
            made[name, lecture] = (deck, plan)
    return made


CASES = [(t, lec) for t in NAMES for lec in LECTURES]


def _box(shape) -> tuple[int, int, int, int]:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def _overlap(a, b) -> bool:
    return (min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0])
            and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1]))


def _inside(inner, outer, slack: int = SLACK) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[0] + inner[2] <= outer[0] + outer[2] + slack
            and inner[1] + inner[3] <= outer[1] + outer[3] + slack)


def _intended_role(slide, missing: list[str]) -> str:
    """The role of the layout a slide of the split plan should get, from what it shows."""
    texts = [c for c in slide.content if isinstance(c, TextBody)]
    visuals = [c for c in slide.content if not isinstance(c, TextBody)]
    if slide.fit.columns or (texts and visuals):
        role = "two-content"
    elif visuals or slide.layout == "quote":
        role = "content"
    else:
        role = {"closing": "section"}.get(slide.layout, slide.layout)
    if role == "section" and "section" in missing:
        role = "title"
    return role


@pytest.mark.parametrize(("template", "lecture"), CASES)
def test_every_layout_is_used_as_the_template_intends(decks, templates, template, lecture):
    deck, plan = decks[template, lecture]
    meta = sidecar(templates[template])
    roles = {entry["name"]: entry["role"] for entry in meta["layouts"]}
    prs = Presentation(deck)
    assert len(prs.slides) == len(plan.slides)
    wrong = []
    for number, (slide, planned) in enumerate(zip(prs.slides, plan.slides, strict=True), 1):
        wanted = _intended_role(planned, meta["missing_roles"])
        got = roles.get(slide.slide_layout.name)
        if got != wanted:
            wrong.append(f"slide {number} {planned.title[:40]!r} ({planned.layout}): "
                         f"{slide.slide_layout.name!r} is for {got}, not {wanted}")
    assert not wrong, "\n".join(wrong)


def _decorations(meta: dict, layout_name: str) -> list[tuple[str, tuple, bool]]:
    """(name, box, whether the title may sit on it) of what a slide on the layout shows."""
    entry = next(e for e in meta["layouts"] if e["name"] == layout_name)
    shown = (meta["decorations"] if entry["show_master_shapes"] else []) + entry["decorations"]
    return [(d["name"], (d["x"], d["y"], d["cx"], d["cy"]), d["under_title"])
            for d in shown if not d["background"]]


@pytest.mark.parametrize(("template", "lecture"), CASES)
def test_nothing_covers_the_templates_decorations(decks, templates, template, lecture):
    deck, _ = decks[template, lecture]
    meta = sidecar(templates[template])
    problems = []
    for number, slide in enumerate(Presentation(deck).slides, 1):
        decorations = _decorations(meta, slide.slide_layout.name)
        for shape in slide.shapes:
            kind = shape.placeholder_format.type if shape.is_placeholder else None
            if kind in FOOTERS:
                continue  # the template's own, where it put them
            for name, box, under_title in decorations:
                if under_title and kind in TITLES:
                    continue
                if _overlap(_box(shape), box):
                    problems.append(f"slide {number}: {shape.name!r} covers {name!r}")
    assert not problems, "\n".join(problems)


def _content_region(template: Path) -> tuple[int, int, int, int]:
    """The bounding box of the body placeholders of the template's content and
    two-content layouts: where the template means content to go."""
    meta = sidecar(template)
    prs = Presentation(template)
    wanted = {e["name"] for e in meta["layouts"] if e["role"] in ("content", "two-content")}
    boxes = [_box(ph) for layout in prs.slide_layouts if layout.name in wanted
             for ph in layout.placeholders if ph.placeholder_format.type in BODIES]
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


@pytest.mark.parametrize(("template", "lecture"), CASES)
def test_pictures_tables_and_charts_lie_in_the_content_area(decks, templates, template,
                                                            lecture):
    deck, _ = decks[template, lecture]
    region = _content_region(templates[template])
    added, outside = 0, []
    for number, slide in enumerate(Presentation(deck).slides, 1):
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type not in BODIES:
                continue
            visual = (shape.shape_type == MSO_SHAPE_TYPE.PICTURE or shape.has_chart
                      or shape.has_table or not shape.is_placeholder)
            added += visual
            if not _inside(_box(shape), region):
                outside.append(f"slide {number}: {shape.name!r} at {_box(shape)} "
                               f"outside {region}")
    assert not outside, "\n".join(outside)
    if lecture != "slidekinds" or template == "band":
        assert added, "the deck added no picture, table or chart"


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory):
    """The sample and the long lecture on each template, drawn by LibreOffice."""
    out = tmp_path_factory.mktemp("rendered")
    wanted = {key: deck for key, (deck, _) in decks.items() if key[1] != "slidekinds"}
    copies = {}
    for (template, lecture), deck in wanted.items():
        copy = out / f"{template}-{lecture}.pptx"
        copy.write_bytes(deck.read_bytes())
        copies[template, lecture] = copy
    pdfs = convert_all(list(copies.values()), out)
    return {key: read_rendered(f"{key[1]} on {key[0]}", copy, pdfs[copy])
            for key, copy in copies.items()}


@pytest.mark.parametrize(("template", "lecture"),
                         [(t, lec) for t in NAMES for lec in ("sample", "longdeck")])
def test_libreoffice_draws_every_character_inside_its_shape(rendered, template, lecture):
    result = rendered[template, lecture]
    problems, unmatched = characters_outside(result)
    assert not problems, f"{result.case}:\n" + "\n".join(problems)
    assert len(unmatched) <= len(result.pages) // 4, unmatched
    small = small_rendered_text(result)
    assert not small, f"{result.case}: " + "\n".join(small)


# -- what the templates' own parts become --------------------------------------------------


def test_libreoffice_templates_get_bullets_and_a_table_style(decks):
    """classic43 keeps its bullets in the master's sample paragraphs and has no table
    styles: the deck writes the bullets out and adds the part its tables name."""
    deck, _ = decks["classic43", "sample"]
    prs = Presentation(deck)
    sample = prs.slide_master.element.xpath(".//p:sp[.//p:ph[@type='body']]//a:p[1]/a:pPr/"
                                            "a:buChar/@char")
    bodies = [sh for s in prs.slides for sh in s.placeholders
              if sh.placeholder_format.type in BODIES and sh.text_frame.text.strip()]
    assert bodies
    chars = {c for sh in bodies for c in sh.element.xpath(".//a:pPr[not(@lvl)]/a:buChar/@char")}
    assert chars == set(sample)
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert tables
    import zipfile

    with zipfile.ZipFile(deck) as archive:
        styles = archive.read("ppt/tableStyles.xml").decode()
    for table in tables:
        style = table._tbl.xpath("./a:tblPr/a:tableStyleId/text()")[0]
        assert f'def="{style}"' in styles


def test_templates_own_bullets_are_inherited(decks):
    """band's master gives its bullets (Wingdings squares): body text inherits them."""
    deck, _ = decks["band", "sample"]
    prs = Presentation(deck)
    bodies = [sh for s in prs.slides for sh in s.placeholders
              if sh.placeholder_format.type in BODIES and sh.text_frame.text.strip()]
    marks = [sh.element.xpath(".//a:buChar") for sh in bodies]
    numbered = [sh.element.xpath(".//a:buAutoNum") for sh in bodies]
    assert any(numbered)  # the overview's numbers
    assert not any(marks)


def test_fallbacks_are_warned_once(templates, tmp_path, caplog):
    """classic43 has no section layout: twelve sections' dividers give one warning."""
    from lectures import write_lecture

    parts = "\n\n".join(f"## Part {n}" for n in range(1, 13))
    folder = write_lecture(tmp_path, f"---\ntitle: Twelve parts\n---\n\n{parts}\n", "parts")
    with caplog.at_level(logging.WARNING, logger="chapbook"):
        build(folder, tmp_path, ("pptx",), templates["classic43"])
    warned = [r.getMessage() for r in caplog.records if "no section layout" in r.getMessage()]
    assert len(warned) == 1, warned
    assert "'Title Slide'" in warned[0]
    prs = Presentation(tmp_path / "parts.pptx")
    dividers = [s for s in prs.slides if s.slide_layout.name == "Title Slide"]
    assert len(dividers) > 5


def test_theme_check_explains_the_mapping(templates, capsys):
    assert main(["theme-check", str(templates["named"])]) == 0
    out = capsys.readouterr().out
    assert "10.00 x 6.25 in 16:10" in out
    assert "content area: 9.00 x 4.38 in at 0.50, 1.25 in" in out
    assert "Footer Band (master)" in out and "Header Band (master)" in out
    chosen = {line.split("->")[0].strip(): line.split("->")[1]
              for line in out.splitlines() if "->" in line}
    assert set(chosen) >= {"title", "content", "two-content", "section", "picture", "quote",
                           "title-only", "closing"}
    assert chosen["section"].startswith(" 'Chapter': a section layout, by its placeholders")
    assert chosen["content"].startswith(" 'Bullets': a content layout")
    assert chosen["two-content"].startswith(" 'Two Columns'")
    assert chosen["title"].startswith(" 'Cover'")
    assert main(["theme-check", str(templates["classic43"])]) == 0
    captured = capsys.readouterr()
    assert "'Title, 2 Content': a two-content layout, by its standard name" in captured.out
    assert "no section layout for section slides: using 'Title Slide'" in captured.err


def test_a_mapping_names_layouts_outright(templates, tmp_path, capsys):
    theme = templates["named"]
    report = check_theme(theme, {"section": "Heading Only"})
    assert report.choices["section"] == "Heading Only"
    assert main(["theme-check", str(theme), "--layout", "closing=Cover"]) == 0
    assert "closing      -> 'Cover': named in the front matter" in capsys.readouterr().out
    plan = split_for_theme(plan_deck(parse_lecture(FIXTURES / "slidekinds")), theme,
                           layouts={"section": "Heading Only"})
    prs, _ = compose_deck(plan, theme, FIXTURES / "slidekinds", {"section": "heading only"})
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[2] == "Heading Only"
    with pytest.raises(RenderError, match=r"no layout named 'Divider' \(it has 'Cover', "):
        compose_deck(plan, theme, FIXTURES / "slidekinds", {"section": "Divider"})
    with pytest.raises(RenderError, match="'aside' is not a kind of slide"):
        check_theme(theme, {"aside": "Cover"})
