"""Inline Markdown to text: markdown-it inline nodes in, (safe HTML, plain text) out.

Footnotes are placed at their call (the booklet floats them to the foot of the
page), `[@key]` citations become author–date links to the sources, bold phrases
become key terms with anchors for the index, internal links are remembered for
checking, and spaces that must not break get no-break spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup, escape

from chapbook.errors import ContentError
from chapbook.model.document import KeyTerm, Meta
from chapbook.model.sources import Source
from chapbook.read.markdown import CiteItem

LONG_WORD = 60  # characters: longer than "Donaudampfschifffahrtsgesellschaftskapitän"
WORD_PIECE = 30
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD},}}")
_SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.I)
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_FRENCH_BEFORE = re.compile(r"[ \u00a0](?=[?!:;»])")
_FRENCH_AFTER = re.compile(r"(?<=«)[ \u00a0]")


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
    sources: dict[str, Source] = field(init=False)
    footnotes: dict[int, tuple[Markup, str]] = field(default_factory=dict)
    terms: dict[str, list] = field(default_factory=dict)
    cited: list[str] = field(default_factory=list)
    anchors: list[tuple[str, int]] = field(default_factory=list)  # internal links, for checking
    term_count: int = 0

    def __post_init__(self) -> None:
        self.sources = {s.key: s for s in self.meta.sources}

    def render(self, node: SyntaxTreeNode, *, terms: bool) -> tuple[Markup, str]:
        """(html, text) of an inline node; `terms`: bold phrases become index entries."""
        html: list[str] = []
        text: list[str] = []
        base = line = node_line(node)
        for child in node.children:
            h, t = self._inline_node(child, terms, line if child.type == "image" else base)
            html.append(h)
            text.append(t)
            if child.type in ("softbreak", "hardbreak"):
                line += 1
        return Markup("".join(html)), "".join(text).strip()

    def _inline_node(self, node: SyntaxTreeNode, terms: bool, line: int) -> tuple[str, str]:
        t = node.type
        if t == "text":
            missing = _UNDEFINED_NOTE.search(node.content)
            if missing:
                raise ContentError(f"footnote [^{missing.group(1)}] is never defined: add "
                                   f"`[^{missing.group(1)}]: its text` at the end of the file",
                                   self.source, line)
            content = self.finish_text(node.content)
            return breakable_html(content), content
        if t == "softbreak":
            return "\n", " "
        if t == "hardbreak":
            return "<br>", "\n"
        if t == "code_inline":
            return f"<code>{breakable_html(node.content)}</code>", node.content
        if t in ("em", "s", "strong"):
            inner = self.render(node, terms=terms)
            if t == "strong" and terms:
                return self._term(inner), inner[1]
            tag = {"em": "em", "s": "del", "strong": "strong"}[t]
            return f"<{tag}>{inner[0]}</{tag}>", inner[1]
        if t == "link":
            inner_html, inner_text = self.render(node, terms=terms)
            href = str(node.attrs.get("href", ""))
            if not _SAFE_LINK.match(href):
                return inner_html, inner_text
            if href.startswith("#"):
                self.anchors.append((href[1:], line))
            return f'<a href="{escape(href)}">{inner_html}</a>', inner_text
        if t == "image":
            raise ContentError("an image inside running text; put it in a paragraph of its own "
                               "to make it a figure", self.source, line)
        if t == "footnote_ref":
            note_html, _ = self.footnotes.get(node.meta["id"], (Markup(""), ""))
            return f'<span class="footnote">{note_html}</span>', ""
        if t == "citation":
            return self._citation(node.meta["items"], line + node.meta["line_offset"])
        if t == "footnote_anchor":
            return "", ""
        content = node.content if hasattr(node, "content") else ""
        return str(escape(content)), content

    def finish_text(self, text: str) -> str:
        """Spaces that must not break: inside numbers (1 200), and in French before
        ? ! : ; » and after «, where typography wants a narrow no-break space."""
        text = _THOUSANDS.sub("\u202f", text)
        if self.meta.lang.split("-")[0].lower() == "fr":
            text = _FRENCH_AFTER.sub("\u202f", _FRENCH_BEFORE.sub("\u202f", text))
        return text

    def _term(self, inner: tuple[Markup, str]) -> str:
        html, text = inner
        key = " ".join(text.split()).casefold()
        self.term_count += 1
        anchor = f"term-{self.term_count}"
        self.terms.setdefault(key, []).append((" ".join(text.split()), anchor))
        return f'<strong class="term" id="{anchor}">{html}</strong>'

    def _citation(self, items: list[CiteItem], line: int) -> tuple[str, str]:
        html_parts, text_parts = [], []
        for item in items:
            source = self.sources.get(item.key)
            if source is None:
                known = ", ".join(self.sources) or "none: add `sources:` to the front matter"
                raise ContentError(f"citation [@{item.key}] names no source (known keys: "
                                   f"{known})", self.source, line)
            self.cited.append(item.key)
            label = (source.year_text_in(self.meta.lang) if item.suppress_author
                     else source.label_in(self.meta.lang))
            extra = f", {item.locator}" if item.locator else ""
            prefix = f"{item.prefix} " if item.prefix else ""
            html_parts.append(f'{escape(prefix)}<a href="#ref-{escape(item.key)}">'
                              f"{escape(label)}</a>{escape(extra)}")
            text_parts.append(f"{prefix}{label}{extra}")
        return (f'<span class="citation">({"; ".join(html_parts)})</span>',
                f"({'; '.join(text_parts)})")

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
