"""Input that may be accepted builds valid files with nothing read from outside the lecture.

Also: random text and random front matter never crash the parser (only our own
errors), and every built file passes structural checks (qpdf, zip, relationships).
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from conftest import require_program
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pdftools import page_texts
from pypdf import PdfReader

from chapbook.build import build
from chapbook.errors import ChapbookError
from chapbook.read.parse import parse_text

HOSTILE = """---
title: "Hostile \x07input <script>alert(1)</script>"
author: "Bell\x07 & <b>bold</b>"
---

Raw HTML stays text: <img src="file:///etc/hostname"> <iframe src="/etc/passwd"></iframe>
<link rel="stylesheet" href="file:///etc/hostname"> and a control\x0b\x1b character.

<div style="background: url(file:///etc/hostname)">block HTML</div>

<style>@import url(file:///etc/hostname);</style>

## Section <em>with</em> tags

[a link](javascript:alert(1)) and [another](file:///etc/hostname).

::: slide
- bullet with <b>tags</b> and \x1f control
:::
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "hostile"
    folder.mkdir()
    (folder / "lecture.md").write_text(HOSTILE, encoding="utf-8")
    return {b.path.suffix.lstrip("."): b.path for b in build(folder, base / "out")}


def test_raw_html_is_shown_as_text_not_rendered(hostile):
    text = "".join(page_texts(hostile["pdf"]))
    assert "<img src=" in text  # inline tags outside the allow-list are printed as text
    assert "<iframe" in text
    assert "@import url(file:///etc/hostname);" in text  # a block's text, never its tags
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    if hostname:
        assert hostname not in text


def test_no_image_and_no_outside_file_in_the_pdf(hostile):
    reader = PdfReader(hostile["pdf"])
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert not xobjects
    raw = hostile["pdf"].read_bytes()
    assert b"javascript" not in raw.lower()


def test_control_characters_are_gone_from_the_deck(hostile):
    with zipfile.ZipFile(hostile["pptx"]) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                data = archive.read(name)
                etree.fromstring(data)  # well-formed
                assert b"\x07" not in data and b"\x1b" not in data and b"\x1f" not in data
        core = archive.read("docProps/core.xml").decode()
    assert "Hostile input" in core


# --- properties ---------------------------------------------------------------------

MARKDOWN_BITS = st.sampled_from([
    "## Heading\n", "### Sub\n", "::: slide\n", ":::\n", "::: notes\n", "::: {.callout}\n",
    "::: {.callout title=\"x\"}\n", "- item\n", "1. item\n", "> quote\n", "[^1]\n",
    "[^1]: note\n", "[@key]\n", "[@missing, p. 3]\n", "**bold**\n", "| a | b |\n|---|---|\n",
    "Table: cap\n", "![alt](figures/x.png)\n", "```\ncode\n", "<b>html</b>\n", "\n", "text\n",
    "---\n", "# h1\n", "\t\x00\x1b\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=40)), max_size=30))
def test_random_markdown_never_crashes(tmp_path_factory, parts):
    folder = tmp_path_factory.mktemp("prop")
    text = "---\ntitle: T\nsources:\n  - key: key\n    title: A\n---\n" + "".join(parts)
    try:
        parse_text(text, folder / "lecture.md", folder, "prop")
    except ChapbookError as exc:
        assert exc.path is not None
        assert "\n" not in str(exc)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.dates().map(str),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "subtitle", "author", "date", "lang",
                                        "sources", "other"]), YAML_VALUES, max_size=6))
def test_random_front_matter_never_crashes(tmp_path_factory, data):
    import yaml

    folder = tmp_path_factory.mktemp("fm")
    front = yaml.safe_dump(data, allow_unicode=True) if data else ""
    text = f"---\n{front}---\n\n## A\n\nText.\n"
    try:
        parse_text(text, folder / "lecture.md", folder, "fm")
    except ChapbookError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_random_front_matter_text_never_crashes(tmp_path_factory, yaml_text):
    folder = tmp_path_factory.mktemp("fmt")
    try:
        parse_text(f"---\n{yaml_text}\n---\n\n## A\n", folder / "lecture.md", folder, "x")
    except ChapbookError as exc:
        assert "\n" not in str(exc)


# --- structure of every built file ----------------------------------------------------


def test_qpdf_finds_no_damage(built, name):
    qpdf = require_program("qpdf")
    done = subprocess.run([qpdf, "--check", str(built[name]["pdf"])], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


def test_pdffonts_reports_every_font_embedded(built, name):
    pdffonts = require_program("pdffonts")
    out = subprocess.run([pdffonts, str(built[name]["pdf"])], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_every_pptx_relationship_resolves(built, name):
    with zipfile.ZipFile(built[name]["pptx"]) as archive:
        names = set(archive.namelist())
        for rels in (n for n in names if n.endswith(".rels")):
            base = PurePosixPath(rels).parent.parent
            for rel in etree.fromstring(archive.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                path = (PurePosixPath("/") / target if target.startswith("/")
                        else base / target)
                resolved = str(_normalise(path)).lstrip("/")
                assert resolved in names, (rels, target)


def _normalise(path: PurePosixPath) -> PurePosixPath:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts) if parts else PurePosixPath(".")
