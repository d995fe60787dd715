"""Several lectures in one call: each all-or-nothing on its own, the others go on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from chapbook.build import build, build_many
from chapbook.cli import main

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs


@pytest.fixture
def course(tmp_path) -> list[Path]:
    folders = []
    for name in ("one", "two", "three"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / "content" / name)
        folders.append(tmp_path / "content" / name)
    return folders


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_lecture_leaves_its_outputs_and_the_others_build(course, tmp_path, capsys,
                                                                     monkeypatch, jobs):
    monkeypatch.setenv("CHAPBOOK_JOBS", jobs)
    out = tmp_path / "out"
    assert main(["build", *map(str, course), "--out", str(out), "-q"]) == 0
    before = _files(out)
    assert sorted(before) == ["one.pdf", "one.pptx", "three.pdf", "three.pptx", "two.pdf",
                              "two.pptx"]
    for folder in course:
        (folder / "lecture.md").write_text((folder / "lecture.md").read_text() + "\nNew.\n")
    (course[1] / "lecture.md").write_text("---\ntitle: [\n---\n")
    missing = tmp_path / "content" / "missing"
    assert main(["build", *map(str, course), str(missing), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    after = _files(out)
    assert after["two.pdf"] == before["two.pdf"] and after["two.pptx"] == before["two.pptx"]
    assert all(after[n] != before[n] for n in ("one.pdf", "three.pdf", "three.pptx"))
    errors = captured.err.splitlines()
    assert len(errors) == 2 and "Traceback" not in captured.err
    assert errors[0].startswith(f"{course[1] / 'lecture.md'}:2: front matter is not valid YAML")
    assert errors[1].startswith(f"{missing}: no lecture folder")
    assert captured.out.count("wrote ") == 4
    last = captured.out.splitlines()[-1]
    assert last.startswith("built 2 of 4 lectures in ")
    assert last.endswith(f" s; failed: {course[1]}, {missing}")


def test_lectures_come_back_in_the_order_given(course, tmp_path):
    built = list(build_many(list(reversed(course)), tmp_path / "out", ("pptx",), workers=2))
    assert [b.folder.name for b in built] == ["three", "two", "one"]
    assert [[p.path.name for p in b.built] for b in built] == [
        ["three.pptx"], ["two.pptx"], ["one.pptx"]]


def test_a_course_on_two_workers_writes_what_each_lecture_built_alone_does(course, tmp_path,
                                                                          monkeypatch):
    """Two workers, three lectures: the third is built in a process forked from a worker
    warm from the first or second (`Workers(fresh=True)`)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = list(build_many(course, tmp_path / "course", workers=2))
    assert all(b.error is None for b in built)
    for folder in course:
        build(folder, tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == 6
    assert _files(tmp_path / "course") == _files(tmp_path / "alone")


def test_two_lectures_of_the_same_name_do_not_overwrite_each_other(course, tmp_path):
    twin = tmp_path / "elsewhere" / "one"
    shutil.copytree(FIXTURES / "full", twin)
    built = list(build_many([course[0], twin], tmp_path / "out", ("pptx",)))
    assert built[0].error is None and built[1].error is not None
    assert "also named 'one'" in str(built[1].error)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.pptx"]


def test_check_of_several_lectures_reports_each(course, capsys):
    (course[2] / "lecture.md").write_text("---\ntitle: T\n---\n\n## S\n\n![](figures/x.png)\n")
    assert main(["check", str(FIXTURES / "full"), *map(str, course)]) == 0
    captured = capsys.readouterr()
    summaries = captured.out.splitlines()
    assert [s.split(":")[0] for s in summaries[:4]] == [
        str(FIXTURES / "full" / "lecture.md"), *(str(f / "lecture.md") for f in course)]
    assert summaries[-1] == "checked 4 of 4 lectures"
    assert "warning: slide 'Een lange opsomming' is too long" in captured.err
    assert f"{course[2] / 'lecture.md'}:7" in captured.err
    (course[0] / "lecture.md").write_text("no front matter at all\n")
    assert main(["check", *map(str, course)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == f"checked 2 of 3 lectures; failed: {course[0]}"


def test_the_longest_lectures_start_first(tmp_path, monkeypatch):
    """Started last, a long lecture would be all that is left for one core while the
    others wait; ties keep the order given, and a folder without its text (its task
    reports that) comes last."""
    from chapbook import build as build_module
    from chapbook.build import longest_first

    folders = []
    for name, words in (("short", 10), ("long", 500), ("also-short", 10), ("missing", 0),
                        ("middle", 100)):
        folder = tmp_path / name
        folder.mkdir()
        if words:
            (folder / "lecture.md").write_text("word " * words)
        folders.append(folder)
    assert longest_first(folders) == [1, 4, 0, 2, 3]
    started = []

    class Recording(build_module.Workers):
        def __init__(self, tasks, count, order=None, *args, **kwargs):
            started.append(list(order))
            super().__init__(tasks, count, order, *args, **kwargs)

    monkeypatch.setattr(build_module, "Workers", Recording)
    shutil.copytree(FIXTURES / "minimal", folders[0], dirs_exist_ok=True)
    list(build_many(folders[:2], tmp_path / "out", ("pptx",)))
    assert started == [[1, 0]]
