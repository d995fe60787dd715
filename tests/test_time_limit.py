"""The time limit grows with the lecture: a long book gets the time it needs, a runaway
stage of a short one is still stopped."""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

import chapbook.formats
from chapbook.build import build
from chapbook.errors import RenderError
from chapbook.read.parse import parse_lecture
from chapbook.size import estimated_pages, time_allowance

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs


@pytest.fixture
def talk(tmp_path) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def _long(folder: Path, paragraphs: int) -> None:
    text = (folder / "lecture.md").read_text()
    words = " ".join(f"word{i}" for i in range(100))
    body = "\n\n".join(f"## Section {n}\n\n{words}\n\n{words}" for n in range(paragraphs))
    (folder / "lecture.md").write_text(text + "\n" + body + "\n")


def test_the_allowance_grows_with_the_lecture(talk):
    short = parse_lecture(talk)
    _long(talk, 400)  # 80 000 words: a book of about 350 A5 pages
    long = parse_lecture(talk)
    assert estimated_pages(short) < 10 < 300 < estimated_pages(long) < 500
    assert time_allowance(short) < 10
    assert time_allowance(long) > 400


def _slow_pptx(monkeypatch, seconds: float) -> None:
    formats = dict(chapbook.formats.FORMATS)
    real = formats["pptx"].render

    def slow(job):
        time.sleep(seconds)
        return real(job)

    formats["pptx"] = dataclasses.replace(formats["pptx"], render=slow)
    monkeypatch.setattr(chapbook.formats, "FORMATS", formats)
    monkeypatch.setattr("chapbook.build.FORMATS", formats)


def test_a_longer_lecture_gets_a_longer_limit(talk, tmp_path, monkeypatch):
    monkeypatch.delenv("CHAPBOOK_TIME_LIMIT", raising=False)
    monkeypatch.setattr("chapbook.limits.BASE_SECONDS", 1)
    _slow_pptx(monkeypatch, 2.5)
    monkeypatch.setattr("chapbook.size.SECONDS_PER_PAGE", 0)
    monkeypatch.setattr("chapbook.size.SECONDS_PER_SLIDE", 0)
    with pytest.raises(RenderError, match="took longer than 1 s"):
        build(talk, tmp_path / "out", ("pptx",))
    monkeypatch.setattr("chapbook.size.SECONDS_PER_PAGE", 1.0)  # minimal: 4 pages, 4 s more
    built = build(talk, tmp_path / "out", ("pptx",))
    assert [b.path.name for b in built] == ["talk.pptx"]


def test_a_limit_set_in_the_environment_is_kept_as_set(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "1")
    monkeypatch.setattr("chapbook.size.SECONDS_PER_PAGE", 100.0)
    _slow_pptx(monkeypatch, 2.5)
    with pytest.raises(RenderError, match="took longer than 1 s"):
        build(talk, tmp_path / "out", ("pptx",))
