"""The block registry: every kind has its module and partials, and adding a kind takes
exactly the steps docs/architecture.md walks through ("Adding a block kind")."""

from __future__ import annotations

import sys
import types

import pytest
from lectures import write_lecture

import chapbook.blocks as registry
from chapbook.blocks import KINDS, MODULES, UnknownKind, module_for
from chapbook.templates import bundled_templates

QUIZ_MODULE = '''
"""A question for the audience, with its answer."""

from dataclasses import dataclass
from typing import ClassVar

KIND = "quiz"
NODES: tuple[str, ...] = ()
DIVS = ("quiz",)


@dataclass(frozen=True)
class Quiz:
    kind: ClassVar[str] = KIND
    blocks: tuple
    line: int


def convert(node, ctx, *, numbered, terms, attrs=None):
    return Quiz(ctx.blocks(node.children, numbered=False, terms=terms), ctx.line(node))


def own_text(block):
    return None


def children(block):
    return block.blocks


def read_plan(element, reader):
    return reader.contents(list(element))
'''


def test_every_kind_has_its_module_and_both_partials():
    for module in MODULES:
        for attribute in ("KIND", "NODES", "DIVS", "own_text", "children", "read_plan"):
            assert hasattr(module, attribute), (module.__name__, attribute)
        if module.NODES or module.DIVS:  # figures, rows and page breaks come from paragraphs
            assert hasattr(module, "convert"), module.__name__
        for output in ("booklet", "deck"):
            partial = bundled_templates() / output / "blocks" / f"{module.KIND}.html.j2"
            assert partial.is_file() or module.KIND == "list", partial
    assert (bundled_templates() / "booklet" / "blocks" / "list.html.j2").is_file()


def test_an_unknown_kind_is_refused():
    with pytest.raises(UnknownKind, match="no block module for kind 'poem'"):
        module_for("poem")


@pytest.fixture
def quiz_kind(monkeypatch):
    """The worked example's module, registered as its one line in MODULES would."""
    module = types.ModuleType("chapbook.blocks.quiz")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(QUIZ_MODULE, "quiz.py", "exec"), module.__dict__)
    monkeypatch.setattr(registry, "MODULES", (*MODULES, module))
    monkeypatch.setitem(KINDS, "quiz", module)
    monkeypatch.setitem(registry.BY_DIV, "quiz", module)
    return module


QUIZ_LECTURE = """\
    ---
    title: Quiz
    ---

    ## Questions

    Before the break.

    ::: quiz
    Which treaty came first, Rapallo or Locarno?
    :::

    ::: slide
    ::: quiz
    Which year did Belgium recognise the Soviet Union?
    :::
    :::
    """


def test_a_new_kind_takes_a_module_and_two_partials(tmp_path, quiz_kind):
    from chapbook.booklet import render_booklet_html
    from chapbook.plan.reader import read_plan
    from chapbook.plan.render import render_plan_html
    from chapbook.read import parse_lecture

    folder = write_lecture(tmp_path, QUIZ_LECTURE)
    booklet_partial = '<aside class="quiz" data-kind="quiz">{{ render_blocks(b.blocks) }}</aside>'
    deck_partial = '<div data-kind="quiz">{{ body(b.blocks) }}</div>'
    for output, text in (("booklet", booklet_partial), ("deck", deck_partial)):
        partial = folder / "templates" / output / "blocks" / "quiz.html.j2"
        partial.parent.mkdir(parents=True)
        partial.write_text(text + "\n")
    lecture = parse_lecture(folder)
    section = lecture.sections[0]
    assert [b.kind for b in section.blocks] == ["paragraph", "quiz"]
    assert [b.kind for sl in section.slides for b in sl.blocks] == ["quiz"]
    booklet = render_booklet_html(lecture)
    assert '<aside class="quiz" data-kind="quiz">' in booklet
    assert "Rapallo or Locarno?" in booklet
    plan = read_plan(render_plan_html(lecture), lecture.root)
    texts = [run.text for slide in plan.slides for part in slide.content
             for para in getattr(part, "paras", ()) for run in para.runs]
    assert any("recognise the Soviet Union?" in t for t in texts)
