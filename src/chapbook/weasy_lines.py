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
attribute over its whole length, set again alike.

Setting the text again shapes it again, and most lines need not be: a line laid out
with no width to fit (each `. ` of a leader's dots, a chart's letters) and one broken
before a ragged paragraph's end are left by WeasyPrint in their own text with no
width, as drawing wants them. Those lines (970 of the sample booklet's 1,645, 874 of
them the contents' dots) are drawn as they were shaped, unless justification gives them
spacing. For that, a layout's text is set in Pango's single-paragraph mode, which
drawing sets and setting which anew would shape the text again, whenever the text has
no paragraph separator (so that the mode changes nothing in it). The PDF is the same
to the byte.
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
            shaped = not self.justification_spacing and _unwrapped(pango, layout)
            pango.pango_layout_set_width(layout, -1)
            pango.pango_layout_set_wrap(layout, pango.PANGO_WRAP_WORD)
            pango.pango_layout_set_ellipsize(layout, pango.PANGO_ELLIPSIZE_NONE)
            self.first_line_direction = 0
            if shaped:  # as drawing wants it: its text, no width, no ellipsis
                return
        self.set_text(self.text, justify=True)

    set_text = layout_class.set_text

    def set_text_in_one_paragraph(self, text, justify=False) -> None:
        pango.pango_layout_set_single_paragraph_mode(self.layout, _one_paragraph(text))
        set_text(self, text, justify)

    layout_class._chapbook_original = {
        "deactivate": layout_class.deactivate, "reactivate": layout_class.reactivate,
        "set_text": set_text}
    layout_class.deactivate = deactivate
    layout_class.reactivate = reactivate
    layout_class.set_text = set_text_in_one_paragraph
    layout_class._chapbook_kept = True


def _plain(style) -> bool:
    """Does setting text in this style add no spacing of its own (`Layout.set_text`, but
    for justification)?"""
    letter = style["letter_spacing"]
    return not style["word_spacing"] and (letter == "normal" or not letter)


_PARAGRAPH_SEPARATORS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def _one_paragraph(text: str) -> bool:
    """Is `text` one paragraph to Pango, whether or not it looks for separators (and so
    shaped alike in single-paragraph mode, which drawing sets)?"""
    return _PARAGRAPH_SEPARATORS.isdisjoint(text)


def _unwrapped(pango, layout) -> bool:
    """Is the Pango layout set as drawing sets it: no width, no ellipsis? (Pango's getters,
    which `weasy_import` declares.)"""
    return (pango.pango_layout_get_width(layout) == -1
            and pango.pango_layout_get_ellipsize(layout) == pango.PANGO_ELLIPSIZE_NONE)

