"""Display maths on a slide: the equation drawn as a picture (from the same vector drawing
as the booklet's), centred in its area, the TeX as its alt text."""

from __future__ import annotations

import io

from pptx.util import Emu, Pt

from chapbook.deck.package import xml_text
from chapbook.deck.pptx_xml import set_description
from chapbook.errors import ContentError
from chapbook.plan.schema import Equation

SIZE_PT = 28  # the equation's text size on the slide
DPI = 300


def add_equation(slide, equation: Equation, area) -> None:
    from chapbook.maths import tex_to_png, tex_to_svg

    left, top, width, height = area
    try:
        drawing = tex_to_svg(equation.tex, True, SIZE_PT)
        png = tex_to_png(equation.tex, True, SIZE_PT, DPI)
    except ContentError:  # reading warned already; show the TeX
        box = slide.shapes.add_textbox(left, top, width, height)
        box.text_frame.text = xml_text(equation.tex)
        box.text_frame.word_wrap = True
        return
    w, h = Pt(drawing.width).emu, Pt(drawing.height).emu
    scale = min(1.0, width / w, height / h)
    w, h = int(w * scale), int(h * scale)
    pic = slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - w) // 2),
                                   Emu(top + (height - h) // 2), Emu(w), Emu(h))
    set_description(pic, xml_text(equation.alt or equation.tex))
    pic.name = "Equation"
