"""`chapbook new`: the scaffold builds into every format, passes `check --strict`, shows
every construct (its comments in no output), lands in content/ in a project and never
overwrites."""

from __future__ import annotations

import re
import zipfile

import pytest
from pdftools import page_texts
from pptx import Presentation

from chapbook.build import build
from chapbook.check import check_lecture
from chapbook.cli import main
from chapbook.errors import ChapbookError
from chapbook.formats import FORMATS
from chapbook.read import parse_lecture
from chapbook.scaffold import new_lecture

CONSTRUCTS = {"Heading", "Paragraph", "ListBlock", "Figure", "Chart", "Table", "Callout",
              "Maths", "Code", "Quote"}


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    """A new lecture made in an empty folder, built into every format."""
    where = tmp_path_factory.mktemp("empty")
    source = new_lecture("my-first-talk", where=where)
    built = build(source.parent, where / "build", tuple(FORMATS))
    return source, {b.path.name: b.path for b in built}


@pytest.mark.slow
def test_new_lecture_builds_into_every_format(scaffold):
    source, built = scaffold
    assert source.parent.name == "my-first-talk"
    assert sorted(built) == sorted(f"my-first-talk{f.suffix}" for f in FORMATS.values())
    assert all(path.stat().st_size > 10_000 for path in built.values())


def test_new_lecture_holds_every_construct(scaffold):
    source, _ = scaffold
    lecture = parse_lecture(source.parent)
    kinds = {type(b).__name__ for b in lecture.all_blocks()}
    assert kinds >= CONSTRUCTS, CONSTRUCTS - kinds
    lists = [b for b in lecture.all_blocks() if type(b).__name__ == "ListBlock"]
    assert {b.ordered for b in lists} == {True, False}
    assert len(lecture.sections) == 3 and all(s.slides and s.slides[-1].notes
                                              for s in lecture.sections)
    assert lecture.cited == ("knuth1984",) and lecture.meta.keywords
    assert {t.term for t in lecture.key_terms} >= {"key term", "booklet", "deck"}
    text = source.read_text(encoding="utf-8")
    assert text.count("<!--") >= 10 and "[^remark]:" in text and "$$" in text


@pytest.mark.slow
def test_the_comments_reach_no_output(scaffold):
    _, built = scaffold
    pdf = " ".join(page_texts(built["my-first-talk.pdf"]))
    assert "Figure 1" in pdf and "Table 1" in pdf and "Knuth" in pdf
    assert "teaches the content format" not in pdf and "<!--" not in pdf
    deck = Presentation(built["my-first-talk.pptx"])
    shown = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides
                     if s.has_notes_slide)
    assert "Good to know" in shown and "Say here what you would say" in notes
    assert "teaches" not in shown + notes and "<!--" not in shown + notes
    html = built["my-first-talk-slides.html"].read_text(encoding="utf-8")
    assert "teaches the content format" not in html
    with zipfile.ZipFile(built["my-first-talk.pptx"]) as z:
        assert any(re.match(r"ppt/charts/chart\d+\.xml", n) for n in z.namelist())


@pytest.mark.slow
def test_check_strict_is_clean(scaffold, capsys):
    source, _ = scaffold
    _, findings = check_lecture(source.parent)
    assert findings == []
    assert main(["check", str(source.parent), "--strict"]) == 0
    assert "0 warnings" in capsys.readouterr().out


def test_in_a_project_it_goes_to_content(tmp_path, monkeypatch, capsys):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "week-1", "--title", "Week 1: «Ça commence»"]) == 0
    source = tmp_path / "content" / "week-1" / "lecture.md"
    assert "content/week-1/lecture.md" in capsys.readouterr().out
    assert parse_lecture(source.parent).meta.title == "Week 1: «Ça commence»"
    assert (source.parent / "figures" / "diagram.svg").is_file()
    assert (source.parent / "data" / "example.csv").is_file()


def test_a_course_file_makes_a_project_and_its_fields_are_left_to_it(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "chapbook.yml").write_text("author: Course Author\nlang: fr\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    source = new_lecture("week-2")
    assert source.resolve() == (tmp_path / "content" / "week-2" / "lecture.md").resolve()
    text = source.read_text(encoding="utf-8")
    assert "\nauthor:" not in text and "\nlang:" not in text
    assert "# author: set for the whole course in chapbook.yml" in text
    meta = parse_lecture(source.parent).meta
    assert (meta.author, meta.lang) == ("Course Author", "fr")


def test_elsewhere_it_goes_to_a_folder_of_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = new_lecture("talk", title="A talk", lang="nl")
    assert source.resolve() == (tmp_path / "talk" / "lecture.md").resolve()
    meta = parse_lecture(source.parent).meta
    assert (meta.title, meta.lang) == ("A talk", "nl")


def test_it_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    source = new_lecture("talk")
    source.write_text("---\ntitle: Mine\n---\n", encoding="utf-8")
    with pytest.raises(ChapbookError, match="already exists; chapbook new never overwrites"):
        new_lecture("talk")
    assert main(["new", "talk"]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\n"
    (tmp_path / "other").write_text("a file", encoding="utf-8")
    assert main(["new", "other"]) == 1


@pytest.mark.parametrize("name", ["My Talk", "talk/../x", "-talk", "talk_1", "Talk", "",
                                  "a--b", "tälk"])
def test_a_name_must_be_a_slug(tmp_path, monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--", name]) == 2
    err = capsys.readouterr().err
    assert "lowercase letters, digits and hyphens, e.g. my-first-talk" in err
    assert list(tmp_path.iterdir()) == []
