"""The Markdown dialect: markdown-it-py set up to read what Pandoc, Quarto and MyST read.

CommonMark plus, from mdit-py-plugins: GFM tables, strikethrough, footnotes,
definition lists, task lists, `~sub~` and `^sup^`, `[text]{.class}` spans, TeX maths
(`$...$`, `$$...$$`, `\\(...\\)`, `\\[...\\]`, `\\begin{align}`), MyST roles
(`` {cite}`key` ``). Our own plugins (`chapbook.read.syntax`): Pandoc fenced divs,
attributes after headings and images, citations and cross-references, Quarto
shortcodes, Pandoc's grid tables. Raw HTML is parsed so that comments can be dropped
and a few harmless inline tags rendered (see `read.inline`); everything else stays
visible as text.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from mdit_py_plugins.texmath import texmath_plugin

from chapbook.read.syntax.attributes import attributes_plugin
from chapbook.read.syntax.citations import CiteItem, citation_plugin
from chapbook.read.syntax.divs import DivAttrs, fenced_div_plugin, parse_div_attrs
from chapbook.read.syntax.gridtables import grid_table_plugin
from chapbook.read.syntax.shortcodes import shortcode_plugin

# Typographic quotes by language: “double” and ‘single’ pairs.
QUOTES = {
    "en": "“”‘’", "nl": "“”‘’", "de": "„“‚‘", "fr": "«\u202f\u202f»‹\u202f\u202f›",
    "ru": "«»„“", "uk": "«»„“", "pl": "„”‚’", "it": "«»“”", "es": "«»“”", "cs": "„“‚‘",
    "el": "«»“”", "sv": "””’’", "da": "»«›‹",
}


def make_parser(lang: str = "en") -> MarkdownIt:
    """A fresh parser for one lecture; `lang` picks the typographic quotes."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": True, "quotes": _quotes(lang)})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    # Let every URL through to our own checks, which refuse file: images and
    # unsafe links with a message, instead of markdown-it dropping them to text.
    md.validateLink = lambda url: True
    for plugin in (front_matter_plugin, footnote_plugin, deflist_plugin, sub_plugin,
                   superscript_plugin, myst_role_plugin, amsmath_plugin, fenced_div_plugin,
                   citation_plugin, shortcode_plugin, attributes_plugin, grid_table_plugin):
        md.use(plugin)
    md.use(tasklists_plugin, enabled=False)
    md.use(attrs_plugin, spans=True)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    return md


def make_typographer(lang: str = "en"):
    """A function giving plain text typographic quotes and dashes, nothing else.

    For titles and captions, which are text, not Markdown: `*` and `[` stay as typed.
    """
    md = MarkdownIt("zero", {"typographer": True, "quotes": _quotes(lang)})
    md.enable(["replacements", "smartquotes"])

    def typeset(text: str) -> str:
        if not text:
            return text
        tokens = md.parseInline(text)
        return "".join(t.content if t.type == "text" else "\n"
                       for t in tokens[0].children or [])
    return typeset


def _quotes(lang: str):
    quotes = QUOTES.get(lang.split("-")[0].lower(), QUOTES["en"])
    if len(quotes) != 4:  # French quotes carry their own thin spaces
        quotes = ["«\u202f", "\u202f»", "‹\u202f", "\u202f›"]
    return quotes


__all__ = ["CiteItem", "DivAttrs", "make_parser", "make_typographer", "parse_div_attrs"]
