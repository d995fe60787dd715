"""Cases found by testing lectures nobody on the project had seen; each stays fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from lectures import write_lecture
from pdftools import page_texts
from pptx import Presentation

from chapbook.build import build
from chapbook.cli import main
from chapbook.errors import ContentError
from chapbook.read.parse import parse_lecture

HEAD = ("---\ntitle: T\nsources:\n"
        "  - {key: a1, author: Alpha Author, title: First, year: 2001}\n---\n")


def _folder(tmp_path: Path, body: str, lang: str = "") -> Path:
    head = HEAD.replace("title: T\n", f"title: T\nlang: {lang}\n") if lang else HEAD
    return write_lecture(tmp_path, head + body)


def test_a_lecture_template_cannot_run_code(tmp_path, capsys):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    own = folder / "templates" / "booklet"
    own.mkdir(parents=True)
    bundled = Path(__file__).parents[1] / "templates" / "booklet" / "booklet.html.j2"
    own_template = bundled.read_text().replace(
        "<body>", '<body><p>{{ cycler.__init__.__globals__.os.popen("id").read() }}</p>')
    (own / "booklet.html.j2").write_text(own_template)
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "pdf"]) == 1
    err = capsys.readouterr().err
    assert "booklet.html.j2:" in err and "not allowed" in err
    assert not (tmp_path / "out" / "talk.pdf").exists()


def test_citations_in_slides_and_tables_build_every_format(tmp_path):
    folder = _folder(tmp_path, "\n## S\n\nText [@a1].\n\n| x | y |\n|---|---|\n| 1 | see [@a1] |\n"
                     "\n::: slide\n- A point [@a1]\n:::\n")
    built = build(folder, tmp_path / "out", ("pdf", "pptx", "handout", "lecturer"))
    assert len(built) == 4
    handout = " ".join(page_texts(tmp_path / "out" / "lecture-handout.pdf"))
    assert "A point (Author 2001)" in handout


@pytest.mark.parametrize(("body", "line", "words"), [
    ("\n## S\n\nClearly.[^nosuch]\n", 9, "[^nosuch] is never defined"),
    ("\n## S\n\nSee [there](#nowhere).\n", 9, "#nowhere goes nowhere"),
    ('\n## S\n\n::: {.slide layout="bogus"}\n- x\n:::\n', 9, "unknown slide layout 'bogus'"),
])
def test_mistakes_that_used_to_pass_silently_are_reported(tmp_path, body, line, words):
    """They build (as Pandoc would), with a path:line warning that `check --strict` fails."""
    (finding,) = parse_lecture(_folder(tmp_path, body)).findings
    assert finding.line == line
    assert words in finding.message


def test_a_file_url_is_still_refused(tmp_path):
    with pytest.raises(ContentError) as info:
        parse_lecture(_folder(tmp_path, "\n## S\n\n![A map](file:///etc/hostname)\n"))
    assert info.value.line == 9
    assert "only paths inside the lecture folder" in str(info.value)


def test_internal_links_to_real_anchors_are_fine(tmp_path):
    lecture = parse_lecture(_folder(tmp_path, "\n## S\n\nSee [the next part](#s2).\n\n## U\n\nx\n"))
    assert '<a href="#s2">' in lecture.sections[0].blocks[0].html


def test_figure_without_alt_text_still_builds(tmp_path):
    from PIL import Image

    folder = _folder(tmp_path, "\n## S\n\n![](figures/a.png \"A caption\")\n")
    (folder / "figures").mkdir()
    Image.new("RGB", (40, 30), "red").save(folder / "figures" / "a.png")
    assert len(build(folder, tmp_path / "out", ("pdf", "pptx"))) == 2


def test_french_spaces_and_thousands_do_not_break(tmp_path):
    lecture = parse_lecture(_folder(tmp_path, "\n## S\n\nPourquoi ? « Train » ; 50 000 km !\n",
                                    lang="fr"))
    text = lecture.sections[0].blocks[0].text
    assert "Pourquoi\u202f?" in text and "«\u202fTrain\u202f»\u202f;" in text
    assert "50\u202f000" in text and "km\u202f!" in text


def test_many_sections_get_unique_titles_and_no_dividers_without_subsections(tmp_path):
    """Forty one-slide sections: a divider before each would double the deck."""
    (deck,) = (b.path for b in build(FIXTURES / "many", tmp_path, ("pptx",)))
    titles = [s.shapes.title.text for s in Presentation(deck).slides]
    assert len(titles) == len(set(titles))
    assert "Section number 1" in titles and "1. Section number 1" not in titles
    assert "Overview (cont.)" in titles and "Key terms (cont.)" in titles


def test_long_lectures_get_dividers_before_sections_with_subsections(tmp_path):
    body = "".join(f"## Part {n}\n\nLead.\n\n### Sub {n}a\n\nText.\n\n### Sub {n}b\n\nMore.\n\n"
                   "::: slide\n- a\n:::\n\n::: slide\n- b\n:::\n\n::: slide\n- c\n:::\n\n"
                   for n in range(1, 6))
    (deck,) = (b.path for b in build(_folder(tmp_path, "\n" + body), tmp_path / "out",
                                     ("pptx",)))
    titles = [s.shapes.title.text for s in Presentation(deck).slides]
    assert [t for t in titles if t.endswith(". Part 1") or t.startswith("1. ")] == ["1. Part 1"]


def test_absurd_page_size_is_stopped(tmp_path, capsys):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    own = folder / "templates" / "booklet"
    own.mkdir(parents=True)
    css = (Path(__file__).parents[1] / "templates" / "booklet" / "booklet.css").read_text()
    (own / "booklet.css").write_text(css + "\n@page { size: 100000mm 100000mm; }\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "pdf"]) == 1
    assert "mm across" in capsys.readouterr().err
