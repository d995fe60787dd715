"""A style's strut found once: its line height and baseline kept with the style.

WeasyPrint asks `strut(style)` for the height and baseline of a line of text in a
style whenever it lays out a text box or a line (1,820 times for the sample's
booklet, from 372 styles). It keeps the answers per font configuration under a key
written out as text from fourteen of the style's values, and imports two helpers, at
every call: 3 % of a course's processor time, though the answer is nearly always kept.

Here the answer is kept with the style object itself (whose font configuration is
set when it is made), as WeasyPrint keeps a style's other measures (`style.cache`). A
style's values do not change once its text is measured: WeasyPrint sets a value on a
style only while making it (an SVG text's style, a `::first-line` box's) or on a copy,
and a copy starts without the answer. The answer is the very one WeasyPrint gave for
that style, so the PDF is the same to the byte.
"""

from __future__ import annotations

_KEPT = "_chapbook_strut"  # the style's attribute holding its answer


def measure_struts_once() -> None:
    """Patch WeasyPrint's `strut` where it is called (once, for the process)."""
    from weasyprint.css import computed_values, units
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    if getattr(line_break.strut, "_chapbook_original", None) is not None:
        return
    original = line_break.strut

    def strut(style):
        answer = style.__dict__.get(_KEPT)
        if answer is None:
            answer = original(style)
            setattr(style, _KEPT, answer)
        return answer

    strut._chapbook_original = original
    for module in (line_break, inline, units, computed_values):
        module.strut = strut
