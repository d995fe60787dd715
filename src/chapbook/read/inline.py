"""Inline Markdown to text: markdown-it inline nodes in, (safe HTML, plain text) out.

Footnotes are placed at their call (the booklet floats them to the foot of the
page), citations and cross-references are resolved (`citing`), bold phrases
become key terms with anchors for the index (not run-in labels like "**Note:**"),
internal links are remembered for checking, maths is drawn (`inline_math`), a few
harmless HTML tags are kept (`inline_html`), and spaces that must not break get
no-break spaces. Whatever is approximated is reported through `warn`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup, escape

from chapbook.model.document import KeyTerm, Meta
from chapbook.read.citing import CITE_ROLES, Citer
from chapbook.read.inline_html import InlineHTML
from chapbook.read.syntax.citations import CiteItem
from chapbook.text.spacing import LONG_WORD, WORD_PIECE, no_break_spaces

_LONG_WORD = re.compile(rf"\S{{{LONG_WORD},}}")
_SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.I)
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
# TeX's text commands that Pandoc authors write in Markdown, and what they print.
TEX_TEXT = {"ldots": "…", "dots": "…", "LaTeX": "LaTeX", "TeX": "TeX", "quad": "\u2003",
            "qquad": "\u2003\u2003", "textasciitilde": "~", "textbackslash": "\\"}
_TEX_TEXT = re.compile(r"\\(" + "|".join(TEX_TEXT) + r")\b(?:\{\})?")
SPAN_CLASSES = {"smallcaps", "mark", "underline", "ul", "nocase", "kbd"}
TAGS = {"em": "em", "s": "del", "sub": "sub", "sup": "sup"}


def breakable_html(text: str) -> str:
    """`text` escaped, with a break opportunity (`<wbr>`) every 30 characters of a word
    longer than any real word (a URL, a hash, a pasted string): a line may break
    there, and layout stays linear instead of trying to hyphenate the whole."""
    out, last = [], 0
    for m in _LONG_WORD.finditer(text):
        out.append(escape(text[last:m.start()]))
        word = m.group()
        out.append(Markup("<wbr>").join(escape(word[i:i + WORD_PIECE])
                                        for i in range(0, len(word), WORD_PIECE)))
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(str(part) for part in out)


def node_line(node: SyntaxTreeNode | None) -> int:
    """The 1-based source line of a node, or of its nearest ancestor that has one."""
    while node is not None and not node.is_root:
        if node.map is not None:
            return node.map[0] + 1
        node = node.parent
    return 1


@dataclass
class InlineText:
    """Renders inline nodes for one lecture, collecting what it meets on the way."""

    meta: Meta
    source: Path
    root: Path | None = None
    warn: Callable[[int | None, str], None] = lambda line, message: None
    footnotes: dict[int, tuple[Markup, str]] = field(default_factory=dict)
    terms: dict[str, list] = field(default_factory=dict)
    anchors: list[tuple[str, int]] = field(default_factory=list)  # internal links, for checking
    term_count: int = 0
    citer: Citer = field(init=False)

    def __post_init__(self) -> None:
        self.citer = Citer.for_meta(self.meta, self.root, self.warn)

    @property
    def cited(self) -> list[str]:
        return self.citer.cited

    def render(self, node: SyntaxTreeNode, *, terms: bool) -> tuple[Markup, str]:
        """(html, text) of an inline node; `terms`: bold phrases become index entries."""
        html: list[str] = []
        text: list[str] = []
        raw = InlineHTML()
        base = line = node_line(node)
        children = node.children
        for i, child in enumerate(children):
            here = line if child.type in ("image", "text") else base
            h, t = self._node(child, terms and not _run_in_label(children, i), here, raw)
            html.append(h)
            text.append(t)
            if child.type in ("softbreak", "hardbreak"):
                line += 1
        html.append(raw.close())
        return Markup("".join(html)), "".join(text).strip()

    def _node(self, node: SyntaxTreeNode, terms: bool, line: int,
              raw: InlineHTML) -> tuple[str, str]:
        t = node.type
        handler = _HANDLERS.get(t)
        if handler is not None:
            return handler(self, node, terms, line)
        if t == "html_inline":
            return raw.render(node.content)
        content = node.content if hasattr(node, "content") else ""
        return str(escape(content)), content

    # -- text -------------------------------------------------------------------------------

    def _text(self, node, terms, line) -> tuple[str, str]:
        missing = _UNDEFINED_NOTE.search(node.content)
        if missing:
            self.warn(line, f"footnote [^{missing.group(1)}] is never defined: add "
                      f"`[^{missing.group(1)}]: its text` at the end of the file")
        content = self.finish_text(node.content)
        return breakable_html(content), content

    def finish_text(self, text: str) -> str:
        """Spaces that must not break: inside numbers (1 200), and in French before
        ? ! : ; » and after «, where typography wants a narrow no-break space."""
        text = _TEX_TEXT.sub(lambda m: TEX_TEXT[m.group(1)], text)
        return no_break_spaces(text, self.meta.lang)

    def _styled(self, node, terms, line) -> tuple[str, str]:
        """Emphasis, strike-through, sub- and superscript; bold may be a key term."""
        inner = self.render(node, terms=terms)
        if node.type == "strong":
            return (self._term(inner) if terms else f"<strong>{inner[0]}</strong>"), inner[1]
        tag = TAGS[node.type]
        return f"<{tag}>{inner[0]}</{tag}>", inner[1]

    def _span(self, node, terms, line) -> tuple[str, str]:
        """`[text]{.smallcaps}`, `[text]{.mark}`: known classes kept; other spans are text."""
        inner = self.render(node, terms=terms)
        classes = [c for c in str(node.attrs.get("class", "")).split() if c in SPAN_CLASSES]
        if not classes:
            return str(inner[0]), inner[1]
        return f'<span class="{" ".join(classes)}">{inner[0]}</span>', inner[1]

    def _code(self, node, terms, line) -> tuple[str, str]:
        fmt = (node.meta or {}).get("raw")
        if fmt is not None:
            return self._raw(fmt, node.content, line)
        return f"<code>{breakable_html(node.content)}</code>", node.content

    def _raw(self, fmt: str, content: str, line: int) -> tuple[str, str]:
        """Pandoc's raw inline outside its format, as `blocks.code.raw_block` reads a raw
        block: HTML is its text, Markdown its text, anything else (TeX) is left out."""
        from chapbook.blocks.code import HTML_FORMATS, MARKDOWN_FORMATS, TEX_FORMATS

        if fmt in MARKDOWN_FORMATS:
            return str(escape(content)), content
        if fmt in HTML_FORMATS:
            import lxml.html

            text = lxml.html.fragment_fromstring(content, create_parent="span").text_content()
            self.warn(line, f"raw HTML {content[:30]!r}: chapbook shows its text, not its tags")
            return str(escape(text)), text
        self.warn(line, f"raw {fmt} {content[:40]!r} only means something to "
                  f"{'LaTeX' if fmt in TEX_FORMATS else fmt}: "
                  "left out")
        return "", ""

    def _break(self, node, terms, line) -> tuple[str, str]:
        return ("<br>", "\n") if node.type == "hardbreak" else ("\n", " ")

    # -- links, images, notes, citations --------------------------------------------------

    def _link(self, node, terms, line) -> tuple[str, str]:
        inner_html, inner_text = self.render(node, terms=terms)
        href = str(node.attrs.get("href", ""))
        if not _SAFE_LINK.match(href):
            return str(inner_html), inner_text
        if href.startswith("#"):
            self.anchors.append((href[1:], line))
        return f'<a href="{escape(href)}">{inner_html}</a>', inner_text

    def _image(self, node, terms, line) -> tuple[str, str]:
        """An image inside running text stays inline (a small picture), as in Pandoc."""
        from chapbook.blocks.figure import inline_image

        return inline_image(node, self, line)

    def _footnote(self, node, terms, line) -> tuple[str, str]:
        if node.type == "footnote_anchor":
            return "", ""
        note_html, _ = self.footnotes.get(node.meta["id"], (Markup(""), ""))
        return f'<span class="footnote">{note_html}</span>', ""

    def _citation(self, node, terms, line) -> tuple[str, str]:
        return self.citer.cite(node.meta["items"], line + node.meta["line_offset"],
                               intext=node.meta.get("intext", False))

    def _crossref(self, node, terms, line) -> tuple[str, str]:
        return self.citer.crossref(node.meta["target"], line + node.meta["line_offset"])

    def _math(self, node, terms, line) -> tuple[str, str]:
        from chapbook.maths.html import math_html  # the maths package loads only for maths

        return math_html(node.content, node.type == "math_inline_double", line, self.warn)

    def _shortcode(self, node, terms, line) -> tuple[str, str]:
        from chapbook.read.inline_extras import shortcode

        return shortcode(node.meta, self.meta, line + node.meta["line_offset"], self.warn)

    def _role(self, node, terms, line) -> tuple[str, str]:
        """MyST roles: {cite}, {numref}/{ref}, {math}, {sub}/{sup}/{abbr}; others as text."""
        name, content = node.meta.get("name", ""), node.content
        if name in CITE_ROLES:
            items = [CiteItem(k.strip(), "", "") for k in content.split(",") if k.strip()]
            return self.citer.cite(items, line, intext=name == "cite:t")
        if name in ("numref", "ref", "eq", "numref:fig", "doc"):
            target = content.split("<")[-1].rstrip(">").strip()
            return self.citer.crossref(target, line)
        if name == "math":
            from chapbook.maths.html import math_html

            return math_html(content, False, line, self.warn)
        if name in ("sub", "sup", "kbd", "abbr"):
            tag = name if name != "abbr" else "abbr"
            return f"<{tag}>{escape(content)}</{tag}>", content
        self.warn(line, f"MyST role {{{name}}} is not supported: its text is shown as is")
        return str(escape(content)), content

    # -- key terms, footnotes ------------------------------------------------------------------

    def _term(self, inner: tuple[Markup, str]) -> str:
        html, text = inner
        key = " ".join(text.split()).casefold()
        self.term_count += 1
        anchor = f"term-{self.term_count}"
        self.terms.setdefault(key, []).append((" ".join(text.split()), anchor))
        return f'<strong class="term" id="{anchor}">{html}</strong>'

    def collect_footnotes(self, block: SyntaxTreeNode) -> None:
        for note in block.children:
            html_parts, text_parts = [], []
            for child in note.children:
                if child.type == "paragraph":
                    h, t = self.render(child.children[0], terms=False)
                    html_parts.append(str(h))
                    text_parts.append(t)
            self.footnotes[note.meta["id"]] = (Markup(" ".join(html_parts)), " ".join(text_parts))

    def key_terms(self) -> tuple[KeyTerm, ...]:
        terms = [KeyTerm(occ[0][0], tuple(a for _, a in occ)) for occ in self.terms.values()]
        return tuple(sorted(terms, key=lambda t: t.sort_key))


def _run_in_label(children, i: int) -> bool:
    """A bold phrase that opens a paragraph and ends with a colon is a run-in label
    ("**Part c:** ..."), not a key term."""
    node = children[i]
    if node.type != "strong" or any(c.type != "text" or c.content.strip()
                                    for c in children[:i]):
        return False
    inside = "".join(c.content for c in node.children if c.type == "text").rstrip()
    after = children[i + 1].content if i + 1 < len(children) and \
        children[i + 1].type == "text" else ""
    return inside.endswith(":") or after.lstrip().startswith(":")


_HANDLERS = {
    "text": InlineText._text,
    "softbreak": InlineText._break, "hardbreak": InlineText._break,
    "code_inline": InlineText._code,
    "em": InlineText._styled, "s": InlineText._styled, "strong": InlineText._styled,
    "sub": InlineText._styled, "sup": InlineText._styled,
    "span": InlineText._span,
    "link": InlineText._link,
    "image": InlineText._image,
    "footnote_ref": InlineText._footnote, "footnote_anchor": InlineText._footnote,
    "citation": InlineText._citation,
    "crossref": InlineText._crossref,
    "math_inline": InlineText._math, "math_inline_double": InlineText._math,
    "shortcode": InlineText._shortcode,
    "myst_role": InlineText._role,
}
