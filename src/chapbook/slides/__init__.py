"""HTML slides: the deck's slides as shown, as one self-contained web page.

`place` puts each slide's parts in the boxes the theme gives them, `theme` turns the
theme's colours and fonts into CSS, `assets` inlines pictures and subsets of the
fonts, and `render` writes the page through `templates/slides/slides.html.j2` with
the runtime (`slides.css`, `slides.js`). See docs/design/html-slides.md.
"""

from chapbook.slides.render import render_slides_html

__all__ = ["render_slides_html"]
