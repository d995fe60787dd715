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
    rule = fragment.split("\n\n")[0].split("\n", 1)[1].replace("\\\n", " ")
    targets, prerequisites = rule.split(": ", 1)
    return targets.split(), prerequisites.split()


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
    bundled = str(ROOT / "templates")
    assert f"{bundled}/booklet/booklet.html.j2" in needed
    assert f"{bundled}/deck/deck.html.j2" in needed
    assert not any(p.startswith(f"{bundled}/slides") for p in needed)  # not an HTML build
    assert any(p.endswith("chapbook/build.py") for p in needed)
    assert "talk/figures/kaart.png:" in fragment.splitlines()  # deleting it is no error


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


def test_make_rebuilds_exactly_the_lecture_whose_file_changed(tmp_path, monkeypatch):
    require_program("make")
    project = _project(tmp_path)
    assert "--deps build/.deps/one.mk" in _make(project, "-n").stdout
    monkeypatch.chdir(project)
    for name in ("one", "two"):
        assert main(["build", f"content/{name}", "--out", "build", "-q", "--format", "pdf",
                     "--format", "pptx", "--deps", f"build/.deps/{name}.mk"]) == 0
    assert _make(project, "-q").returncode == 0  # nothing to do
    figure = project / "content" / "two" / "figures" / "kaart.png"
    later = time.time() + 10
    os.utime(figure, (later, later))
    planned = _make(project, "-n").stdout.splitlines()
    assert planned == [".venv/bin/chapbook build content/two --out build --format pdf "
                       "--format pptx --deps build/.deps/two.mk"]  # one process, both
    figure.unlink()  # a file the lecture no longer has is no error either
    assert _make(project, "-n").returncode == 0
