"""Lines of text drawn with the Pango layouts that broke them, not with new ones.

WeasyPrint breaks each line of text with a Pango layout, lets the layout go once the
line is set, and makes it anew to draw the line: a Pango context, a layout, a font
description and font features, then the text shaped again. That setting up was a
sixth of writing a booklet (the sample's 15 pages: 0.07 s of 0.5 s). Here a layout is
kept with its box until the document goes, at about 0.2 MB a page, and drawing
puts it back as a new one would be: no width (so no wrapping), no ellipsis, word
wrapping, and the text set again with its justification. A layout whose text carries
spacing of its own (word or letter spacing) is made anew, as before: setting the text
again would keep the spacing its line was broken with. Breaks anywhere
(`overflow-wrap`, which the booklet sets on its whole body) mark the text with one
attribute over its whole length, set again alike. The PDF is the same to the byte.
"""

from __future__ import annotations


def keep_layouts_for_drawing() -> None:
    """Patch WeasyPrint's `Layout` (once, for the process)."""
    from weasyprint.text import line_break
    from weasyprint.text.ffi import pango

    layout_class = line_break.Layout
    if getattr(layout_class, "_chapbook_kept", False):
        return

    def deactivate(self) -> None:
        """Kept: drawing the line reuses it."""

    def reactivate(self, style) -> None:
        if getattr(self, "style", None) is not style or not _plain(style):
            self.setup(style)
        else:
            layout = self.layout
            pango.pango_layout_set_width(layout, -1)
            pango.pango_layout_set_wrap(layout, pango.PANGO_WRAP_WORD)
            pango.pango_layout_set_ellipsize(layout, pango.PANGO_ELLIPSIZE_NONE)
            pango.pango_layout_set_single_paragraph_mode(layout, False)
            self.first_line_direction = 0
        self.set_text(self.text, justify=True)

    layout_class._chapbook_original = (layout_class.deactivate, layout_class.reactivate)
    layout_class.deactivate = deactivate
    layout_class.reactivate = reactivate
    layout_class._chapbook_kept = True


def _plain(style) -> bool:
    """Does setting text in this style add no spacing of its own (`Layout.set_text`, but
    for justification)?"""
    letter = style["letter_spacing"]
    return not style["word_spacing"] and (letter == "normal" or not letter)
