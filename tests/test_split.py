"""The measured split (chapbook.plan.split): the slides the deck, the handout and the HTML
slides show, from a hand-written plan and a hand-made `Geometry` (no theme, no builds)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chapbook.errors import RenderError
from chapbook.plan.fit import BODY_SIZES, body_height
from chapbook.plan.schema import (
    Break,
    ColumnBreak,
    DeckPlan,
    Equation,
    Para,
    Picture,
    PlanSlide,
    Run,
    TableData,
    TextBody,
)
from chapbook.plan.split import (
    QUOTE_SIZES,
    Geometry,
    Room,
    continued_title,
    split_plan,
)

TEXT = Room(640, 300, "Title and Content", "its body placeholder")
GEOMETRY = Geometry(text={"content": TEXT, "quote": TEXT}, column=Room(310, 300),
                    free=Room(640, 300), font="Carlito")


def para(text: str, level: int = 0) -> Para:
    return Para((Run(text),), level)


def points(n: int, words: int = 3) -> tuple[Para, ...]:
    return tuple(para(f"Point {i} " + " ".join(["word"] * words)) for i in range(n))


def plan(*slides: PlanSlide) -> DeckPlan:
    return DeckPlan("T", "", "", "", "en", tuple(slides))


def text_slide(paras, title: str = "Long", layout: str = "content", notes=()) -> PlanSlide:
    return PlanSlide(layout, title, "", (TextBody(tuple(paras)),), tuple(notes))


def shown(slide: PlanSlide) -> tuple[Para, ...]:
    return tuple(p for c in slide.content if isinstance(c, TextBody) for p in c.paras)


def fits(slide: PlanSlide, room: Room = TEXT) -> bool:
    inner = room.inset()
    return body_height(shown(slide), slide.fit.size, inner.width) <= inner.height


@pytest.mark.parametrize(("n", "total", "expected"), [
    (0, 3, "T"), (1, 2, "T (cont.)"), (1, 3, "T (cont. 2/3)"), (2, 3, "T (cont. 3/3)")])
def test_continued_titles(n, total, expected):
    assert continued_title("T", n, total, "cont.") == expected


def test_a_short_slide_is_one_slide_at_the_largest_size():
    (only,) = split_plan(plan(text_slide(points(3), notes=("Say it.",))), GEOMETRY).slides
    assert only.fit.size == BODY_SIZES[0]
    assert shown(only) == points(3) and only.notes == ("Say it.",)
    assert only.title == "Long" and not only.continued


def test_a_long_slide_continues_on_cont_slides_with_everything_in_order():
    paras = points(12, words=14)
    result = split_plan(plan(text_slide(paras, notes=("Intro note.",))), GEOMETRY)
    slides = result.slides
    assert len(slides) == 3
    assert [s.title for s in slides] == ["Long", "Long (cont. 2/3)", "Long (cont. 3/3)"]
    assert [s.continued for s in slides] == [False, True, True]
    assert sum((shown(s) for s in slides), ()) == paras
    assert all(fits(s) for s in slides)
    assert len({s.fit.size for s in slides}) == 1 and slides[0].fit.size in BODY_SIZES
    # The first slide keeps the author's notes; the others give their points in full.
    assert slides[0].notes == ("Intro note.",)
    assert slides[1].notes == tuple(p.text for p in shown(slides[1]))
    assert [str(w) for w in result.warnings] == [
        "slide 'Long' is too long for one slide: split over 3 slides"]


def test_cont_is_said_in_the_lectures_language():
    slides = split_plan(plan(text_slide(points(9))), GEOMETRY, cont="suite").slides
    assert [s.title for s in slides] == ["Long", "Long (suite)"]


def test_an_authors_break_starts_a_new_slide():
    slide = PlanSlide("content", "Two parts", "", (TextBody(points(1)), Break(),
                                                   TextBody(points(2)[1:]), Break()), ("N",))
    first, second = split_plan(plan(slide), GEOMETRY).slides
    assert (first.title, second.title) == ("Two parts", "Two parts (cont.)")
    assert shown(first) == points(1) and shown(second) == points(2)[1:]
    assert first.notes == ("N",) and second.notes == (points(2)[1].text,)
    assert second.continued and not first.continued


def test_title_and_section_slides_are_left_alone():
    title = PlanSlide("title", "T", "Sub", (), ("n",))
    section = PlanSlide("section", "Part 1", "", (), ())
    assert split_plan(plan(title, section), GEOMETRY).slides == (title, section)


def test_repeated_titles_are_numbered():
    slides = split_plan(plan(*[text_slide(points(1), "Same")] * 3,
                             text_slide(points(1), "Same (2)")), GEOMETRY).slides
    assert [s.title for s in slides] == ["Same", "Same (2)", "Same (3)", "Same (2) (2)"]


def test_a_quotation_is_larger_in_italics_without_bullets():
    (only,) = split_plan(plan(text_slide([para("To be or not to be.")], "Q", "quote")),
                         GEOMETRY).slides
    assert only.fit.size == QUOTE_SIZES[0]
    (p,) = shown(only)
    assert not p.bullet and all(r.italic for r in p.runs)


def test_a_two_content_list_is_shared_over_two_columns():
    (only,) = split_plan(plan(text_slide(points(5), layout="two-content")), GEOMETRY).slides
    left, right = only.fit.columns
    assert left + right == points(5) and len(left) == 3 and len(right) == 2


def test_a_two_content_list_too_long_for_two_columns_continues():
    paras = points(24, words=6)
    slides = split_plan(plan(text_slide(paras, layout="two-content")), GEOMETRY).slides
    assert len(slides) > 1
    assert sum((c for s in slides for c in s.fit.columns), ()) == paras
    assert all(len(s.fit.columns) <= 2 for s in slides)
    room = GEOMETRY.column.inset()
    for s in slides:
        for column in s.fit.columns:
            assert body_height(column, s.fit.size, room.width) <= room.height


def test_author_columns_side_by_side_when_they_fit():
    slide = PlanSlide("content", "Cols", "", (TextBody(points(2)), ColumnBreak(),
                                              TextBody(points(3))), ())
    (only,) = split_plan(plan(slide), GEOMETRY).slides
    assert only.layout == "two-content"
    assert only.fit.columns == (points(2), points(3))


def test_author_columns_one_after_the_other_without_a_column_layout():
    slide = PlanSlide("content", "Cols", "", (TextBody(points(2)), ColumnBreak(),
                                              TextBody(points(3))), ())
    (only,) = split_plan(plan(slide), replace(GEOMETRY, column=None)).slides
    assert only.layout == "content" and shown(only) == points(2) + points(3)


def test_a_long_table_continues_by_rows_with_the_caption_as_notes():
    rows = tuple((f"Port {n}", f"{n * 100}") for n in range(30))
    table = TableData(("Port", "Ships"), rows, ("", "right"), "Ships per port")
    result = split_plan(plan(PlanSlide("table", "Ships", "", (table,), ())), GEOMETRY)
    slides = result.slides
    assert len(slides) > 1
    assert slides[1].title == continued_title("Ships", 1, len(slides), "cont.")
    assert [r for s in slides for r in s.fit.rows] == list(range(30))
    for s in slides:
        assert s.content == (table,)  # each slide shows its rows of the one table
        assert s.notes == ("Ships per port",)
        fit = s.fit.table
        assert fit.header_height + sum(fit.row_heights[r] for r in s.fit.rows) <= 300
    assert [str(w) for w in result.warnings] == [
        f"table 'Ships' has 30 rows: continued over {len(slides)} slides"]


def test_a_picture_captioned_with_the_title_loses_the_repeated_caption():
    picture = Picture("figures/a.png", "A map", "The map", 900, 600)
    (only,) = split_plan(plan(PlanSlide("picture", "The map", "", (picture,), ())),
                         GEOMETRY).slides
    assert only.content == (replace(picture, caption=""),)


def _beside(paras) -> PlanSlide:
    slide = PlanSlide("content", "Eq", "", (TextBody(paras), Equation("E = mc^2")), ())
    (only,) = split_plan(plan(slide), GEOMETRY).slides
    assert only.content == slide.content
    return only


@pytest.mark.parametrize("words", [2, 8, 12])
def test_text_beside_a_visual_is_one_slide_at_the_largest_size_that_fits(words):
    paras = points(3, words=words)
    only = _beside(paras)
    room = GEOMETRY.beside.inset()
    assert fits(only, GEOMETRY.beside)
    larger = [s for s in BODY_SIZES if s > only.fit.size]
    assert all(body_height(paras, s, room.width) > room.height for s in larger)


def test_text_too_long_beside_a_visual_goes_on_as_text_and_the_visual_on_its_own():
    """Never set larger than fits: text that cannot sit beside the visual at the smallest
    size continues as text, on slides that fit, and the visual gets a slide of its own."""
    paras = points(7, words=10)
    equation = Equation("E = mc^2")
    slides = split_plan(plan(PlanSlide("content", "Eq", "", (TextBody(paras), equation), ())),
                        GEOMETRY).slides
    assert len(slides) >= 2
    assert sum((shown(s) for s in slides), ()) == paras
    assert [c for s in slides for c in s.content if isinstance(c, Equation)] == [equation]
    assert all(fits(s) for s in slides if shown(s))
    assert [s.title for s in slides] == [continued_title("Eq", n, len(slides), "cont.")
                                         for n in range(len(slides))]


def test_a_room_too_small_for_one_line_names_the_theme_layout():
    tiny = Room(30, 300, "Title and Content", "its placeholder 'Body 2'")
    with pytest.raises(RenderError) as info:
        split_plan(plan(text_slide(points(1))), replace(GEOMETRY, text={"content": tiny},
                                                        theme="odd.pptx"))
    message = str(info.value)
    assert "'Title and Content'" in message and "'Body 2'" in message and "too small" in message


PARAS = st.lists(st.tuples(st.integers(0, 2), st.integers(1, 30)), min_size=1, max_size=30)


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(PARAS, st.integers(120, 400))
def test_the_split_never_loses_or_reorders_a_paragraph(items, height):
    paras = tuple(para(f"p{i} " + " ".join(["word"] * n), level if i else 0)
                  for i, (level, n) in enumerate(items))
    room = Room(640, height, "Title and Content", "body")
    geometry = replace(GEOMETRY, text={"content": room})
    slides = split_plan(plan(text_slide(paras, notes=("n",))), geometry).slides
    assert sum((shown(s) for s in slides), ()) == paras
    assert [s.title for s in slides] == [continued_title("Long", n, len(slides), "cont.")
                                         for n in range(len(slides))]
    for s in slides:
        top = sum(p.level == 0 for p in shown(s))
        assert shown(s)[0].level == 0 and 1 <= top <= 7
        assert fits(s, room) or top == 1  # only an item too long alone may overflow
