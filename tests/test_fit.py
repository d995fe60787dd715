"""Measuring slide text (chapbook.plan.fit): lines, heights, sizes and chunks, with the real
metrics of the shipped fonts. Widths are taken from `text_width` so each case sits just
either side of a line end."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont

from chapbook.plan import fit
from chapbook.plan.fit import (
    BODY_SIZES,
    CODE_FONT,
    LINE_SPACING,
    MAX_BULLETS,
    TABLE_SIZES,
    body_height,
    count_lines,
    fit_body,
    fit_table,
    measuring_font,
    shrink_size,
    spread,
    text_width,
)
from chapbook.plan.schema import Para, Run
from chapbook.templates import bundled_templates

WORD = "mmmm"


def para(text: str, level: int = 0, **style) -> Para:
    return Para((Run(text, **style),), level)


def words(n: int) -> str:
    return " ".join([WORD] * n)


def line_of(n: int, size: float = 20) -> float:
    """The width of exactly `n` words on one line."""
    return text_width(words(n), size)


# --- text_width and measuring_font ---------------------------------------------------


def test_widths_are_the_fonts_advance_widths():
    path = bundled_templates() / "deck" / "fonts" / "Carlito-Regular.ttf"
    carlito = ImageFont.truetype(str(path), 100)
    assert text_width("Germanium", 20) == pytest.approx(carlito.getlength("Germanium") / 5)
    assert text_width("WWWW", 20) > 2 * text_width("iiii", 20)  # measured, not counted
    assert text_width("Bold", 20, bold=True) > text_width("Bold", 20)
    assert text_width("x", 40) == pytest.approx(2 * text_width("x", 20))
    # Monospace: every character as wide as any other.
    assert text_width("iiii", 20, font=CODE_FONT) == pytest.approx(
        text_width("MMMM", 20, font=CODE_FONT))


@pytest.mark.parametrize(("typeface", "expected"), [
    (None, ("Carlito", True)), ("", ("Carlito", True)), ("Calibri", ("Carlito", True)),
    (" ARIAL ", ("LiberationSans", True)), ("Times New Roman", ("LiberationSerif", True)),
    ("Comic Sans MS", ("LiberationSans", False)),
])
def test_each_theme_typeface_is_measured_with_a_metric_twin(typeface, expected):
    assert measuring_font(typeface) == expected


# --- count_lines -----------------------------------------------------------------------


def test_words_wrap_where_the_line_is_full():
    text = para(words(4))
    assert count_lines(text, 20, line_of(4)) == 1
    assert count_lines(text, 20, line_of(4) - 0.5) == 2
    assert count_lines(text, 20, line_of(2) + 0.5) == 2  # two words a line
    assert count_lines(text, 20, line_of(1) + 0.5) == 4
    assert count_lines(para(""), 20, 100) == 1  # an empty paragraph still takes a line


def test_runs_of_one_word_in_two_styles_are_measured_as_they_are_set():
    bold = Para((Run(WORD, bold=True), Run(" " + WORD, bold=True)), 0)
    assert count_lines(bold, 20, line_of(2) + 0.5) == 2  # bold is wider
    assert count_lines(para(words(2)), 20, line_of(2) + 0.5) == 1


def test_a_word_longer_than_a_line_is_broken_over_as_many_lines_as_it_needs():
    long = "m" * 40
    width = text_width(long, 20) / 3.5
    assert count_lines(para(long), 20, width) == 4
    assert count_lines(para(f"{WORD} {long}"), 20, width) == 5  # it starts a line of its own


def test_a_line_break_starts_a_new_line():
    assert count_lines(para("a\vb"), 20, 500) == 2
    assert count_lines(para("a\v\vb"), 20, 500) == 3
    assert count_lines(para(f"{words(3)}\v{words(1)}"), 20, line_of(2) + 0.5) == 3


def test_code_is_measured_in_monospace():
    narrow = "iiiiiiiiii"
    width = text_width(narrow, 20) + 5
    assert width < text_width(narrow, 20, font=CODE_FONT)
    assert count_lines(para(narrow), 20, width) == 1
    mono = math.ceil(text_width(narrow, 20, font=CODE_FONT) / width)
    assert mono == 3
    assert count_lines(para(narrow, code=True), 20, width) == mono
    line = Para((Run(narrow),), 0, bullet=False, style="code")
    assert count_lines(line, 20, width) == mono  # a line of a code block too


def test_a_box_narrower_than_the_text_size_is_an_error():
    with pytest.raises(ValueError, match="cannot hold 20-pt text"):
        count_lines(para("x"), 20, 19)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "mm", "Germanium", "WWWWWWWW", "i"]), min_size=1,
                max_size=30), st.floats(40, 600))
def test_lines_never_fewer_than_the_width_needs_and_narrower_is_never_shorter(text, width):
    p = para(" ".join(text))
    lines = count_lines(p, 20, width)
    assert lines >= math.ceil(text_width(" ".join(text).replace(" ", ""), 20) / width - 1e-9)
    assert lines <= len(text) + sum(math.ceil(text_width(w, 20) / width) for w in text)
    assert count_lines(p, 20, width * 0.7) >= lines


# --- body_height -----------------------------------------------------------------------


def test_body_height_is_lines_times_line_height_plus_space_before_each_paragraph():
    one = 24 * LINE_SPACING + 10  # 0.35 em of 24 pt is under the 10 pt floor
    assert body_height([para("x")], 24, 500) == pytest.approx(one)
    assert body_height([para("x")] * 3, 24, 500) == pytest.approx(3 * one)
    # A sub-item: 5 pt floor, but 0.35 em of 24 pt is more.
    assert body_height([para("x", level=1)], 24, 500) == pytest.approx(
        24 * LINE_SPACING + 0.35 * 24)
    wrapped = [para(words(6))]
    assert body_height(wrapped, 20, line_of(3, 20) + 0.9 * 20 + 1) == pytest.approx(
        2 * 20 * LINE_SPACING + 10)


def test_indentation_takes_room_from_the_line_and_sub_items_are_smaller():
    """A bullet is indented 0.9 em, each level 27 pt more, set 2 pt smaller per level."""
    one_line = 20 * LINE_SPACING + 10
    width = line_of(4) + 0.9 * 20 + 0.5
    assert body_height([para(words(4))], 20, width) == pytest.approx(one_line)
    assert body_height([para(words(4))], 20, width - 1) == pytest.approx(one_line + 20 * 1.22)
    width = line_of(4, 18) + 27 + 0.9 * 20 + 0.5
    sub = 20 * LINE_SPACING + 0.35 * 20
    assert body_height([para(words(4), 1)], 20, width) == pytest.approx(sub)
    assert body_height([para(words(4), 1)], 20, width - 1) == pytest.approx(sub + 20 * 1.22)


# --- fit_body ------------------------------------------------------------------------------


def _box_for(paras, size: int) -> float:
    """A height that holds `paras` at `size` and not at the next larger size."""
    return body_height(paras, size, 600) + 0.5


@pytest.mark.parametrize("size", BODY_SIZES)
def test_fit_body_chooses_the_largest_size_that_fits(size):
    paras = [para(words(12)), para(words(5), level=1), para(words(20))]
    height = _box_for(paras, size)
    result = fit_body(paras, 600, height)
    assert result.chunks == (tuple(paras),)
    assert result.size == size
    for larger in (s for s in BODY_SIZES if s > size):
        assert body_height(paras, larger, 600) > height


def test_a_body_too_long_is_balanced_over_the_fewest_slides():
    paras = [para(f"Point {n}") for n in range(10)]
    height = body_height(paras[:4], BODY_SIZES[-1], 600)  # four points a slide, at 18 pt
    result = fit_body(paras, 600, height)
    assert [len(c) for c in result.chunks] == [4, 3, 3]  # not 4/4/2
    assert sum(result.chunks, ()) == tuple(paras)
    assert result.size == BODY_SIZES[-1]
    assert all(body_height(c, result.size, 600) <= height for c in result.chunks)


def test_a_bullet_never_leaves_its_sub_bullets():
    paras = []
    for n in range(6):
        paras += [para(f"Point {n}"), para(f"detail {n}a", 1), para(f"detail {n}b", 2)]
    height = body_height(paras[:7], BODY_SIZES[-1], 600)  # room for two items and a bit
    result = fit_body(paras, 600, height)
    assert len(result.chunks) == 3
    assert sum(result.chunks, ()) == tuple(paras)
    assert all(c[0].level == 0 and len(c) % 3 == 0 for c in result.chunks)


def test_more_than_seven_points_split_however_short():
    paras = [para(f"P{n}") for n in range(MAX_BULLETS + 2)]
    result = fit_body(paras, 600, 10_000)
    assert [len(c) for c in result.chunks] == [5, 4]
    assert result.size == BODY_SIZES[0]
    assert fit_body(paras, 600, 10_000, max_bullets=None).chunks == (tuple(paras),)
    # Sub-items do not count as points.
    nested = [para("P"), *[para(f"s{n}", 1) for n in range(12)]]
    assert len(fit_body(nested, 600, 10_000).chunks) == 1


def test_each_chunk_is_shown_at_the_size_the_fullest_one_allows():
    paras = [para(words(30)), *[para("short") for _ in range(7)]]
    height = body_height(paras[:1], BODY_SIZES[-1], 600) + 1
    result = fit_body(paras, 600, height)
    assert len(result.chunks) > 1
    assert all(body_height(c, result.size, 600) <= height for c in result.chunks)


def test_an_item_too_long_for_any_slide_still_gets_a_slide_of_its_own():
    paras = [para("a"), para(words(200)), para("b")]
    result = fit_body(paras, 600, 100)
    assert result.chunks == tuple((p,) for p in paras)
    assert result.size == BODY_SIZES[-1]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(1, 40)), min_size=1, max_size=25),
       st.floats(80, 500))
def test_chunks_keep_every_paragraph_in_order_and_fit(items, height):
    paras = [para(words(n), level if i else 0) for i, (level, n) in enumerate(items)]
    result = fit_body(paras, 500, height)
    assert sum(result.chunks, ()) == tuple(paras)
    assert result.size in BODY_SIZES
    for chunk in result.chunks:
        assert chunk[0].level == 0
        assert sum(p.level == 0 for p in chunk) <= MAX_BULLETS
        top = sum(p.level == 0 for p in chunk)
        assert body_height(chunk, BODY_SIZES[-1], 500) <= height or top == 1


# --- shrink_size -----------------------------------------------------------------------------


def test_shrink_size_keeps_the_start_size_when_it_fits():
    assert shrink_size("Short", 400, 60, 40, 20) == (40, True)


def test_shrink_size_steps_down_two_points_to_the_largest_that_fits():
    title = "A fairly long title that wraps onto a second line"
    size, fits = shrink_size(title, 300, 60, 40, 20)
    assert fits and size < 40 and (40 - size) % 2 == 0
    lines = count_lines(para(title, bold=False), size, 300)
    assert lines * size * fit.TITLE_SPACING <= 60
    bigger = size + 2
    assert count_lines(para(title), bigger, 300) * bigger * fit.TITLE_SPACING > 60


def test_shrink_size_stops_at_the_floor_and_says_it_does_not_fit():
    assert shrink_size(words(40), 200, 30, 40, 20) == (20, False)
    assert shrink_size("One\nTwo\nThree", 400, 3 * 20 * fit.TITLE_SPACING, 28, 20) == (20, True)


# --- spread and fit_table --------------------------------------------------------------------


@given(st.lists(st.integers(), max_size=40), st.integers(1, 12))
def test_spread_gives_runs_that_differ_by_one_at_most(items, count):
    parts = spread(items, count)
    assert len(parts) == count
    assert [x for part in parts for x in part] == items
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert [len(p) for p in parts] == sorted((len(p) for p in parts), reverse=True)


def test_a_small_table_fits_at_the_largest_size_across_the_whole_width():
    result = fit_table(("Port", "Ships"), [("Antwerp", "1 200"), ("Bruges", "300")], 600, 400)
    assert result.size == TABLE_SIZES[0]
    assert result.chunks == ((0, 1),)
    assert sum(result.widths) == pytest.approx(600)
    assert result.widths[0] > result.widths[1]  # the wider column is wider
    assert result.header_height == pytest.approx(result.row_heights[0])


def test_a_long_table_continues_by_rows_under_a_repeated_header():
    rows = [(f"Row {n}", "a cell of some words that wraps in its column") for n in range(40)]
    result = fit_table(("Name", "Comment"), rows, 400, 300)
    assert result.size == TABLE_SIZES[-1]
    assert len(result.chunks) > 1
    assert sum(result.chunks, ()) == tuple(range(40))
    for chunk in result.chunks:  # the header is on every slide
        assert result.header_height + sum(result.row_heights[i] for i in chunk) <= 300
    sizes = [len(c) for c in result.chunks]
    assert max(sizes) - min(sizes) <= 1  # rows spread evenly


def test_table_columns_are_wide_enough_for_their_longest_word():
    word = "Internationalisation"
    rows = [(word, " ".join(["text"] * 60))]
    result = fit_table(("A", "B"), rows, 500, 400)
    need = text_width(word, result.size) + fit.CELL_PAD_X
    assert result.widths[0] >= need
    assert sum(result.widths) == pytest.approx(500)
    assert result.row_heights[0] > result.size * LINE_SPACING * 3  # the long cell wraps
