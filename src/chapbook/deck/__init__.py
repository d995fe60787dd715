"""The deck: a DeckPlan on a PowerPoint theme -> an editable .pptx.

The only package that imports python-pptx: `theme` reads templates, `writer`
fills slides.
"""

from chapbook.deck.theme import ThemeReport, check_theme, open_theme
from chapbook.deck.writer import compose_deck, save_pptx, xml_text

__all__ = ["ThemeReport", "check_theme", "compose_deck", "open_theme", "save_pptx", "xml_text"]
