"""Text in slides: paragraphs filled with explicit sizes, titles shrunk to fit their box."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Pt

from chapbook.deck.package import xml_text
from chapbook.deck.pptx_xml import bullet, layout_of, no_bullet
from chapbook.plan.fit import shrink_size
from chapbook.plan.schema import Para, Run
from chapbook.plan.split import Room

EMU_PER_PT = 12700
CODE_FONT = "Courier New"  # Liberation Mono has its metrics


def fill(frame, paras: tuple[Para, ...], size: int, bullets: bool = False) -> None:
    """Put paragraphs into a text frame with explicit sizes (autofit is not relied on).

    `bullets`: draw bullet characters ourselves, for a plain text box that has no
    list style of its own (a placeholder takes its bullets from the theme).
    """
    frame.word_wrap = True
    for n, para in enumerate(paras):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        p.level = min(para.level, 8)
        if not para.bullet:
            no_bullet(p)
        elif bullets:
            bullet(p, para.level, size)
        for run in para.runs:
            _add_run(p, run, size - 2 * min(para.level, 2), para.style == "code")


def _add_run(paragraph, run: Run, size: float, code: bool = False) -> None:
    """One run per line of `run` (a `\\v` is a line break, `<a:br>`), in monospace for
    code, coloured for highlighted code, and a hyperlink where the run links."""
    for n, line in enumerate(xml_text(run.text).split("\v")):
        if n:
            paragraph.add_line_break()
        if not line:
            continue
        r = paragraph.add_run()
        r.text = line
        r.font.size = Pt(size)
        if run.bold:
            r.font.bold = True
        if run.italic:
            r.font.italic = True
        if run.code or code:
            r.font.name = CODE_FONT
        if run.color:
            r.font.color.rgb = RGBColor.from_string(run.color)
        if run.link:
            r.hyperlink.address = run.link


def shrink_to_fit(placeholder, text: str, start: float, floor: float, font: str,
                  bold: bool = False) -> float | None:
    """Set the largest size from `start` down to `floor` at which `text` fits the box.

    Returns the size, or None when even `floor` overflows (then `floor` is set).
    """
    frame = placeholder.text_frame
    insets = (frame.margin_left + frame.margin_right) / EMU_PER_PT
    v_insets = (frame.margin_top + frame.margin_bottom) / EMU_PER_PT
    room = Room(placeholder.width / EMU_PER_PT - insets - 4,
                placeholder.height / EMU_PER_PT - v_insets, layout_of(placeholder),
                f"its placeholder {placeholder.name!r}")
    room.require(floor)
    size, fits = shrink_size(text, room.width, room.height, start, floor, font, bold)
    if size != start:
        for para in frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(size)
    return size if fits else None
