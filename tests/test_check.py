"""`chapbook check` finds what a build would refuse, laying the booklet out only when that
is the only way to know."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED, SAMPLE

from chapbook.check import check_lecture, needs_layout
from chapbook.cli import main
from chapbook.read.parse import parse_lecture

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

@pytest.fixture
def layouts(monkeypatch) -> list[int]:
    """Counts the booklet's layouts."""
    import chapbook.booklet.layout as layout

    calls: list[int] = []
    real = layout._layout

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(layout, "_layout", counted)
    return calls


def _own(folder: Path, name: str, text: str) -> None:
    own = folder / "templates" / "booklet"
    own.mkdir(parents=True, exist_ok=True)
    (own / name).write_text(text, encoding="utf-8")


def _both_fail(folder: Path, tmp_path: Path, capsys) -> tuple[str, str]:
    assert main(["check", str(folder)]) == 1
    checked = capsys.readouterr().err
    assert main(["build", str(folder), "--out", str(tmp_path / "out")]) == 1
    built = capsys.readouterr().err
    return checked, built


def test_the_sample_is_checked_without_a_layout(layouts, capsys):
    assert main(["check", str(SAMPLE)]) == 0
    assert layouts == []
    assert "15 key terms, 0 warnings" in capsys.readouterr().out


def test_a_lecture_s_own_stylesheet_is_laid_out(talk, layouts):
    _own(talk, "booklet.css", (BUNDLED / "booklet" / "booklet.css").read_text())
    check_lecture(talk)
    assert layouts  # its CSS could break layout: laid out as a build would


@pytest.mark.parametrize(("name", "text", "words"), [
    ("booklet.css", "body { background: url(../../../../../etc/hostname); }",
     "booklet.css"),
    ("booklet.html.j2", "{% extends 'nothing.html.j2' %}", "nothing.html.j2"),
], ids=["refused-url", "broken-template"])
def test_check_refuses_what_the_build_refuses(talk, tmp_path, capsys, name, text, words):
    if name.endswith(".css"):
        text = (BUNDLED / "booklet" / name).read_text() + "\n" + text
    _own(talk, name, text)
    checked, built = _both_fail(talk, tmp_path, capsys)
    assert checked == built and words in checked and checked.count("\n") == 1


def test_runaway_css_fails_the_check(talk, tmp_path, capsys, monkeypatch):
    css = (BUNDLED / "booklet" / "booklet.css").read_text()
    _own(talk, "booklet.css", css + "\np, li, td { font-size: 150pt; line-height: 160pt; }\n")
    monkeypatch.setattr("chapbook.booklet.layout.MAX_PAGES", 40)
    checked, built = _both_fail(talk, tmp_path, capsys)
    assert checked == built and "more than 40" in checked


def test_a_lecture_near_the_page_limit_is_laid_out(talk, tmp_path, capsys, monkeypatch,
                                                   layouts):
    assert not needs_layout(parse_lecture(talk))
    monkeypatch.setattr("chapbook.booklet.layout.MAX_PAGES", 3)
    monkeypatch.setattr("chapbook.check.MAX_PAGES", 3)
    assert needs_layout(parse_lecture(talk))
    checked, built = _both_fail(talk, tmp_path, capsys)
    assert checked == built and "more than 3" in checked
    assert layouts


def test_a_theme_that_is_not_a_pptx_fails_the_check(talk, tmp_path, capsys):
    theme = tmp_path / "theme.pptx"
    theme.write_text("not a zip")
    assert main(["check", str(talk), "--theme", str(theme)]) == 1
    assert capsys.readouterr().err.startswith(f"{theme}: ")


def test_a_slide_split_in_two_is_a_warning_at_its_line(tmp_path):
    """The split is measured from the plan, but the warning names the slide block's line
    in the lecture, as every other warning does."""
    bullets = "\n".join(f"- Point number {n} about the long road to recognition"
                        for n in range(1, 25))
    source = f"---\ntitle: Long\n---\n\n## A section\n\nProse.\n\n::: slide\n{bullets}\n:::\n"
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "lecture.md").write_text(source, encoding="utf-8")
    _, findings = check_lecture(folder)
    (split,) = [f for f in findings if "too long for one slide" in f.message]
    assert split.line == source.splitlines().index("::: slide") + 1


def test_check_prints_a_message_found_at_several_lines_once(tmp_path, capsys):
    folder = tmp_path / "br"
    folder.mkdir()
    source = "---\ntitle: Blocks\n---\n\n## A\n\n<hr>\n\nText.\n\n<hr>\n"
    (folder / "lecture.md").write_text(source, encoding="utf-8")
    assert main(["check", str(folder)]) == 0
    err = capsys.readouterr().err.splitlines()
    raw = [line for line in err if "raw HTML '<hr>'" in line]
    assert len(raw) == 1
    assert raw[0].startswith(f"{folder / 'lecture.md'}:7: warning: ")
    assert raw[0].endswith("(also line 11)")
