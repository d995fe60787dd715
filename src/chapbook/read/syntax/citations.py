"""Pandoc citations: `[@key]`, `[see @key, p. 3; @other]`, `[-@key]`, and in running text
`@key` (author in the text) or `@key [p. 3]`; Quarto's cross-references `@fig-x`,
`@tbl-x`, `@sec-x`, `@eq-x` (and pandoc-crossref's `@fig:x`) are told apart by their
prefix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_CITE = re.compile(r"\[([^\[\]]*?-?@[^\[\]]+)\]")
_CITE_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>[\w][\w:.#$%&\-+?<>~/]*?)"
                        r"(?P<locator>[,\s].*)?$", re.S)


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str
    locator: str
    suppress_author: bool = False


# Quarto's `@fig-map`, and pandoc-crossref's `@fig:map`
CROSSREF_PREFIXES = tuple(f"{kind}{sep}" for kind in ("fig", "tbl", "sec", "eq", "lst")
                          for sep in "-:")
_INTEXT = re.compile(r"@(?P<key>[\w][\w:.#$%&\-+?<>~/]*)"
                     r"(?:[ \t]\[(?P<locator>[^\[\]@]*)\](?!\())?")


def citation_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "citation", _citation)
    md.inline.ruler.before("link", "intext_citation", _intext)


def _intext(state: StateInline, silent: bool) -> bool:
    """`@key` in running text: an author-in-text citation, or a Quarto cross-reference
    (`@fig-map`). Not after a letter, digit or dot: `j@example.org` is an address."""
    pos = state.pos
    if state.src[pos] != "@" or (pos > 0 and (state.src[pos - 1].isalnum()
                                              or state.src[pos - 1] in "._@-/")):
        return False
    m = _INTEXT.match(state.src, pos)
    if not m:
        return False
    key = m.group("key").rstrip(".,:;?!")
    end = m.start("key") + len(key) if key != m.group("key") else m.end()
    if not silent:
        line_offset = state.src.count("\n", 0, pos)
        if key.startswith(CROSSREF_PREFIXES):
            token = state.push("crossref", "", 0)
            token.meta = {"target": key, "line_offset": line_offset}
        else:
            token = state.push("citation", "", 0)
            locator = (m.group("locator") or "").strip() if end == m.end() else ""
            token.meta = {"items": [CiteItem(key, "", locator)], "intext": True,
                          "line_offset": line_offset}
    state.pos = end
    return True


def _citation(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    m = _CITE.match(state.src, state.pos)
    if not m:
        return False
    # A footnote reference or a link target is not a citation.
    after = state.src[m.end(): m.end() + 1]
    if after in ("(", "[", ":") or m.group(1).startswith("^"):
        return False
    items = []
    for part in m.group(1).split(";"):
        im = _CITE_ITEM.match(part.strip())
        if not im:
            return False
        prefix = im.group("prefix")
        if prefix and not prefix[-1].isspace():  # "j@example.org" is an address, not a key
            return False
        key = im.group("key").rstrip(".,:")
        locator = (im.group("locator") or "").strip().lstrip(",").strip()
        items.append(CiteItem(key, prefix.strip(), locator, bool(im.group("suppress"))))
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {
            "items": items,
            "line_offset": state.src.count("\n", 0, state.pos),
        }
    state.pos = m.end()
    return True
