"""The deck: a DeckPlan on a PowerPoint theme -> an editable .pptx.

The only package that imports python-pptx: `sanitize` cleans a template before
`theme` reads it (python-pptx never sees an unchecked one), `writer`
fills slides (with `text` and `chart`), `package` saves the file reproducibly.
"""

from chapbook.deck.package import save_pptx, xml_text
from chapbook.deck.theme import ThemeReport, check_theme, open_theme
from chapbook.deck.writer import compose_deck

__all__ = ["ThemeReport", "check_theme", "compose_deck", "open_theme", "save_pptx", "xml_text"]
