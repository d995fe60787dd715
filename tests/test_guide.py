"""docs/guide/ stays true: its examples check clean, each has the pictures `make docs`
makes and is quoted as it is, every picture and relative link of its pages resolves, and
the troubleshooting page's messages are the ones chapbook prints today.

Reading and checking only (`chapbook check`, no PDF or deck written); the pictures are
made by tools/make_docs.py, not here.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import require_program
from PIL import Image

from chapbook.check import check_lecture
from chapbook.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
EXAMPLES = sorted(p.parent for p in (GUIDE / "examples").glob("*/lecture.md"))
PAGES = sorted(GUIDE.glob("*.md"))
MAX_PICTURE_BYTES = 100 * 1024
_FENCE = re.compile(r"^(`{3,})(\S*)\s*$")
_LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# Files a troubleshooting case needs beside its lecture.md, by the case's heading.
SETUP = {
    "A file that is not an image": {"figures/map.png": "<html>not a picture</html>\n"},
    "A chart's column": {"data/recognitions.csv": "country,date\nBelgium,1935-07-12\n"},
}


def fenced_blocks(text: str) -> list[tuple[str, str, str]]:
    """The page's fenced blocks as (info string, body, the `###` heading above)."""
    lines, blocks, heading, i = text.split("\n"), [], "", 0
    while i < len(lines):
        if lines[i].startswith("### "):
            heading = lines[i][4:].strip()
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(k for k in range(i + 1, len(lines)) if lines[k].strip() == m.group(1))
        blocks.append((m.group(2), "\n".join(lines[i + 1:end]), heading))
        i = end + 1
    return blocks


def unfenced(text: str) -> list[str]:
    """The page's lines outside fenced blocks."""
    out, fence = [], None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None:
            out.append(line)
    return out


def links(page: Path) -> list[tuple[bool, str]]:
    """(is a picture, target) of every Markdown link in the page's prose (not in code)."""
    prose = "\n".join(_CODE_SPAN.sub("", line) for line in unfenced(page.read_text()))
    return [(bang == "!", target) for bang, target in _LINK.findall(prose)]


def anchors(page: Path) -> set[str]:
    """The heading anchors GitHub makes for a Markdown page."""
    seen: dict[str, int] = {}
    for line in unfenced(page.read_text()):
        m = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
        if not m:
            continue
        slug = re.sub(r"[^\w\- ]", "", m.group(1).replace("`", "").lower()).replace(" ", "-")
        seen[slug] = seen.get(slug, -1) + 1
        if seen[slug]:
            seen[f"{slug}-{seen[slug]}"] = 0
    return set(seen)


def test_the_guide_has_examples_and_pages():
    assert len(EXAMPLES) >= 10
    names = {p.name for p in PAGES}
    assert {"README.md", "content-format.md", "templates-and-themes.md", "formats.md",
            "commands.md", "make-targets.md", "course-file.md",
            "troubleshooting.md"} <= names


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_example_checks_without_warnings(folder):
    _, findings = check_lecture(folder)
    assert [str(f) for f in findings] == []


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_example_has_its_pictures_and_is_quoted_as_it_is(folder):
    page = (GUIDE / "content-format.md").read_text()
    quoted = {body + "\n" for info, body, _ in fenced_blocks(page) if info == "markdown"}
    assert (folder / "lecture.md").read_text() in quoted, \
        f"content-format.md does not quote {folder.name}/lecture.md as it is"
    for kind in ("booklet", "slide"):
        picture = GUIDE / "pictures" / f"{folder.name}-{kind}.png"
        assert picture.is_file(), f"{picture.name} is missing: run make docs"
        assert picture.stat().st_size <= MAX_PICTURE_BYTES
        with Image.open(picture) as image:
            assert image.format == "PNG" and min(image.size) >= 50
        assert f"(pictures/{picture.name})" in page


def test_every_picture_is_used():
    used = {Path(t).name for page in PAGES for pic, t in links(page) if pic}
    made = {p.name for p in (GUIDE / "pictures").glob("*.png")}
    assert made - used == set(), "pictures no page shows"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page):
    for picture, target in links(page):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.exists(), f"{page.name}: {target} goes nowhere"
        if picture:
            assert resolved.suffix == ".png" and resolved.is_file()
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{page.name}: no #{anchor} in {resolved.name}"


def test_makefile_has_a_docs_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    assert "docs" in phony
    rule = re.search(r"^docs:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert rule and "tools/make_docs.py" in rule.group(1)
    assert (ROOT / "tools" / "make_docs.py").is_file()


def troubleshooting_cases() -> list[tuple[str, str, list[str], list[str]]]:
    """(heading, lecture.md, command's arguments, lines printed) of each case written as a
    lecture and the `chapbook check` of it right after."""
    blocks = fenced_blocks((GUIDE / "troubleshooting.md").read_text())
    cases = []
    for (info, body, heading), (next_info, console, _) in pairwise(blocks):
        command, *printed = console.split("\n")
        if info == "markdown" and next_info == "console" and command.startswith("$ chapbook check"):
            cases.append((heading, body + "\n", command.split()[2:], printed))
    return cases


@pytest.mark.parametrize("case", troubleshooting_cases(), ids=lambda c: c[0])
def test_troubleshooting_prints_what_the_page_says(case, tmp_path, monkeypatch, capsys):
    heading, source, argv, printed = case
    folder = tmp_path / "content" / "my-lecture"
    folder.mkdir(parents=True)
    (folder / "lecture.md").write_text(source)
    for name, text in SETUP.get(heading, {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    status = main(argv)
    out = capsys.readouterr()
    lines = (out.out + out.err).splitlines()
    for line in printed:
        assert line in lines, f"{heading}: chapbook no longer prints\n{line}\nbut\n" + \
            "\n".join(lines)
    is_error = not any(": warning: " in line for line in printed)
    assert status == (1 if is_error or "--strict" in argv else 0)


def test_troubleshooting_covers_the_likely_errors():
    headings = {h for _, _, h in fenced_blocks((GUIDE / "troubleshooting.md").read_text())}
    checked = {c[0] for c in troubleshooting_cases()}
    assert len(checked) >= 9
    assert {"Broken YAML", "A missing image", "A path that leaves the lecture folder",
            "A file that is not an image", "Unknown front-matter field",
            "Text too long for a slide"} <= checked
    assert {"Time limit", "Theme not usable", "Warnings that fail under `--strict`"} <= headings


@pytest.mark.slow
def test_make_docs_makes_an_examples_pictures(tmp_path, monkeypatch):
    """tools/make_docs.py on one example: a booklet picture cut to the page's text and a
    whole slide, as the committed ones are."""
    require_program("soffice")
    require_program("pdftoppm")
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "tools" / "make_docs.py")
    make_docs = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_docs", make_docs)  # for its dataclass
    spec.loader.exec_module(make_docs)
    monkeypatch.setattr(make_docs, "PICTURES", tmp_path)
    monkeypatch.setattr(make_docs, "ROOT", tmp_path.parent)
    assert make_docs.main(["callouts"]) == 0
    with Image.open(tmp_path / "callouts-booklet.png") as booklet:
        a5_width = round(148 / 25.4 * make_docs.BOOKLET_DPI)
        assert booklet.width < a5_width - 40 and booklet.height < booklet.width
    with Image.open(tmp_path / "callouts-slide.png") as slide:
        assert abs(slide.width - 800) <= 1 and abs(slide.height - 450) <= 1  # 13.33 x 7.5 in
        assert len(slide.convert("RGB").getcolors(2**20)) > 8  # drawn, not blank
    committed = GUIDE / "pictures" / "callouts-slide.png"
    with Image.open(committed) as before, Image.open(tmp_path / "callouts-slide.png") as now:
        assert before.size == now.size
