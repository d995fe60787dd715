"""The Markdown dialect: markdown-it-py set up for the content format.

CommonMark plus GFM tables, strikethrough, footnotes and front matter from
mdit-py-plugins, and two small plugins of our own written as `plugin(md)`
functions: Pandoc fenced divs (`::: slide`, `::: {.callout title="..."}`,
nesting like Pandoc) and Pandoc citations (`[@key]`, `[see @key, p. 3; @other]`).
Raw HTML is off: it stays visible as text and is never rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# Typographic quotes by language: “double” and ‘single’ pairs.
QUOTES = {
    "en": "“”‘’", "nl": "“”‘’", "de": "„“‚‘", "fr": "«\u202f\u202f»‹\u202f\u202f›",
    "ru": "«»„“", "uk": "«»„“", "pl": "„”‚’", "it": "«»“”", "es": "«»“”", "cs": "„“‚‘",
    "el": "«»“”", "sv": "””’’", "da": "»«›‹",
}


def make_parser(lang: str = "en") -> MarkdownIt:
    """A fresh parser for one lecture; `lang` picks the typographic quotes."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "quotes": _quotes(lang)})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    # Let every URL through to our own checks, which refuse file: images and
    # unsafe links with a message, instead of markdown-it dropping them to text.
    md.validateLink = lambda url: True
    md.use(front_matter_plugin)
    md.use(footnote_plugin)
    md.use(fenced_div_plugin)
    md.use(citation_plugin)
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


# --- fenced divs ----------------------------------------------------------------

_OPEN = re.compile(r"^(:{3,})[ \t]*(\{[^}]*\}|[\w.-]+)[ \t]*:*[ \t]*$")
_CLOSE = re.compile(r"^(:{3,})[ \t]*$")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_ATTR = re.compile(r"""([.#][\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


@dataclass(frozen=True)
class DivAttrs:
    classes: tuple[str, ...]
    id: str
    attrs: dict[str, str]


def parse_div_attrs(spec: str) -> DivAttrs:
    """`slide` or `{.callout #intro title="Fun fact"}` into classes, id and attributes."""
    spec = spec.strip()
    if not spec.startswith("{"):
        return DivAttrs((spec,), "", {})
    classes, ident, attrs = [], "", {}
    for m in _ATTR.finditer(spec[1:-1]):
        if m.group(1):
            if m.group(1)[0] == ".":
                classes.append(m.group(1)[1:])
            else:
                ident = m.group(1)[1:]
        else:
            value = next(v for v in (m.group(3), m.group(4), m.group(5)) if v is not None)
            attrs[m.group(2)] = value
    return DivAttrs(tuple(classes), ident, attrs)


def fenced_div_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "fenced_div", _fenced_div, {"alt": ["paragraph"]})


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n]: state.eMarks[n]]


def _fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    opening = _OPEN.match(_line(state, start))
    if not opening:
        return False
    if silent:
        return True
    depth, line, closed, fence = 1, start, False, ""
    while line + 1 < end:
        line += 1
        if state.sCount[line] < state.blkIndent and state.bMarks[line] < state.eMarks[line]:
            break
        text = _line(state, line)
        code = _CODE_FENCE.match(text)
        if fence:  # inside a code block only its closing fence counts
            if code and code.group(1)[0] == fence[0] and len(code.group(1)) >= len(fence) \
                    and not code.group(2).strip():
                fence = ""
            continue
        if code:
            fence = code.group(1)
            continue
        if _OPEN.match(text):
            depth += 1
        elif _CLOSE.match(text):
            depth -= 1
            if depth == 0:
                closed = True
                break
    content_end = line if closed else line + 1

    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "fenced_div"  # type: ignore[assignment]
    state.lineMax = content_end
    token = state.push("div_open", "div", 1)
    token.markup = opening.group(1)
    token.info = opening.group(2)
    token.meta = {"closed": closed}
    token.map = [start, content_end]
    token.block = True
    state.md.block.tokenize(state, start + 1, content_end)
    token = state.push("div_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = content_end + (1 if closed else 0)
    return True


# --- citations ------------------------------------------------------------------

_CITE = re.compile(r"\[([^\[\]]*?-?@[^\[\]]+)\]")
_CITE_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>[\w][\w:.#$%&\-+?<>~/]*?)"
                        r"(?P<locator>[,\s].*)?$", re.S)


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str
    locator: str
    suppress_author: bool = False


def citation_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "citation", _citation)


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
