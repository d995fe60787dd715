"""A callout's slide: its text in a tinted box with a bar and a label in its kind's colour.

The kinds (Quarto's, the Carpentries', MyST's) fall into Quarto's five colour families
(note, tip, warning, important, caution; `PlanSlide.callout_family`); each family takes an
accent of the theme, so a corporate template recolours them, and each kind names itself in
a label above the text, so it does not rest on colour alone. The box is as tall as its text (the
split measured it for `inner_room`) and centred in the content area.
"""

from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from chapbook.deck.area import Box
from chapbook.deck.text import fill
from chapbook.plan.fit import body_height
from chapbook.plan.schema import Para, Run
from chapbook.plan.split import TEXT_INSET, Room

KINDS = {
    "note": MSO_THEME_COLOR.ACCENT_2,
    "tip": MSO_THEME_COLOR.ACCENT_4,
    "warning": MSO_THEME_COLOR.ACCENT_3,
    "important": MSO_THEME_COLOR.ACCENT_1,
    "caution": MSO_THEME_COLOR.ACCENT_5,
}
LABEL_PT = 18
PAD = Pt(18).emu  # inside the box, around the text
BAR = Pt(8).emu  # the coloured bar on the box's left
TINT = 0.85  # how much lighter than the accent the box is
EMU_PER_PT = 12700


def kind_of(name: str) -> str:
    """The colour family of a callout kind (`PlanSlide.callout_family`)."""
    return name if name in KINDS else "note"


def inner_room(area: Box, layout: str) -> Room:
    """The room the callout's text has inside its box (what the split measures against)."""
    label = LABEL_PT * 1.25 + 6
    return Room((area.width - 2 * PAD - BAR) / EMU_PER_PT + TEXT_INSET[0],
                (area.height - 2 * PAD) / EMU_PER_PT - label + TEXT_INSET[1], layout,
                "the callout box")


def add_callout(slide, kind: str, label: str, paras: tuple[Para, ...], size: int, area: Box,
                levels, font: str) -> None:
    colour = KINDS[kind_of(kind)]
    inner = inner_room(area, "")
    text_h = body_height((Para((Run(label, bold=True),), bullet=False), *paras), size,
                         inner.width - TEXT_INSET[0], font) + LABEL_PT * 1.25
    height = min(area.height, int((text_h + TEXT_INSET[1]) * EMU_PER_PT) + 2 * PAD)
    top = area.top + (area.height - height) // 2
    box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(area.left), Emu(top),
                                 Emu(area.width), Emu(height))
    box.adjustments[0] = 0.06
    box.name = f"Callout: {kind_of(kind)}"
    box.shadow.inherit = False
    box.fill.solid()
    box.fill.fore_color.theme_color = colour
    box.fill.fore_color.brightness = TINT
    box.line.fill.background()
    frame = box.text_frame
    frame.margin_left = Emu(PAD + BAR)
    frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(PAD)
    frame.vertical_anchor = MSO_ANCHOR.TOP
    fill(frame, (Para((Run(label, bold=True),), bullet=False), *paras), size, levels,
         PP_ALIGN.LEFT)
    head = frame.paragraphs[0]
    for run in head.runs:
        run.font.size = Pt(LABEL_PT)
        run.font.color.theme_color = colour
        run.font.color.brightness = -0.25
    for para in frame.paragraphs[1:]:
        for run in para.runs:
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(area.left), Emu(top + PAD // 2),
                                 Emu(BAR), Emu(height - PAD))
    bar.name = "Callout bar"
    bar.shadow.inherit = False
    bar.fill.solid()
    bar.fill.fore_color.theme_color = colour
    bar.line.fill.background()
