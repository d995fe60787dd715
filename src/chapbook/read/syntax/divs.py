"""Pandoc fenced divs: `::: slide`, `::: {.callout title="..."}`, nesting like Pandoc,
and the attribute syntax they share with headings and images (`{#id .class key=value}`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_OPEN = re.compile(r"^(:{3,})[ \t]*(\{[^}]*\}|[\w.-]+)[ \t]*:*[ \t]*$")
_CLOSE = re.compile(r"^(:{3,})[ \t]*$")
# MyST's colon fence: `:::{admonition} A title`, a directive with its argument
_MYST_OPEN = re.compile(r"^(:{3,})[ \t]*\{([A-Za-z][\w:.-]*)\}[ \t]*(.*?)[ \t]*$")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
# An id may hold `:` and `.` as Pandoc's do (`{#fig:map}`, pandoc-crossref's); a class not.
_ATTR = re.compile(r"""(\.[\w-]+|#[\w:.-]*[\w-])|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


@dataclass(frozen=True)
class DivAttrs:
    """Pandoc attributes: `{#id .class .other key=value key2="quoted value"}`."""

    classes: tuple[str, ...]
    id: str
    attrs: dict[str, str]


def parse_div_attrs(spec: str) -> DivAttrs:
    """`slide` or `{.callout #intro title="Fun fact"}` into classes, id and attributes."""
    spec = spec.strip()
    if not spec.startswith("{"):
        return DivAttrs(tuple(spec.split()), "", {})
    if re.fullmatch(r"\{[\w:-]+\}.*", spec, re.S) and not spec.startswith("{."):
        name, _, rest = spec[1:].partition("}")  # MyST's `:::{note}`: a directive's name
        return DivAttrs((name.split(":")[-1], *rest.split()), "", {})
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
    opening = _MYST_OPEN.match(_line(state, start)) or _OPEN.match(_line(state, start))
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
        if _OPEN.match(text) or _MYST_OPEN.match(text):
            depth += 1
        elif _CLOSE.match(text):
            depth -= 1
            if depth == 0:
                closed = True
                break
    content_end = line if closed else line + 1
    if opening.re is _MYST_OPEN:
        if _is_directive(opening.group(2), opening.group(3)):
            _directive_fence(state, start, content_end, closed, opening)
            return True
        opening = _OPEN.match(_line(state, start))  # `:::{sidenote}`: a div

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




def _is_directive(name: str, argument: str) -> bool:
    """`:::{note}` and `:::{admonition} Title` are MyST directives; `:::{sidenote}` (a
    name MyST does not know, no argument) is read as the div `::: {.sidenote}`."""
    from chapbook.read.directives import KNOWN

    return name.lower() in KNOWN or ":" in name or bool(argument)


def _directive_fence(state: StateBlock, start: int, content_end: int, closed: bool,
                     opening: re.Match) -> None:
    """The colon fence as the backtick fence MyST makes it equal to (```` ```{note} ````):
    a `fence` token holding the body's lines, read by `read.directives`."""
    token = state.push("fence", "code", 0)
    token.info = f"{{{opening.group(2)}}} {opening.group(3)}".strip()
    token.content = state.getLines(start + 1, content_end, state.sCount[start], True)
    token.markup = opening.group(1)
    token.map = [start, content_end + (1 if closed else 0)]
    token.meta = {"closed": closed, "colon": True}
    state.line = content_end + (1 if closed else 0)
