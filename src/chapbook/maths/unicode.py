"""Inline maths as Unicode text, for slides: `$x^2 \\leq \\alpha$` -> x² ≤ α.

A slide's text is runs of characters (python-pptx, the HTML slides' boxes, the fitting
measure), so a formula inside a paragraph is approximated as the text a typist would
write: Greek letters and operators as their characters, digits and simple letters raised
or lowered with Unicode's super- and subscripts (else `^(...)`), `\\frac{a}{b}` as a/b,
`\\sqrt{x}` as √x, and variables (single Latin letters) in italic. Symbols this module
does not name go to pylatexenc's table (`\\mathbb{R}` is ℝ); a command nobody knows keeps
its name. The booklet keeps the drawn formula.
"""

from __future__ import annotations

import re
from functools import cache

Piece = tuple[str, bool]  # (text, italic)

SUPERSCRIPT = dict(zip("0123456789+-=()niaeoxhjklmprstuvwyz",
                       "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵉᵒˣʰʲᵏˡᵐᵖʳˢᵗᵘᵛʷʸᶻ", strict=True))
SUBSCRIPT = dict(zip("0123456789+-=()aeoxhklmnpstij",
                     "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", strict=True))
SYMBOLS = {
    "times": "×", "cdot": "·", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠",
    "ne": "≠", "pm": "±", "mp": "∓", "infty": "∞", "sum": "∑", "prod": "∏", "int": "∫",
    "approx": "≈", "equiv": "≡", "sim": "∼", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "Leftrightarrow": "⇔", "in": "∈", "notin": "∉",
    "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "partial": "∂", "nabla": "∇",
    "forall": "∀", "exists": "∃", "ldots": "…", "cdots": "⋯", "dots": "…", "div": "÷",
    "propto": "∝", "degree": "°", "circ": "∘", "ll": "≪", "gg": "≫", "emptyset": "∅",
    "lbrace": "{", "rbrace": "}", "{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#",
    "_": "_", "|": "‖", "langle": "⟨", "rangle": "⟩", "prime": "′",
}
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω",
}
RELATIONS = set("=<>≤≥≠≈≡∼→←⇒⇔∈∉⊂⊆∝≪≫")
BINARY = set("+-×·±∓÷∪∩∘−")
FUNCTIONS = {"sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "max",
             "min", "sup", "inf", "det", "arg", "deg", "dim", "gcd", "arcsin", "arccos",
             "arctan", "sinh", "cosh", "tanh", "Pr"}
UPRIGHT = {"text", "mathrm", "textrm", "operatorname", "textup", "mbox", "textnormal"}
TRANSPARENT = {"mathbf", "boldsymbol", "mathit", "textit", "textbf", "bm", "displaystyle",
               "mathsf", "mathtt", "texttt", "emph"}
DROPPED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
           "limits", "nolimits", "displaystyle", "textstyle", "label", "nonumber", "notag"}
SPACES = {",": " ", ";": " ", ":": " ", " ": " ", "quad": " ", "qquad": "  ", "!": ""}
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.S)


def tex_to_unicode(tex: str) -> list[Piece]:
    """The formula as text pieces, `italic` for variables."""
    return _spaced(_Converter(list(_TOKEN.finditer(tex))).run())


def tex_to_text(tex: str) -> str:
    return "".join(text for text, _ in tex_to_unicode(tex))


class _Converter:
    def __init__(self, tokens: list[re.Match]):
        self.tokens = tokens
        self.i = 0

    def run(self, stop: str | None = None) -> list[Piece]:
        out: list[Piece] = []
        while self.i < len(self.tokens):
            m = self.tokens[self.i]
            if stop and m.group(2) == stop:
                self.i += 1
                return out
            self.i += 1
            out.extend(self.token(m))
        return out

    def argument(self) -> list[Piece]:
        """The next `{group}` or single token (spaces skipped)."""
        while self.i < len(self.tokens) and self.tokens[self.i].group(3):
            self.i += 1
        if self.i >= len(self.tokens):
            return []
        m = self.tokens[self.i]
        self.i += 1
        if m.group(2) == "{":
            return self.run("}")
        return self.token(m)

    def raw_group(self) -> str:
        """The source of the next `{group}`, unread (for `\\text{...}`)."""
        depth, out = 0, []
        while self.i < len(self.tokens):
            m = self.tokens[self.i]
            self.i += 1
            if m.group(2) == "{":
                depth += 1
                if depth == 1:
                    continue
            elif m.group(2) == "}":
                depth -= 1
                if depth == 0:
                    break
            elif depth == 0 and not m.group(3):
                return m.group(0)
            out.append(m.group(0))
        return "".join(out)

    def token(self, m: re.Match) -> list[Piece]:
        command, special, space, char = m.groups()
        if space:
            return []
        if special == "{":
            return self.run("}")
        if special == "}":
            return []
        if special in ("^", "_"):
            return _script(self.argument(), SUPERSCRIPT if special == "^" else SUBSCRIPT,
                           special)
        if command is not None:
            return self.command(command)
        if char == "'":
            return [("′", False)]
        if char == ",":
            return [(", ", False)]
        if char == "&":  # between a matrix's or an alignment's cells
            return [(" ", False)]
        if char == "-":
            return [("−", False)]
        return [(char, char.isascii() and char.isalpha())]

    def command(self, name: str) -> list[Piece]:
        if name in SPACES:
            return [(SPACES[name], False)] if SPACES[name] else []
        if name in GREEK:
            return [(GREEK[name], name[0].islower())]
        if name in SYMBOLS:
            return [(SYMBOLS[name], False)]
        if name in FUNCTIONS:
            return [(name, False), (" ", False)]
        if name in ("begin", "end"):  # an environment's name means nothing as text
            self.raw_group()
            return []
        if name == "\\":  # a row of a matrix or an alignment
            return [("; ", False)]
        if name in DROPPED:
            if name in ("label",):
                self.argument()
            return []
        if name in UPRIGHT:
            return [(_text(self.raw_group()), False)]
        if name in TRANSPARENT:
            return self.argument()
        if name in ("frac", "dfrac", "tfrac"):
            top, bottom = self.argument(), self.argument()
            return [*_grouped(top), ("/", False), *_grouped(bottom)]
        if name == "sqrt":
            index: list[Piece] = []
            if self.i < len(self.tokens) and self.tokens[self.i].group(4) == "[":
                self.i += 1
                while self.i < len(self.tokens) and self.tokens[self.i].group(4) != "]":
                    index.extend(self.token(self.tokens[self.i]))
                    self.i += 1
                self.i += 1
            degree = "".join(t for t, _ in index)
            sign = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(degree)
            lead = [(sign, False)] if sign else [*_script(index, SUPERSCRIPT, "^"), ("√", False)]
            return [*lead, *_grouped(self.argument())]
        return _fallback(name, self)


def _fallback(name: str, converter: _Converter) -> list[Piece]:
    """A command this module does not name: pylatexenc's character for it, if it knows one
    (`\\mathbb{R}`, `\\hat{x}`), else its name."""
    has_group = converter.i < len(converter.tokens) and converter.tokens[converter.i].group(2) \
        == "{"
    group = converter.raw_group() if has_group else ""
    text = _pylatexenc(f"\\{name}{{{group}}}" if has_group else f"\\{name}")
    if text.strip():
        return [(text, len(text) == 1 and text.isascii() and text.isalpha())]
    return [(name, False), *([(_text(group), False)] if group else [])]


@cache
def _pylatexenc(source: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        return LatexNodes2Text(math_mode="text").latex_to_text(source)
    except Exception:  # pylatexenc's own parse errors: keep the name instead
        return ""


def _text(source: str) -> str:
    """`\\text{if }`'s words, spaces as one (kept at the ends: they separate it)."""
    return re.sub(r"\s+", " ", source.replace("\\ ", " ").replace("~", " "))


def _script(pieces: list[Piece], table: dict[str, str], mark: str) -> list[Piece]:
    """`x^2` as x², `a_{ij}` as aᵢⱼ; what has no raised or lowered character as ^(...)."""
    pieces = [(t.strip(), i) for t, i in pieces if t.strip()]
    text = "".join(t for t, _ in pieces).replace("−", "-")
    if not text:
        return []
    if all(c in table for c in text):
        return [("".join(table[c] for c in text), False)]
    if len(text) == 1:
        return [(mark, False), *pieces]
    return [(mark + "(", False), *pieces, (")", False)]


def _grouped(pieces: list[Piece]) -> list[Piece]:
    """A fraction's part: in parentheses when it is more than one symbol."""
    text = "".join(t for t, _ in pieces).strip()
    if len(text) <= 1 or text.isalnum() or (text.startswith("(") and text.endswith(")")):
        return pieces
    return [("(", False), *pieces, (")", False)]


def _spaced(pieces: list[Piece]) -> list[Piece]:
    """Spaces around relations and binary operators, as TeX sets them (a leading − or +
    is a sign, not an operator)."""
    out: list[Piece] = []
    for text, italic in pieces:
        if not italic and text in RELATIONS | BINARY:
            before = "".join(t for t, _ in out).rstrip()
            unary = text in BINARY and (not before or before[-1] in "(" or
                                        before[-1] in RELATIONS | BINARY)
            if not unary:
                text = f" {text} "
        out.append((text, italic))
    text = "".join(t for t, _ in out)
    if not text.strip():
        return []
    result: list[Piece] = []
    for text, italic in out:  # collapse doubled spaces
        if result and result[-1][0].endswith(" ") and text.startswith(" "):
            text = text.lstrip()
        if text:
            result.append((text, italic))
    if result:
        result[0] = (result[0][0].lstrip(), result[0][1])
        result[-1] = (result[-1][0].rstrip(), result[-1][1])
    return _joined([p for p in result if p[0]])


def _joined(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for text, italic in pieces:
        if out and out[-1][1] == italic:
            out[-1] = (out[-1][0] + text, italic)
        elif text:
            out.append((text, italic))
    return out
