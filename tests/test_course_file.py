"""The course file: defaults for every lecture under it, overridden by front matter and by
the command line; checked like front matter, errors naming chapbook.yml and its line; the
files it names kept inside its folder; looked for no higher than the project root."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pdftools import page_texts
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader

from chapbook.build import build
from chapbook.check import check_lecture
from chapbook.cli import main
from chapbook.dependencies import course_dependencies
from chapbook.errors import ContentError
from chapbook.read import parse_lecture
from chapbook.read.course import find_course_file
from chapbook.settings import Choices, resolve

BUNDLED_THEME = ROOT / "templates" / "deck" / "theme.pptx"
COURSE = """\
author: Course Author
institution: Université de Gand
lang: fr
paper: a4
theme: themes/course.pptx
sources:
  - key: shared2000
    author: Ann Shared
    title: A Shared Book
    year: 2000
  - key: unused1999
    author: Ben Unused
    title: A Book Nobody Cites
    year: 1999
"""


def lecture(folder: Path, front: str = "", body: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "lecture.md").write_text(
        f"---\ntitle: Un cours\n{front}---\n\nIntroduction.\n\n## Section\n\nTexte {body}.\n\n"
        "::: notes\nNotes.\n:::\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    """A project (it has .git) with a course file, a 4:3 course theme and two lectures:
    `a` takes every default, `b` overrides the author and the language."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "themes").mkdir()
    prs = Presentation(str(BUNDLED_THEME))
    prs.slide_width, prs.slide_height = Inches(10), Inches(7.5)
    prs.save(str(tmp_path / "themes" / "course.pptx"))
    (tmp_path / "chapbook.yml").write_text(COURSE, encoding="utf-8")
    lecture(tmp_path / "content" / "a", body="[@shared2000]")
    lecture(tmp_path / "content" / "b", "author: Own Author\nlang: de\n")
    return tmp_path


def test_course_fields_are_defaults(project):
    a = parse_lecture(project / "content" / "a")
    assert (a.meta.author, a.meta.institution, a.meta.lang, a.meta.paper) == (
        "Course Author", "Université de Gand", "fr", "a4")
    settings = resolve(a)
    assert settings.theme == (project / "themes" / "course.pptx").resolve()
    assert settings.paper.name == "A4" and settings.labels["contents"] == "Table des matières"


def test_a_lecture_overrides_the_course_file(project):
    b = parse_lecture(project / "content" / "b")
    assert (b.meta.author, b.meta.lang) == ("Own Author", "de")
    assert b.meta.institution == "Université de Gand"  # not overridden: still the course's


def test_the_command_line_overrides_both(project, tmp_path):
    a = parse_lecture(project / "content" / "a")
    own = tmp_path / "own.pptx"
    shutil.copy(BUNDLED_THEME, own)
    settings = resolve(a, Choices(paper="a5", theme=own))
    assert (settings.paper.name, settings.theme) == ("A5", own)


@pytest.mark.slow
def test_built_outputs_carry_the_course_values(project):
    out = project / "build"
    built = {p.path.name: p.path for p in build(project / "content" / "a", out)}
    built |= {p.path.name: p.path for p in build(project / "content" / "b", out, ("pdf",))}
    deck = Presentation(str(built["a.pptx"]))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))  # course theme
    title = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    assert any("Course Author · Université de Gand" in text for text in title)
    first = PdfReader(built["a.pdf"]).pages[0]
    assert round(float(first.mediabox.width) / 72 * 25.4) == 210  # course paper: A4
    a_text, b_text = (" ".join(page_texts(built[n])) for n in ("a.pdf", "b.pdf"))
    assert "Course Author" in a_text and "Université de Gand" in a_text
    assert "Table des matières" in a_text and "Contents" not in a_text
    assert "Own Author" in b_text and "Inhalt" in b_text and "Course Author" not in b_text


@pytest.mark.slow
def test_shared_sources_are_listed_when_cited(project):
    a, findings = check_lecture(project / "content" / "a")
    b = parse_lecture(project / "content" / "b")
    assert [s.key for s in a.references] == ["shared2000"]
    assert [s.key for s in b.references] == []
    assert not [f for f in findings if "never cited" in f.message]


def test_a_lecture_source_of_the_same_key_wins(project):
    folder = lecture(project / "content" / "c", "sources:\n  - key: shared2000\n"
                     "    title: Its Own Book\n", "[@shared2000]")
    (entry,) = parse_lecture(folder).references
    assert "Its Own Book" in entry.html and "A Shared Book" not in entry.html


@pytest.mark.parametrize(("line", "message"), [
    ("autor: X", "course file: unknown field 'autor'; did you mean 'author'?"),
    ("paper: a3", "course file: "),
    ("bleed: lots", "course file: "),
    ("formats: [pdf, epub2]", "course file: unknown format 'epub2'"),
    ("output-dir: ../elsewhere", "course file: output-dir '../elsewhere' leaves"),
    ("theme: ../outside.pptx", "leaves the course file's folder"),
    ("theme: /etc/outside.pptx", "is an absolute path"),
    ("author: [[x]]", "course file: `author` must be"),
])
def test_errors_name_the_course_file_and_line(project, line, message):
    fields = COURSE.splitlines()
    key = line.split(":")[0]
    kept = [f for f in fields if not f.startswith(f"{key}:")]
    at = next((i for i, f in enumerate(fields) if f.startswith(f"{key}:")), len(kept))
    kept.insert(at, line)
    (project / "chapbook.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        parse_lecture(project / "content" / "a")
    assert caught.value.path == project / "chapbook.yml"
    assert caught.value.line == at + 1 and message in caught.value.message
    assert str(caught.value).startswith(f"{project / 'chapbook.yml'}:{at + 1}: ")


def test_a_theme_symlinked_out_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "theme.pptx"
    shutil.copy(BUNDLED_THEME, outside)
    (project / "themes" / "course.pptx").unlink()
    (project / "themes" / "course.pptx").symlink_to(outside)
    with pytest.raises(ContentError, match="leaves the course file's folder") as caught:
        parse_lecture(project / "content" / "a")
    assert (caught.value.path.name, caught.value.line) == ("chapbook.yml", 5)


def test_a_bad_language_is_a_warning_naming_its_line(project):
    text = COURSE.replace("lang: fr", "lang: français!")
    (project / "chapbook.yml").write_text(text, encoding="utf-8")
    a = parse_lecture(project / "content" / "a")
    (finding,) = [f for f in a.findings if f.path.name == "chapbook.yml"]
    assert finding.line == 3 and "course file: lang 'français!'" in finding.message
    assert a.meta.lang == "en"


def test_the_lookup_stops_at_the_project_root(tmp_path):
    (tmp_path / "chapbook.yml").write_text("author: Above The Project\n", encoding="utf-8")
    (tmp_path / "project" / ".git").mkdir(parents=True)
    folder = lecture(tmp_path / "project" / "content" / "a")
    assert find_course_file(folder) is None
    assert parse_lecture(folder).meta.author == ""
    (tmp_path / "project" / "_chapbook.yml").write_text("author: Root\n", encoding="utf-8")
    assert parse_lecture(folder).meta.author == "Root"
    (tmp_path / "project" / "content" / "chapbook.yml").write_text("author: Nearest\n",
                                                                  encoding="utf-8")
    assert parse_lecture(folder).meta.author == "Nearest"  # the nearest one only
    (folder / ".git").mkdir()  # a lecture that is a project of its own
    assert parse_lecture(folder).meta.author == ""


def test_two_course_files_in_one_folder_are_an_error(project):
    (project / "_chapbook.yml").write_text("author: Other\n", encoding="utf-8")
    with pytest.raises(ContentError, match="two course files here"):
        parse_lecture(project / "content" / "a")


@pytest.mark.slow
def test_formats_and_output_folder_from_the_course_file(project, monkeypatch, capsys):
    with (project / "chapbook.yml").open("a", encoding="utf-8") as f:
        f.write("formats: [pdf]\noutput-dir: dist\n")
    monkeypatch.chdir(project)
    assert main(["build", "content/a"]) == 0
    assert os.listdir(project / "dist") == ["a.pdf"]
    assert "wrote dist/a.pdf" in capsys.readouterr().out
    assert main(["build", "content/a", "--format", "pptx", "--out", "elsewhere"]) == 0
    assert os.listdir(project / "elsewhere") == ["a.pptx"]


def test_the_files_it_names_are_dependencies(project):
    deps = course_dependencies([project / "content" / "a", project / "content" / "b"])
    assert deps == [project / "chapbook.yml", (project / "themes" / "course.pptx").resolve()]


def test_layouts_for_the_course_theme_come_from_the_course_file(project):
    """A course theme's layouts are named once, in the course file, not in every lecture."""
    course = project / "chapbook.yml"
    course.write_text(COURSE + "layouts:\n  section: Title Only\n", encoding="utf-8")
    a = parse_lecture(project / "content" / "a")
    assert dict(a.meta.layouts) == {"section": "Title Only"}
    (project / "content" / "b" / "lecture.md").write_text(
        "---\ntitle: B\nlayouts:\n  section: Section Header\n---\n\n## S\n\nText.\n",
        encoding="utf-8")
    b = parse_lecture(project / "content" / "b")
    assert dict(b.meta.layouts) == {"section": "Section Header"}  # the lecture's own wins
    course.write_text(COURSE + "layouts:\n  sektion: Title Only\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        parse_lecture(project / "content" / "a")
    assert caught.value.path == course and caught.value.line == len(COURSE.splitlines()) + 2
