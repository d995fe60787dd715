"""A long deck composed in two parts at once is the deck composed in one, to the byte.

`deck.parts`: a helper composes the second part's slides that are their XML and a notes
page alone, this process composes the rest and adds the helper's as composing them
here would. Checked on the sample (a chart, a picture, links, a table), real lectures
from the corpus and templates chapbook did not make, with the parts made small.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED, SAMPLE
from foreign import make_templates

import chapbook.deck.parts as parts
from chapbook.deck import compose_deck, split_for_theme
from chapbook.deck.package import _stamped_zip
from chapbook.deck.pptx_xml import package_entries
from chapbook.errors import RenderError
from chapbook.formats import FORMATS, Job
from chapbook.plan import plan_deck
from chapbook.plan.schema import Equation, Fit, Para, Picture, PlanSlide, Run, TableData, TextBody
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices, resolve

THEME = BUNDLED / "deck" / "theme.pptx"
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def themes(tmp_path_factory) -> dict[str, Path]:
    return {"bundled": THEME, **make_templates(tmp_path_factory.mktemp("templates"))}


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _composed(folder: Path, theme: Path, cores: int) -> tuple[bytes, list[str], int]:
    """(the deck as saved, its warnings, how many slides the helper's were)."""
    lecture = parse_lecture(folder)
    plan = split_for_theme(plan_deck(lecture), theme)
    adopted = []
    import chapbook.deck.writer as writer

    original = writer._Writer.adopt

    def counted(self, made, warnings):
        adopted.append(made)
        original(self, made, warnings)

    writer._Writer.adopt = counted
    try:
        prs, warnings = compose_deck(plan, theme, lecture.root, cores=cores)
    finally:
        writer._Writer.adopt = original
    return _stamped_zip(package_entries(prs)), [str(w) for w in warnings], len(adopted)


@pytest.mark.parametrize(("lecture", "theme"), [
    (SAMPLE, "bundled"), (SAMPLE, "band"), (SAMPLE, "classic43"),
    (CORPUS / "quarto-presentations", "bundled"), (CORPUS / "myst-geom-series", "named"),
    (CORPUS / "de-ki-entropie", "bundled"),
], ids=["sample", "sample-band", "sample-classic43", "quarto-presentations",
        "myst-geom-series-named", "de-ki-entropie"])
def test_a_deck_in_two_parts_is_the_deck_in_one(themes, monkeypatch, lecture, theme):
    monkeypatch.setattr(parts, "FROM_SLIDES", 2)
    whole, said, none = _composed(lecture, themes[theme], cores=1)
    halves, said_in_parts, adopted = _composed(lecture, themes[theme], cores=2)
    assert none == 0 and adopted >= 3  # the helper's slides were added here
    assert said_in_parts == said
    assert halves == whole


def test_slides_with_pictures_charts_equations_or_links_are_composed_here():
    text = TextBody((Para((Run("plain"),)),))
    linked = TextBody((Para((Run("see "), Run("this", link="https://example.org"))),))
    picture = Picture("figures/map.png", "a map", "", 800, 600)
    table = TableData(("a", "b"), (("1", "2"),), ("", ""), "")

    def slide(*content, columns=()):
        return PlanSlide("content", "T", "", content, ("notes",), Fit(24, columns))

    assert parts.travels(slide(text)) and parts.travels(slide(text, table))
    assert parts.travels(slide(columns=((Para((Run("left"),)),), (Para((Run("r"),)),))))
    assert not parts.travels(slide(linked))
    assert not parts.travels(slide(text, picture))
    assert not parts.travels(slide(Equation("x^2")))
    assert not parts.travels(slide(columns=(linked.paras, text.paras)))


def test_the_parts_are_split_where_each_process_has_as_much_to_do():
    lecture = parse_lecture(SAMPLE)
    slides = split_for_theme(plan_deck(lecture), THEME).slides * 10
    split = parts.split_point(slides)
    here = sum(1.0 if parts.travels(s) else parts.HERE for s in slides[:split])
    there = sum(parts.travels(s) for s in slides[split:])
    assert here >= there
    before = slides[split - 1]
    assert here - (1.0 if parts.travels(before) else parts.HERE) < there + parts.travels(before)


def test_an_error_in_the_helpers_part_is_raised_here(monkeypatch):
    monkeypatch.setattr(parts, "FROM_SLIDES", 2)
    lecture = parse_lecture(SAMPLE)
    plan = split_for_theme(plan_deck(lecture), THEME)
    last = plan.slides[-1].title
    import chapbook.deck.writer as writer

    original = writer._Writer.add

    def failing(self, slide):
        if slide.title == last:
            raise RenderError("no room for this slide")
        original(self, slide)

    monkeypatch.setattr(writer._Writer, "add", failing)
    with pytest.raises(RenderError, match="no room for this slide"):
        compose_deck(plan, THEME, lecture.root, cores=2)


@pytest.mark.parametrize(("alone", "expected"), [(True, 2), (False, 1)])
def test_the_deck_takes_the_spare_core_only_as_the_builds_one_output(monkeypatch, alone,
                                                                     expected):
    import chapbook.deck.writer as writer

    asked = []
    monkeypatch.setattr(writer, "compose_slides",
                        lambda w, slides, cores: asked.append(cores) or
                        [w.add(s) for s in slides])
    lecture = parse_lecture(SAMPLE)
    job = Job(lecture, resolve(lecture, Choices()), cores=2, alone=alone)
    FORMATS["pptx"].render(job)
    assert asked == [expected]
