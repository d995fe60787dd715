"""Pandoc attributes after headings and images: `## Title {#id .unnumbered}`,
`![Alt](map.png){width=50% fig-alt="..."}`.

A core rule run right after inline parsing: the `{...}` is parsed (unquoted values
like `50%` allowed, as Pandoc does), set on the heading's or image's token, and
removed from the text, so it is never printed.
"""

from __future__ import annotations

import itertools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from chapbook.read.syntax.divs import parse_div_attrs

_TRAILING = re.compile(r"\s*(\{[^{}]*\})\s*$")
_LEADING = re.compile(r"^(\{[^{}]*\})")


def attributes_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "pandoc_attributes", _attributes)


def _attributes(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        if i and tokens[i - 1].type == "heading_open":
            _heading(tokens[i - 1], token)
        _images(token.children)
        token.children = _span_links(token.children)


def _heading(opening, inline) -> None:
    last = inline.children[-1]
    if last.type != "text":
        return
    m = _TRAILING.search(last.content)
    if not m:
        return
    _apply(opening, m.group(1))
    last.content = last.content[:m.start()]
    inline.content = _TRAILING.sub("", inline.content)


def _images(children) -> None:
    for image, after in itertools.pairwise(children):
        if image.type != "image" or after.type != "text":
            continue
        m = _LEADING.match(after.content)
        if m:
            _apply(image, m.group(1))
            after.content = after.content[m.end():]


_LINK_TAIL = re.compile(r"^\]\(([^()\s]+)\)")


def _span_links(children: list) -> list:
    """`[[text]{.button}](#target)`: markdown-it's span rule takes the inner brackets
    first and the link is lost; put the link back around the span."""
    out = list(children)
    i = 0
    while i < len(out):
        token = out[i]
        if token.type == "text" and token.content.endswith("[") and i + 1 < len(out) \
                and out[i + 1].type == "span_open":
            close = next((k for k in range(i + 1, len(out)) if out[k].type == "span_close"),
                         None)
            after = out[close + 1] if close is not None and close + 1 < len(out) else None
            m = _LINK_TAIL.match(after.content) if after is not None and \
                after.type == "text" else None
            if m:
                from markdown_it.token import Token

                token.content = token.content[:-1]
                opening = Token("link_open", "a", 1, attrs={"href": m.group(1)})
                closing = Token("link_close", "a", -1)
                after.content = after.content[m.end():]
                out[close + 1:close + 1] = [closing]
                out.insert(i + 1, opening)
                i = close + 2
        i += 1
    return out


def _apply(token, spec: str) -> None:
    spec = spec.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    attrs = parse_div_attrs(spec)
    if attrs.id:
        token.attrSet("id", attrs.id)
    if attrs.classes:
        token.attrSet("class", " ".join(attrs.classes))
    for key, value in attrs.attrs.items():
        token.attrSet(key, value)
    token.meta = {**(token.meta or {}), "attributes": True}
