"""What a laid-out page knows that WeasyPrint's public `Page` does not tell.

WeasyPrint keeps each page's box as `Page._page_box` (its own PDF tagging reads
it there); these few helpers are the only code that does too, so a WeasyPrint
upgrade that moves it breaks here and nowhere else.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


def content_area(page) -> tuple[float, float]:
    """Top and bottom of the page area text flows in, in CSS px from the page's top."""
    box = page._page_box
    top = box.content_box_y()
    return top, top + box.height


def side(page) -> str:
    """'left' or 'right': which side of a spread the page is on."""
    return page._page_box.page_type.side


@contextlib.contextmanager
def drawing(pages, *, crop_marks: bool = True) -> Iterator[None]:
    """Write `pages` (inside the block) with or without the crop marks their CSS asks for.

    Marks are drawn when the PDF is written, not laid out, so one layout serves
    both. WeasyPrint draws them by adding a layer to the page's background, for
    good: a second write would draw the first one's marks again. The layers and
    the styles (shared between pages of one kind) are put back afterwards.
    """
    boxes = [page._page_box for page in pages]
    layers = [(box.background.layers, list(box.background.layers)) for box in boxes
              if box.background is not None]
    styles = {id(box.style): (box.style, box.style["marks"]) for box in boxes}
    try:
        if not crop_marks:
            for style, _ in styles.values():
                style["marks"] = ()
        yield
    finally:
        for live, saved in layers:
            live[:] = saved
        for style, marks in styles.values():
            style["marks"] = marks


def starts_with(page, element_id: str) -> bool:
    """Does the element with id `element_id` start the page (nothing of another before it)?"""
    box = page._page_box.children[0]  # the root element's box on this page
    while True:
        if box.element is not None and box.element.get("id") == element_id:
            return True
        children = getattr(box, "children", None)
        if not children:
            return False
        box = children[0]


def numbers_page(box) -> bool:
    """Does this margin box show the page number (or the number of pages)?"""
    content = box.style["content"]
    return not isinstance(content, str) and any(
        kind in ("counter()", "counters()") and value[0] in ("page", "pages")
        for kind, value in content)


def renumber(pages, numbered) -> None:
    """Give each of `pages` the page-number margin boxes of the page of `numbered` (laid
    out on the same side, with the right numbers) in its place. A long booklet's later
    part is laid out before the pages ahead of it are counted; only its folios change."""
    from weasyprint.formatting_structure.boxes import MarginBox

    for page, right in zip(pages, numbered, strict=True):
        theirs = {box.at_keyword: box for box in right._page_box.children
                  if isinstance(box, MarginBox) and numbers_page(box)}
        box = page._page_box
        box.children = tuple(
            theirs.get(child.at_keyword, child)
            if isinstance(child, MarginBox) and numbers_page(child) else child
            for child in box.children)


def unnumbered_margin_boxes(pages) -> set[str]:
    """The margin boxes (`@top-left`…) of `pages` that never show the page number, nor
    share an edge with one that does (boxes on an edge share its width): the folios of
    those pages can be laid out without them."""
    from weasyprint.formatting_structure.boxes import MarginBox

    def edge(keyword: str) -> str:
        return keyword if keyword.endswith("-corner") else keyword.split("-")[0]

    numbering: set[str] = set()
    seen: set[str] = set()
    for page in pages:
        for box in page._page_box.children:
            if isinstance(box, MarginBox):
                seen.add(box.at_keyword)
                if numbers_page(box):
                    numbering.add(edge(box.at_keyword))
    return {keyword for keyword in seen if edge(keyword) not in numbering}


def leaders_as_one_run(pages) -> None:
    """Each leader's repetitions (the dots of a contents line) as one run of text.

    WeasyPrint lays a leader out as one text box per repetition of its string, side by
    side, and writing shapes each box's text again: the contents of a 400-page booklet
    held 17,000 boxes of ". " and took seconds to write. One box of the repeated string,
    where the first repetition stood, draws the same glyphs at the same places (to a
    twentieth of a point: the run adds up advances the boxes were placed by)."""
    for page in pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            children = getattr(box, "children", ())
            if box.is_leader and len(children) > 1:
                box.children = (_one_run(sorted(children, key=lambda b: b.position_x)),)
            else:
                stack.extend(children)


def _one_run(repeats):
    import copy

    run = copy.copy(repeats[0])
    run.text = repeats[0].text * len(repeats)
    run.width = repeats[-1].position_x + repeats[-1].width - repeats[0].position_x
    run.pango_layout = copy.copy(repeats[0].pango_layout)
    run.pango_layout.text = run.text
    return run
