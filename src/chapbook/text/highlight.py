"""Code highlighting with Pygments: class-marked HTML for the booklet, coloured runs for the deck.

Both outputs come from the same tokens, so a listing reads the same on paper and on a slide.
What goes in is the code of a fenced block as written; what comes out keeps every character and
every line of it, with two normalisations that both outputs need: line ends become `\\n` and
one final line end is dropped (a fence's content always ends with one), and tabs become spaces
to the next multiple of four columns (PowerPoint has no tab width for code, and a tab stop an
inch wide would scatter a listing).

Language names are read as authors write fences (`python`, `{python}` in Quarto and R Markdown,
`{.python}` and `{#id .python .numberLines}` in Pandoc, `{r, echo=FALSE}`); an unknown, empty
or plain one (`text`) gives escaped plain text, never an error.

The bundled style, `chapbook`, is for print on white: few colours, each at least 5.8:1 against
white (WCAG AA asks 4.5:1), so a light tint behind a listing keeps them readable; keywords are
also bold and comments italic, so a greyscale print still tells them apart.
"""

from __future__ import annotations

import re
from functools import cache

from markupsafe import Markup, escape
from pygments import lex
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.style import Style
from pygments.styles import get_style_by_name
from pygments.token import (
    STANDARD_TYPES,
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    Token,
    _TokenType,
)
from pygments.util import ClassNotFound

TAB_WIDTH = 4
CLASS_PREFIX = "hl-"
PLAIN = {"", "text", "txt", "plain", "plaintext", "none", "output", "default"}
ALIASES = {
    "js": "javascript", "sh": "bash", "shell": "bash", "zsh": "bash",
    "shell-session": "console", "py": "python", "python3": "python", "jl": "julia",
    "rscript": "r", "rmd": "r", "ts": "typescript", "yml": "yaml",
}


class ChapbookStyle(Style):
    """Print on white: dark, distinct hues, none below 5.8:1 contrast."""

    name = "chapbook"
    background_color = "#ffffff"
    highlight_color = "#fff3b0"
    styles = {  # noqa: RUF012 -- Pygments reads this class attribute
        Comment: "italic #5d6670",
        Comment.Preproc: "noitalic #6a3d9a",
        Keyword: "bold #1f4f8f",
        Keyword.Type: "nobold #1f4f8f",
        Operator.Word: "bold #1f4f8f",
        Name.Builtin: "#6a3d9a",
        Name.Builtin.Pseudo: "#6a3d9a",
        Name.Function: "#005a70",
        Name.Class: "bold #005a70",
        Name.Decorator: "#6a3d9a",
        Name.Exception: "#a4000f",
        Name.Namespace: "#005a70",
        Name.Tag: "bold #1f4f8f",
        Name.Attribute: "#8a4b00",
        Name.Variable: "#6a3d9a",
        String: "#1d6b2f",
        String.Escape: "#8a4b00",
        String.Interpol: "#8a4b00",
        String.Doc: "italic #1d6b2f",
        Number: "#8a4b00",
        Generic.Prompt: "bold #5d6670",
        Generic.Output: "#4a4a4a",
        Generic.Traceback: "#a4000f",
        Generic.Error: "#a4000f",
        Generic.Heading: "bold",
        Generic.Subheading: "bold",
        Generic.Inserted: "#1d6b2f",
        Generic.Deleted: "#a4000f",
        Generic.Emph: "italic",
        Generic.Strong: "bold",
        Error: "#a4000f",
    }


def language_name(fence_info: str) -> str | None:
    """The language a fence's info string names, as Pygments calls it (known to it or not);
    None for plain text."""
    info = fence_info.strip()
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1]
    words = [w for w in re.split(r"[\s,]+", info) if w and "=" not in w and not w.startswith("#")]
    classes = [w[1:] for w in words if w.startswith(".")]
    name = classes[0] if classes else (words[0] if words else "")
    name = name.lower()
    if name in PLAIN:
        return None
    return ALIASES.get(name, name)


def highlight_html(code: str, language: str) -> Markup:
    """The code as HTML spans with `hl-` classes (no inline styles), for inside `<pre><code>`.

    `language` is a fence's info string or a plain name; unknown languages give escaped text.
    """
    source = _prepare(code)
    lexer = _lexer(language)
    if lexer is None:
        return Markup(escape(source))
    html = "".join(
        f'<span class="{CLASS_PREFIX}{css}">{escape(text)}</span>' if css else str(escape(text))
        for text, css in _classed(_tokens(source, lexer))
    )
    return Markup(html)


def stylesheet(style_name: str = "chapbook", scope: str = ".code") -> str:
    """CSS colouring the classes `highlight_html` writes, inside elements matching `scope`."""
    formatter = HtmlFormatter(style=_style(style_name), classprefix=CLASS_PREFIX)
    rules = formatter.get_style_defs(scope).splitlines()
    # Only the token rules: the background, line numbers and highlighted lines are the page's.
    return "\n".join(r for r in rules if f" .{CLASS_PREFIX}" in r and ".linenos" not in r) + "\n"


def highlight_runs(code: str, language: str,
                   style_name: str = "chapbook") -> list[list[tuple[str, str | None]]]:
    """Per line of code, its (text, `RRGGBB` colour or None for the default) runs.

    An empty line is an empty list. Adjacent tokens of one colour are one run.
    """
    source = _prepare(code)
    lexer = _lexer(language)
    tokens = _tokens(source, lexer) if lexer is not None else [(Token.Text, source)]
    style = _style(style_name)
    lines: list[list[tuple[str, str | None]]] = [[]]
    for token_type, value in tokens:
        colour = _colour(style, token_type)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if not part:
                continue
            line = lines[-1]
            if line and line[-1][1] == colour:
                line[-1] = (line[-1][0] + part, colour)
            else:
                line.append((part, colour))
    return lines


def _prepare(code: str) -> str:
    text = code.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removesuffix("\n")
    return text.expandtabs(TAB_WIDTH)


def _lexer(language: str) -> Lexer | None:
    name = language_name(language)
    if name is None:
        return None
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False, stripall=False)
    except ClassNotFound:
        return None


def _tokens(source: str, lexer: Lexer) -> list[tuple[_TokenType, str]]:
    """The tokens of exactly `source`: lexed with a final line end, as session lexers
    (`console`, `pycon`) need to see their last line, which is then taken off again."""
    tokens = [(t, v) for t, v in lex(source + "\n", lexer) if v]
    if tokens and tokens[-1][1].endswith("\n"):
        token_type, value = tokens.pop()
        if value[:-1]:
            tokens.append((token_type, value[:-1]))
    return tokens


def _classed(tokens):
    """(text, css class or "") pairs, merging neighbours of one class."""
    previous_text, previous_css = "", ""
    for token_type, value in tokens:
        css = STANDARD_TYPES[_standard(token_type)]
        if css == previous_css:
            previous_text += value
            continue
        if previous_text:
            yield previous_text, previous_css
        previous_text, previous_css = value, css
    if previous_text:
        yield previous_text, previous_css


def _standard(token_type: _TokenType) -> _TokenType:
    """The nearest token type styles and stylesheets know (lexers may invent subtypes)."""
    while token_type not in STANDARD_TYPES:
        token_type = token_type.parent
    return token_type


@cache
def _style(name: str) -> type[Style]:
    return ChapbookStyle if name == ChapbookStyle.name else get_style_by_name(name)


def _colour(style: type[Style], token_type: _TokenType) -> str | None:
    colour = style.style_for_token(_standard(token_type))["color"]
    return colour.upper() if colour else None
