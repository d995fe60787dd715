"""The handout: the deck's slides as shown -> HTML (handout.html.j2) -> PDF (WeasyPrint).

The audience holds exactly the slides that are projected: the deck plan split as
the deck splits it on its theme, each slide drawn as a box at the deck's text size
(scaled), its speaker notes beside it and ruled lines to write on. Only the
template and the CSS are the handout's; a lecture's own `templates/deck/handout.css`
or `handout.html.j2` replaces the bundled one. What the CSS had to cut off is read
back from the layout and logged as warnings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from chapbook.blocks.callout import label_of
from chapbook.charts.svg import plan_chart_svg
from chapbook.errors import RenderError
from chapbook.limits import MAX_PAGES, time_limit
from chapbook.maths.html import equation_html
from chapbook.plan.schema import DeckPlan
from chapbook.templates import find_file, make_environment, render, template_dirs
from chapbook.text.labels import labels_for

STYLESHEET = "handout.css"
SLIDE_WIDTH_PT = 960  # a 16:9 slide, 13.33 in
BOX_WIDTH_PT = 105 / 25.4 * 72  # the slide box in handout.css
SCALE = BOX_WIDTH_PT / SLIDE_WIDTH_PT * 1.08  # nudged up: print is read closer than a screen
TOLERANCE_PX = 1.0  # how far a line may poke out of its box before it counts as cut off

log = logging.getLogger("chapbook")


def handout_html(plan: DeckPlan, root: Path) -> str:
    env = make_environment(template_dirs("deck", root))
    labels = labels_for(plan.lang)
    return render(env, "handout.html.j2", plan=plan, labels=labels, scale=SCALE,
                  chart_svg=plan_chart_svg, equation=equation_html,
                  callout_label=lambda kind: label_of(kind, labels))


def render_handout(plan: DeckPlan, root: Path, source: Path):
    """Lay the handout out; returns a WeasyPrint Document.

    Pictures resolve against the lecture folder; fonts and the stylesheet come from
    the deck and booklet template folders (handout.css uses the booklet's fonts), and
    relative URLs in the stylesheet resolve against the bundled deck folder, so a
    lecture's copy of handout.css keeps finding the bundled fonts.
    """
    from chapbook.weasy import layout_html

    deck_dirs = template_dirs("deck", root)
    roots = [root, *deck_dirs, *template_dirs("booklet", root)]
    document = layout_html(handout_html(plan, root), root, roots,
                           find_file(deck_dirs, STYLESHEET), deck_dirs, "handout",
                           "laying out the handout")
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"the handout would have {len(document.pages)} pages, more than "
                          f"{MAX_PAGES}: is a custom CSS value far too large?", source)
    for number, part in cut_off(document):
        log.warning("handout: slide %d: %s too long to print in full, partly cut off",
                    number, part)
    return document


def cut_off(document) -> list[tuple[int, str]]:
    """(slide number, "text" or "speaker notes") for each part partly hidden.

    handout.css clips what does not fit its box, and only layout knows what fits,
    so this reads the laid-out boxes: a line is cut off when it ends below the box
    that clips it. The box tree is WeasyPrint's private API; without it nothing is
    reported.
    """
    found, count = [], 0
    parts = {"section": ("slide", "text"), "aside": ("notes", "speaker notes")}
    for page in document.pages:
        for box in _descendants(getattr(page, "_page_box", None)):
            cls, part = parts.get(box.element_tag or "", ("", ""))
            if not cls or cls not in box.element.get("class", ""):
                continue
            count += box.element_tag == "section"
            if _cut_off(box.children, box.padding_box_y() + box.padding_height()):
                found.append((count, part))
    return found


def _cut_off(boxes, limit: float) -> bool:
    from weasyprint.formatting_structure.boxes import LineBox

    for box in boxes:
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
