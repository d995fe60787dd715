"""Shared fixtures: lectures built once per session into a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from chapbook.build import build
from chapbook.read.parse import parse_lecture

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "belgium-ussr-1935"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LECTURES = {"sample": SAMPLE, "full": FIXTURES / "full", "minimal": FIXTURES / "minimal"}
BUNDLED = ROOT / "templates"  # the templates shipped with chapbook


def require_program(name: str) -> str:
    """The program's path; skip without it, but fail under CI, which installs it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


def lines_broken_by(monkeypatch, split) -> None:
    """WeasyPrint's lines broken by `split` wherever it calls `split_first_line`."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    for module in (line_break, inline, preferred):
        monkeypatch.setattr(module, "split_first_line", split)


def weasyprints_split():
    """WeasyPrint's own `split_first_line`, under chapbook's `weasy_breaks`."""
    from weasyprint.text import line_break

    split = line_break.split_first_line
    return getattr(split, "split", split)


@pytest.fixture
def talk(tmp_path) -> Path:
    """A copy of the full test lecture, for a test to change (modules may define their own)."""
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "full", folder)
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every test lecture built once: name -> {"pdf": path, "pptx": path}."""
    out = tmp_path_factory.mktemp("built")
    result = {}
    for name, folder in LECTURES.items():
        paths = [b.path for b in build(folder, out / name)]
        result[name] = {p.suffix.lstrip("."): p for p in paths}
    return result


@pytest.fixture(scope="session")
def lectures():
    return {name: parse_lecture(folder) for name, folder in LECTURES.items()}


@pytest.fixture(params=sorted(LECTURES))
def name(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def slide_decks(tmp_path_factory):
    """Lectures built once as HTML slides and as a deck (see slidedecks.py)."""
    from slidedecks import make_decks

    return make_decks(tmp_path_factory)


SLOW_FIXTURES = {"built", "slide_decks", "scaffold", "french"}  # fixtures that build whole lectures


def pytest_collection_modifyitems(items) -> None:
    """A test on the shared builds is slow: building them alone takes about a minute."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
