"""`chapbook build --deps`: the make fragment names every file the build read, and the
Makefile rebuilds a lecture exactly when one of them changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, require_program

from chapbook.cli import main

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs


def _prerequisites(fragment: str) -> tuple[list[str], list[str]]:
    """(targets, prerequisites) of the fragment's first rule."""
    head = fragment.split("\n\n")[0].replace("\\\n", " ").splitlines()
    rule = next(line for line in head if ": " in line and not line.startswith("#"))
    targets, prerequisites = rule.split(": ", 1)
    return targets.split(), prerequisites.split()


def _shared(fragment_path: Path) -> tuple[str, list[str]]:
    """(the variable, the files) of the fragment of chapbook's own files a lecture's
    fragment includes."""
    text = fragment_path.read_text()
    name = text.split("ifndef ", 1)[1].split("\n", 1)[0]
    included = fragment_path.parent / f"{name}.files"
    body = included.read_text().split(f"{name} := ", 1)[1].split("\n\n")[0]
    return name, body.replace("\\\n", " ").split()


def test_the_fragment_lists_what_the_build_read(tmp_path, monkeypatch):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "full", folder)
    own = folder / "templates" / "booklet"
    own.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "booklet" / "booklet.css", own / "booklet.css")
    theme = tmp_path / "theme.pptx"
    shutil.copy(ROOT / "templates" / "deck" / "theme.pptx", theme)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "talk", "--out", "out", "-q", "--theme", str(theme),
                 "--deps", "out/.deps/talk.mk"]) == 0
    fragment = (tmp_path / "out" / ".deps" / "talk.mk").read_text()
    targets, needed = _prerequisites(fragment)
    assert targets == ["out/talk.pdf", "out/talk.pptx"]
    for name in ("talk/lecture.md", "talk/figures/kaart.png", "talk/templates/booklet",
                 "talk/templates/booklet/booklet.css", "theme.pptx"):
        assert name in needed, name
    name, shared = _shared(tmp_path / "out" / ".deps" / "talk.mk")
    assert name == "chapbook_booklet_deck"
    assert f"  $(or $({name}),out/.deps/{name}.files)\n" in fragment
    bundled = str(ROOT / "templates")
    assert not any(p.startswith(bundled) for p in needed)  # chapbook's own: shared
    assert f"{bundled}/booklet/booklet.html.j2" in shared
    assert f"{bundled}/deck/deck.html.j2" in shared
    assert not any(p.startswith(f"{bundled}/slides") for p in shared)  # not an HTML build
    assert any(p.endswith("chapbook/build.py") for p in shared)
    assert "talk/figures/kaart.png:" in fragment.splitlines()  # deleting it is no error
    assert f"{bundled}/booklet/booklet.css:" in (
        tmp_path / "out" / ".deps" / f"{name}.files").read_text().splitlines()


def test_a_failed_build_keeps_the_old_fragment(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    monkeypatch.chdir(tmp_path)
    deps = tmp_path / "talk.mk"
    assert main(["build", "talk", "--out", "out", "-q", "--deps", str(deps)]) == 0
    before = deps.read_text()
    (folder / "lecture.md").write_text("---\ntitle: [\n---\n")
    assert main(["build", "talk", "--out", "out", "-q", "--deps", str(deps)]) == 1
    assert deps.read_text() == before


def _project(tmp_path: Path) -> Path:
    """A project with the real Makefile and two lectures, its venv counted as installed."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("one", "two"):
        shutil.copytree(FIXTURES / "full", project / "content" / name)
    (project / ".venv" / "bin").mkdir(parents=True)
    stamp = project / ".venv" / ".installed"
    stamp.touch()
    os.utime(stamp, (1, 1))
    os.utime(project / "pyproject.toml", (0, 0))
    return project


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """make in `project`, as on its own (under `make test`, a nested make would print
    "Entering directory" and take the outer make's flags)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env,
                          capture_output=True, text=True, check=False)


BOTH = "--out build --format pdf --format pptx"


def test_make_rebuilds_exactly_the_lecture_whose_file_changed(tmp_path, monkeypatch):
    require_program("make")
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    for name in ("one", "two"):
        assert main(["build", f"content/{name}", "--out", "build", "-q", "--format", "pdf",
                     "--format", "pptx", "--deps", f"build/.deps/{name}.mk"]) == 0
    assert _make(project, "-q").returncode == 0  # nothing to do
    assert "Nothing to be done" in _make(project).stdout
    figure = project / "content" / "two" / "figures" / "kaart.png"
    later = time.time() + 10
    os.utime(figure, (later, later))
    assert _make(project, "-q").returncode == 1
    planned = _make(project, "-n").stdout.splitlines()
    assert planned == [f".venv/bin/chapbook build content/two {BOTH} "
                       "--deps build/.deps/%.mk"]  # one process, both outputs
    figure.unlink()  # a file the lecture no longer has is no error either
    assert _make(project, "-n").returncode == 0


def test_make_builds_the_lectures_out_of_date_in_one_process(tmp_path, monkeypatch):
    """`make` notes each lecture whose outputs are out of date and builds them all with
    one chapbook process, one warm worker a core, each with a fragment of its own; an
    output asked for by name is built on its own, with its own fragment."""
    require_program("make")
    project = _project(tmp_path)
    planned = _make(project, "-n").stdout.splitlines()
    assert planned == [f".venv/bin/chapbook build content/one content/two {BOTH} "
                       "--deps build/.deps/%.mk"]
    assert _make(project, "-n", "print").stdout.splitlines() == [
        ".venv/bin/chapbook build content/one content/two --out build --format print "
        "--deps build/.deps/%-print.mk"]
    assert _make(project, "-n", "build/one.pdf").stdout.splitlines() == [
        f".venv/bin/chapbook build content/one {BOTH} --deps build/.deps/one.mk"]
    monkeypatch.chdir(project)
    assert main(["build", "content/one", "content/two", "--out", "build", "-q", "--format",
                 "pdf", "--format", "pptx", "--deps", "build/.deps/%.mk"]) == 0
    assert _make(project, "-q").returncode == 0  # each lecture's fragment is its own
    for name in ("one", "two"):
        targets, _ = _prerequisites((project / "build" / ".deps" / f"{name}.mk").read_text())
        assert targets == [f"build/{name}.pdf", f"build/{name}.pptx"]


def test_a_fragment_a_lecture_and_a_failed_one_keeps_its_own(tmp_path, monkeypatch):
    for name in ("one", "two"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / name)
    monkeypatch.chdir(tmp_path)
    pattern = "out/.deps/%-deck.mk"
    assert main(["build", "one", "two", "--out", "out", "-q", "--format", "pptx",
                 "--deps", pattern]) == 0
    before = (tmp_path / "out" / ".deps" / "two-deck.mk").read_text()
    assert _prerequisites(before)[0] == ["out/two.pptx"]
    (tmp_path / "two" / "lecture.md").write_text("---\ntitle: [\n---\n")
    (tmp_path / "one" / "extra.txt").write_text("a file the next build reads")
    assert main(["build", "one", "two", "--out", "out", "-q", "--format", "pptx",
                 "--deps", pattern]) == 1
    assert (tmp_path / "out" / ".deps" / "two-deck.mk").read_text() == before
    assert "one/extra.txt:" in (tmp_path / "out" / ".deps" / "one-deck.mk").read_text()
    assert not (tmp_path / "out" / ".deps" / "%-deck.mk").exists()


def test_chapbooks_own_files_are_listed_once_for_every_lecture(tmp_path, monkeypatch):
    """Two thirds of a lecture's list are chapbook's templates and modules, the same for
    every lecture built in the same formats: make reads them once. A change to one of
    them rebuilds every lecture; a lost list rebuilds them too, and the builds write it
    again; a build that finds it as it would write it leaves it (its time) alone."""
    require_program("make")
    project = _project(tmp_path)
    templates = tmp_path / "templates"  # chapbook's bundled templates, a copy to change
    shutil.copytree(ROOT / "templates", templates)
    monkeypatch.setenv("CHAPBOOK_TEMPLATES", str(templates))
    monkeypatch.chdir(project)
    for name in ("one", "two"):
        assert main(["build", f"content/{name}", "--out", "build", "-q", "--format", "pdf",
                     "--format", "pptx", "--deps", f"build/.deps/{name}.mk"]) == 0
    shared = project / "build" / ".deps" / "chapbook_booklet_deck.files"
    written = shared.stat().st_mtime_ns
    assert f"{templates}/deck/deck.html.j2:" in shared.read_text().splitlines()
    for name in ("one", "two"):
        fragment = (project / "build" / ".deps" / f"{name}.mk").read_text()
        assert "ifndef chapbook_booklet_deck\n-include build/.deps/" in fragment
        assert str(templates) not in fragment
    assert _make(project, "-q").returncode == 0
    os.utime(templates / "deck" / "deck.html.j2")  # a bundled file newer than the outputs
    planned = _make(project, "-n").stdout.splitlines()
    assert [line.split()[2:4] for line in planned] == [["content/one", "content/two"]]
    for name in ("one", "two"):
        assert main(["build", f"content/{name}", "--out", "build", "-q", "--format", "pdf",
                     "--format", "pptx", "--deps", f"build/.deps/{name}.mk"]) == 0
    assert _make(project, "-q").returncode == 0
    assert shared.stat().st_mtime_ns == written  # the same list: not written again
    shared.unlink()
    assert _make(project, "-n").stdout.split()[2:4] == ["content/one", "content/two"]
    assert main(["build", "content/one", "--out", "build", "-q", "--format", "pdf",
                 "--format", "pptx", "--deps", "build/.deps/one.mk"]) == 0
    assert shared.is_file()  # written again: the other lecture is up to date once more
    assert _make(project, "-q").returncode == 0
