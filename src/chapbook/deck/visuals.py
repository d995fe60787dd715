"""Pictures, tables and charts placed in an area of a slide (EMU), with alt text."""

from __future__ import annotations

from pathlib import Path

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from chapbook.deck.chart import add_chart
from chapbook.deck.package import xml_text
from chapbook.deck.pptx_xml import set_description, set_end_size, set_table_style
from chapbook.errors import RenderError
from chapbook.images import deck_image
from chapbook.plan.fit import TableFit, fit_table
from chapbook.plan.schema import ChartData, Equation, Picture, TableData

CAPTION_PT = 18
EMU_PER_PT = 12700


def add_visual(slide, visual, area, root: Path, font: str, table_style: str = "") -> None:
    if isinstance(visual, Equation):
        from chapbook.deck.equations import add_equation

        add_equation(slide, visual, area)
    elif isinstance(visual, Picture):
        add_picture(slide, visual, area, root)
    elif isinstance(visual, ChartData):
        add_chart(slide, visual, area, xml_text(visual.alt or visual.caption))
    else:
        add_table(slide, visual, area, font, style=table_style)


def add_picture(slide, picture: Picture, area, root: Path) -> None:
    """The picture as large as the area allows, centred both ways, its caption under it."""
    path = (root / picture.src).resolve()
    if not path.is_relative_to(root):
        raise RenderError(f"deck: picture {path} is outside the lecture folder")
    left, top, width, height = area
    caption_h = Emu(Pt(CAPTION_PT * 1.25 * 2).emu if picture.caption else 0)
    gap = Pt(6).emu if picture.caption else 0
    avail_h = height - caption_h - gap
    ratio = (picture.width / picture.height) if picture.width and picture.height else 4 / 3
    pic_w, pic_h = width, int(width / ratio)
    if pic_h > avail_h:
        pic_h, pic_w = avail_h, int(avail_h * ratio)
    x = left + (width - pic_w) // 2
    top += (avail_h - pic_h) // 2  # picture and caption centred in the area
    pic = slide.shapes.add_picture(deck_image(path), Emu(x), Emu(top), Emu(pic_w), Emu(pic_h))
    set_description(pic, xml_text(picture.alt))
    pic.name = f"Picture: {xml_text(picture.alt)[:60]}"
    if picture.caption:
        box = slide.shapes.add_textbox(Emu(left), Emu(top + pic_h + gap), Emu(width),
                                       Emu(caption_h))
        frame = box.text_frame
        frame.word_wrap = True
        para = frame.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        run = para.add_run()
        run.text = xml_text(picture.caption)
        run.font.size = Pt(CAPTION_PT)
        run.font.italic = True


def add_table(slide, table: TableData, area, font: str, fit: TableFit | None = None,
              rows: tuple[int, ...] | None = None, style: str = "") -> None:
    """A native table at `area`, sized by `fit` (measured here when not given), drawn in
    the template's table `style` (its id)."""
    left, top, width, height = area
    if fit is None:
        fit = fit_table(table.header, table.rows, width / EMU_PER_PT, height / EMU_PER_PT, font)
        rows = tuple(range(len(table.rows)))
    heights = ([fit.header_height] if table.header else []) + [fit.row_heights[i] for i in rows]
    values = ([table.header] if table.header else []) + [table.rows[i] for i in rows]
    columns = len(fit.widths)
    shape = slide.shapes.add_table(len(values), columns, Emu(left), Emu(top), Emu(width),
                                   Emu(int(Pt(sum(heights)).emu)))
    grid = shape.table
    for i, w in enumerate(fit.widths):
        grid.columns[i].width = Emu(int(Pt(w).emu))
    for r, row in enumerate(values):
        grid.rows[r].height = Emu(int(Pt(heights[r]).emu))
        for c in range(columns):
            _cell(grid.cell(r, c), row[c] if c < len(row) else "",
                  table.aligns[c] if c < len(table.aligns) else "", fit.size,
                  bold=bool(table.header) and r == 0)
    shape.name = f"Table: {xml_text(table.caption)[:60]}" if table.caption else "Table"
    if style:
        set_table_style(shape, style)


def _cell(cell, text: str, align: str, size: int, bold: bool) -> None:
    cell.text = xml_text(text)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for para in cell.text_frame.paragraphs:
        para.alignment = {"right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}.get(align,
                                                                                  PP_ALIGN.LEFT)
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
        set_end_size(para, size)
