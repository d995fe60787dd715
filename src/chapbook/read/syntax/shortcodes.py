"""Quarto shortcodes: `{{< kbd Ctrl-C >}}`, `{{< meta title >}}`, `{{< pagebreak >}}`.

Parsed into `shortcode` tokens (name and arguments); what each means is decided
where text is rendered (`read.inline`), and one alone in a paragraph is a block
(`pagebreak`).
"""

from __future__ import annotations

import re
import shlex

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_SHORTCODE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)(?P<args>.*?)\s*>\}\}", re.S)


def shortcode_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "shortcode", _shortcode)


def _shortcode(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{<", state.pos):
        return False
    m = _SHORTCODE.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        token = state.push("shortcode", "", 0)
        try:
            args = shlex.split(m.group("args"))
        except ValueError:
            args = m.group("args").split()
        token.meta = {"name": m.group("name"), "args": args, "text": m.group(0),
                      "line_offset": state.src.count("\n", 0, state.pos)}
    state.pos = m.end()
    return True
