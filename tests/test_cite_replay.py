"""A watching process formats a lecture's citations once while they stay
the same: the calls of the last lecture with the same sources and style are served
while the new lecture makes the same ones, and what it gives is what a processor made
anew gives, whether the citations changed or not."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE

from chapbook.booklet import render_booklet_html
from chapbook.read import citing
from chapbook.read.cite_replay import replaying
from chapbook.read.parse import parse_lecture


@pytest.fixture
def made(monkeypatch) -> list[object]:
    """Each citation processor made."""
    processors: list[object] = []

    class Counted(citing.CiteProc):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            processors.append(self)

    monkeypatch.setattr(citing, "CiteProc", Counted)
    return processors


def _edited(tmp_path, old: str, new: str):
    folder = tmp_path / "edited"
    shutil.copytree(SAMPLE, folder)
    source = folder / "lecture.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_same_citations_are_formatted_once(made):
    cold = render_booklet_html(parse_lecture(SAMPLE))
    assert len(made) == 1
    with replaying():
        first = render_booklet_html(parse_lecture(SAMPLE))
        again = render_booklet_html(parse_lecture(SAMPLE))
    assert len(made) == 2  # the first parse while replaying; not the second
    assert first == again == cold


@pytest.mark.parametrize("old, new", [
    ("Belgium held out for so long [@coolsaet2014]",  # a citation changed in the middle
     "Belgium held out for so long [see @coolsaet2014, 12]"),
    ("Belgium held out for so long [@coolsaet2014]",  # another source cited there
     "Belgium held out for so long [@haslam1984, 12]"),
    ("normal relations, commercial and diplomatic,",  # the text alone
     "normal relations, both commercial and diplomatic,"),
])
def test_a_changed_lecture_gets_what_a_new_processor_gives(tmp_path, made, old, new):
    folder = _edited(tmp_path, old, new)
    cold = render_booklet_html(parse_lecture(folder))
    with replaying():
        parse_lecture(SAMPLE)
        warmed = render_booklet_html(parse_lecture(folder))
    assert warmed == cold
    assert len(made) == (3 if "12]" in new else 2)  # made again only from the change on


def test_nothing_is_kept_after_the_block(made):
    with replaying():
        parse_lecture(SAMPLE)
    parse_lecture(SAMPLE)
    assert len(made) == 2
