"""The handout: slide-plan HTML + handout.css -> PDF (WeasyPrint), three slides a page.

The handout prints the deck's own slide plan (`render_plan_html`), so the
audience holds exactly the slides that are projected: each slide drawn as a
box, its speaker notes (or ruled lines) beside it. Only the CSS is the
handout's; a lecture's own `templates/deck/handout.css` replaces the bundled one.
What the CSS had to cut off is read back from the layout and logged as warnings.
"""

from __future__ import annotations

import logging
from pathlib import Path

import lxml.html

from chapbook.errors import RenderError
from chapbook.limits import MAX_PAGES, time_limit
from chapbook.model.document import Lecture
from chapbook.plan.fit import spread
from chapbook.plan.slideplan import render_plan_html
from chapbook.templates import find_file, template_dirs
from chapbook.text.labels import labels_for

STYLESHEET = "handout.css"
MAX_ITEMS = 8  # list items in one slide box; more go on to a "(cont.)" box
MAX_ROWS = 12  # table rows in one slide box
TOLERANCE_PX = 1.0  # how far a line may poke out of its box before it counts as cut off

log = logging.getLogger("chapbook")


def handout_stylesheet(lecture: Lecture) -> Path:
    """The first `handout.css` in the deck template folders (the lecture's own wins)."""
    return find_file(template_dirs("deck", lecture.root), STYLESHEET)


def handout_html(lecture: Lecture) -> str:
    """The slide plan without its browser-preview `<style>` and dangling links.

    Stylesheets passed to WeasyPrint's `render()` are user styles, which lose to
    the page's own: left in, preview.css would hide the notes and size every
    slide at 960 px.
    """
    root = lxml.html.document_fromstring(render_plan_html(lecture))
    for style in root.xpath("//head/style"):
        style.drop_tree()
    # Citations and cross-references point into the booklet: here they are plain text.
    ids = set(root.xpath("//@id"))
    for link in root.xpath('//a[starts-with(@href, "#")]'):
        if link.get("href")[1:] not in ids:
            link.drop_tag()
    cont = labels_for(lecture.meta.lang)["cont"]
    for slide in root.xpath('//section[contains(@class, "slide")]'):
        _continue_long(slide, cont)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode")


def _continue_long(slide, cont: str) -> None:
    """A slide whose list or table is too long for its box goes on over further boxes,
    as the deck's does: `Title (cont.)`, notes on the first only."""
    lists = slide.xpath("./ul | ./ol")
    tables = slide.xpath("./table")
    room = 20 if slide.get("data-layout") == "two-content" else MAX_ITEMS
    if len(lists) == 1 and sum(_weight(li) for li in lists[0]) > room:
        parts, kind = _pack(list(lists[0]), room), "list"
    elif len(tables) == 1 and len(tables[0].xpath("./tbody/tr")) > MAX_ROWS:
        rows = tables[0].xpath("./tbody/tr")
        parts, kind = spread(rows, -(-len(rows) // MAX_ROWS)), "table"
    else:
        return
    title = slide.find("h2")
    anchor = slide
    for n, part in enumerate(parts[1:], start=1):
        copy = lxml.html.fromstring(lxml.html.tostring(slide))
        for notes in copy.xpath("./aside"):
            notes.drop_tree()
        heading = copy.find("h2")
        if heading is not None and title is not None:
            heading.text = f"{title.text_content()} ({cont})"
            for child in list(heading):
                heading.remove(child)
        holder = copy.xpath("./ul | ./ol")[0] if kind == "list" else copy.xpath(
            "./table/tbody")[0]
        for child in list(holder):
            holder.remove(child)
        for item in part:
            holder.append(lxml.html.fromstring(lxml.html.tostring(item)))
        if kind == "list" and holder.tag == "ol":
            holder.set("start", str(1 + sum(len(p) for p in parts[:n])))
        anchor.addnext(copy)
        anchor = copy
    holder = lists[0] if kind == "list" else tables[0].find("tbody")
    keep = {id(x) for x in parts[0]}
    for child in list(holder):
        if id(child) not in keep:
            holder.remove(child)


def _weight(item) -> int:
    """How many lines of a slide box a list item takes, roughly: its sub-items and its
    length count too."""
    text = item.text_content()
    return 1 + len(item.xpath(".//li")) + len(text) // 90


def _pack(items: list, room: int) -> list[list]:
    """Items in order, as few parts as keep each part's weight within `room`."""
    parts: list[list] = [[]]
    used = 0
    for item in items:
        weight = _weight(item)
        if parts[-1] and used + weight > room:
            parts.append([])
            used = 0
        parts[-1].append(item)
        used += weight
    return parts


def render_handout(lecture: Lecture):
    """Lay the handout out; returns a WeasyPrint Document.

    Fonts and pictures are fetched only from the lecture folder and the deck and
    booklet template folders (handout.css uses the booklet's fonts). Relative URLs
    in the stylesheet resolve against the bundled deck folder, as the booklet's
    do, so a lecture's copy of handout.css keeps finding the bundled fonts.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from chapbook.weasy import FolderFetcher, check_own_stylesheets, weasyprint_errors

    deck_dirs = template_dirs("deck", lecture.root)
    roots = [lecture.root, *deck_dirs, *template_dirs("booklet", lecture.root)]
    check_own_stylesheets(deck_dirs[0] if len(deck_dirs) > 1 else None, deck_dirs[-1], roots)
    fetcher = FolderFetcher(roots)
    fonts = FontConfiguration()
    html = handout_html(lecture)
    base = deck_dirs[-1]
    with weasyprint_errors("handout"), time_limit("laying out the handout"):
        css = CSS(filename=handout_stylesheet(lecture), base_url=(base / STYLESHEET).as_uri(),
                  url_fetcher=fetcher, font_config=fonts)
        document = HTML(string=html, base_url=(base / "deck.html").as_uri(),
                        url_fetcher=fetcher).render(stylesheets=[css], font_config=fonts)
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the handout would have {len(document.pages)} pages, more than "
                          f"{MAX_PAGES}: is a custom CSS value far too large?", lecture.source)
    for number, part in cut_off(document):
        log.warning("handout: slide %d: %s too long to print in full, partly cut off",
                    number, part)
    return document


def cut_off(document) -> list[tuple[int, str]]:
    """(slide number, "text" or "speaker notes") for each part partly hidden.

    handout.css clips what does not fit (a slide must not spill into the next row,
    notes must not run into the next slide's) and only layout knows what fits, so
    this reads the laid-out boxes: a line is cut off when it ends below its slide
    box or below a box that clips. The box tree is WeasyPrint's private API;
    without it nothing is reported.
    """
    found, count = [], 0
    for page in document.pages:
        for box in _descendants(getattr(page, "_page_box", None)):
            if box.element_tag != "section" or "slide" not in box.element.get("class", ""):
                continue
            count += 1
            notes = [c for c in box.children if c.element_tag == "aside"]
            content = [c for c in box.children if c.element_tag != "aside"]
            if _cut_off(content, box.border_box_y() + box.border_height()):
                found.append((count, "text"))
            if _cut_off(notes, float("inf")):  # the notes clip themselves
                found.append((count, "speaker notes"))
    return found


def _cut_off(boxes, limit: float) -> bool:
    from weasyprint.formatting_structure.boxes import LineBox

    for box in boxes:
        if "::" in (box.element_tag or ""):
            continue  # the slide number, ruled lines: never content
        bottom = limit
        if box.style["overflow"] != "visible":
            bottom = min(limit, box.padding_box_y() + box.padding_height())
        if isinstance(box, LineBox) and box.position_y + box.height > bottom + TOLERANCE_PX:
            return True
        if _cut_off(getattr(box, "children", ()), bottom):
            return True
    return False


def _descendants(box):
    if box is None:
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def write_handout(document, target: Path) -> Path:
    """Write a laid-out handout to `target`, tagged like the booklet (callers make it atomic)."""
    from chapbook.weasy import weasyprint_errors

    with weasyprint_errors("handout"), time_limit("writing the handout"):
        document.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=True)
    return target
