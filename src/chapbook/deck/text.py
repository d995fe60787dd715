"""Text in slides: paragraphs filled with explicit sizes, titles shrunk to fit their box.

Sizes are always explicit (PowerPoint's autofit acts only when someone edits the text).
Bullets are the template's: a placeholder keeps the ones it inherits, and where a slide
would inherit none, or the text sits in a box of its own, the template's list levels are
written out (`deck.bullets`). Numbered items get automatic numbers.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from chapbook.deck.bullets import Level, write_bullet, write_no_bullet, write_number
from chapbook.deck.package import xml_text
from chapbook.deck.pptx_xml import layout_of, paragraph_properties, set_space_before
from chapbook.plan.fit import body_height, shrink_size
from chapbook.plan.schema import Para, Run
from chapbook.plan.split import Room

EMU_PER_PT = 12700
CODE_FONT = "Courier New"  # Liberation Mono has its metrics
LEVEL_STEP_PT = 2  # each list level a little smaller
SPREAD_TO = 0.7  # short text is spaced out to fill this share of its box, at most
MAX_EXTRA_EMS = 0.8  # at most this much more space before a paragraph, in ems


def fill(frame, paras: tuple[Para, ...], size: int, levels: tuple[Level, ...] | None = None,
         align: PP_ALIGN | None = None) -> None:
    """Put paragraphs into a text frame with explicit sizes.

    `levels`: write the template's bullets out (a text box, or a placeholder that
    inherits none); None leaves a placeholder's own bullets to show.
    """
    frame.word_wrap = True
    previous: Para | None = None
    for n, para in enumerate(paras):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        p.level = min(para.level, 8)
        if align is not None:
            p.alignment = align
        ppr = paragraph_properties(p)
        level = levels[min(para.level, 8)] if levels else None
        if para.marker and para.bullet:
            start = None
            if previous is None or not previous.marker or previous.level != para.level:
                start = _number(para.marker)
            write_number(ppr, level or _default_level(para.level), start)
        elif not para.bullet or para.style in ("code", "heading", "attribution"):
            write_no_bullet(ppr)
        elif level is not None:
            write_bullet(ppr, level)
        if para.style == "attribution":
            p.alignment = PP_ALIGN.RIGHT
        for run in para.runs:
            _add_run(p, run, size_for(para, size), para.style)
        previous = para


def dress(frame, look: tuple[str | None, str | None]) -> None:
    """Runs given the template's colour and typeface where its master keeps them only in
    sample paragraphs (`pptx_xml.sample_look`); runs coloured already keep theirs."""
    colour, face = look
    for para in frame.paragraphs:
        for run in para.runs:
            if colour and run.font.color.type is None:
                run.font.color.rgb = RGBColor.from_string(colour)
            if face and run.font.name is None:
                run.font.name = face


def size_for(para: Para, size: float) -> float:
    if para.style == "attribution":  # under a quotation, smaller
        return max(18, round(size * 0.75))
    return size - LEVEL_STEP_PT * min(para.level, 2)


def _number(marker: str) -> int | None:
    digits = marker.rstrip(".)")
    return int(digits) if digits.isdigit() else None


def _default_level(level: int) -> Level:
    from chapbook.deck.bullets import HANG, STEP

    return Level(HANG + level * STEP, -HANG, ())


def _add_run(paragraph, run: Run, size: float, style: str) -> None:
    """One run per line of `run` (a `\\v` is a line break, `<a:br>`), in monospace for
    code, coloured for highlighted code, and a hyperlink where the run links."""
    for n, line in enumerate(xml_text(run.text).split("\v")):
        if n:
            paragraph.add_line_break()
        if not line:
            continue
        r = paragraph.add_run()
        r.text = line
        font = r.font
        font.size = Pt(size)
        if run.bold or style == "heading":
            font.bold = True
        if run.italic:
            font.italic = True
        if run.code or style == "code":
            font.name = CODE_FONT
        if run.color:
            font.color.rgb = RGBColor.from_string(run.color)
        if run.link:
            r.hyperlink.address = run.link


def balance(frames, size: int, room: Room, font: str) -> None:
    """Text set for reading: centred in its box and, when short, more space between its
    paragraphs (up to `MAX_EXTRA_EMS`), instead of a few lines stuck at the top.

    `frames`: (text frame, paragraphs) pairs sharing one `room` (the columns of a slide),
    spaced alike so their lines stay level.
    """
    from chapbook.plan.split import TEXT_INSET

    width = room.width - TEXT_INSET[0]
    height = room.height - TEXT_INSET[1]
    frames = [(frame, paras) for frame, paras in frames if paras]
    if not frames or width <= size * 3:
        return
    used = max(body_height(paras, size, width, font) for _, paras in frames)
    count = max(len(paras) for _, paras in frames)
    extra = 0.0
    if used < SPREAD_TO * height:
        extra = min(MAX_EXTRA_EMS * size, (SPREAD_TO * height - used) / count)
    tallest = 0.0
    for frame, paras in frames:
        added = 0.0
        if extra:
            for para, p in zip(paras, frame.paragraphs, strict=False):
                base = max(0.35 * size, 10.0 if para.level == 0 else 5.0)
                more = extra if para.level == 0 else extra / 2
                set_space_before(p, base + more)
                added += more
        tallest = max(tallest, body_height(paras, size, width, font) + added)
    if len(frames) == 1:
        frames[0][0].vertical_anchor = MSO_ANCHOR.MIDDLE
        return
    offset = max(0.0, (height - tallest) / 2)  # columns: one offset, so their lines stay level
    for frame, _ in frames:
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_top = Pt(frame.margin_top.pt + offset)


def shrink_to_fit(placeholder, text: str, start: float, floor: float, font: str,
                  bold: bool = False, box=None) -> float | None:
    """Set the largest size from `start` down to `floor` at which `text` fits the box
    (the placeholder's own, or `box` when its inherited one cannot be trusted).

    Returns the size, or None when even `floor` overflows (then `floor` is set). The size
    is always written, so no client falls back to a default of its own.
    """
    frame = placeholder.text_frame
    width, height = (box.width, box.height) if box is not None else (placeholder.width,
                                                                    placeholder.height)
    insets = (frame.margin_left + frame.margin_right) / EMU_PER_PT
    v_insets = (frame.margin_top + frame.margin_bottom) / EMU_PER_PT
    room = Room(width / EMU_PER_PT - insets - 4, height / EMU_PER_PT - v_insets,
                layout_of(placeholder), f"its placeholder {placeholder.name!r}")
    room.require(floor)
    size, fits = shrink_size(text, room.width, room.height, start, floor, font, bold)
    for para in frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
    return size if fits else None
