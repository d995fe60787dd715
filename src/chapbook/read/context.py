"""The reading context: what block converters use while turning tokens into records.

One per lecture: it renders inline text (collecting footnotes, citations, key terms
and internal links on the way), numbers figures, tables and callouts in reading
order, and dispatches each node to its block module. Errors name the line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup

from chapbook.blocks import BY_DIV, BY_NODE, Block, div
from chapbook.blocks.figurerow import figure_grid
from chapbook.blocks.table import attach_captions
from chapbook.errors import ContentError, Finding
from chapbook.model.document import Meta
from chapbook.read.directives import convert as convert_directive
from chapbook.read.directives import directive
from chapbook.read.inline import InlineText, node_line
from chapbook.read.markdown import parse_div_attrs

STRUCTURAL_DIVS = ("slide", "notes")  # handled by `structure`, at a section's top level
RESERVED_IDS = ("intro", "index", "sources", "contents", "cover")  # the booklet's own


@dataclass
class ReadContext:
    meta: Meta
    source: Path
    root: Path
    typeset: Callable[[str], str]
    md: object = None  # the lecture's markdown-it parser, to read fragments
    text: InlineText = field(init=False)
    counters: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    anchors_used: set[str] = field(default_factory=lambda: set(RESERVED_IDS))

    def __post_init__(self) -> None:
        self.text = InlineText(self.meta, self.source, self.root, self.warn)

    def inline(self, node: SyntaxTreeNode, *, terms: bool) -> tuple[Markup, str]:
        return self.text.render(node, terms=terms)

    def inline_source(self, source: str, line: int, *, terms: bool) -> tuple[Markup, str]:
        """(html, text) of a fragment of Markdown found inside something markdown-it took
        whole (text after a comment in a raw HTML block)."""
        tokens = self.md.parseInline(source, {})
        for token in tokens:
            token.map = [line - 1, line]
        return self.inline(SyntaxTreeNode(tokens).children[0], terms=terms)

    def parse_blocks(self, source: str, first_line: int, *, numbered: bool,
                     terms: bool) -> tuple[Block, ...]:
        """The blocks of a fragment of Markdown (a MyST directive's body), its lines
        counted from `first_line`."""
        tokens = self.md.parse(source, {})
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + first_line - 1, token.map[1] + first_line - 1]
        return self.blocks(SyntaxTreeNode(tokens).children, numbered=numbered, terms=terms)

    def blocks(self, nodes, *, numbered: bool, terms: bool) -> tuple[Block, ...]:
        """The records of `nodes`; a `Table: ...` paragraph beside a table is its caption."""
        out = []
        for node in nodes:
            block = self.block(node, numbered=numbered, terms=terms)
            if block is not None:
                out.append(block)
        return attach_captions(out)

    def block(self, node: SyntaxTreeNode, *, numbered: bool, terms: bool) -> Block | None:
        if node.type == "div":
            return self.div(node, numbered=numbered, terms=terms)
        if node.type == "fence" and (named := directive(node)) is not None:
            return convert_directive(node, self, *named, numbered=numbered, terms=terms)
        module = BY_NODE.get(node.type)
        if module is None:
            raise self.error(node, f"unsupported Markdown construct ({node.type})")
        return module.convert(node, self, numbered=numbered, terms=terms)

    def div(self, node: SyntaxTreeNode, *, numbered: bool, terms: bool) -> Block:
        self.check_closed(node)
        attrs = parse_div_attrs(node.nester_tokens.opening.info)
        for name in attrs.classes:
            if name in BY_DIV:
                return BY_DIV[name].convert(node, self, numbered=numbered, terms=terms,
                                            attrs=attrs)
        if attrs.classes and attrs.classes[0] in STRUCTURAL_DIVS:
            self.warn(self.line(node), f"`::: {attrs.classes[0]}` belongs at the top level of "
                      "a section, not inside another block: its content is shown as it stands")
            return div.make(attrs, self.blocks(node.children, numbered=numbered, terms=terms),
                            self.line(node))
        if "layout-ncol" in attrs.attrs or "layout-nrow" in attrs.attrs:
            return figure_grid(node, self, numbered=numbered, terms=terms)
        return div.convert(node, self, numbered=numbered, terms=terms, attrs=attrs)

    def warn(self, line: int | None, message: str) -> None:
        """Something read but approximated: the author should know (a path:line warning)."""
        self.findings.append(Finding(self.source, line, message))

    def claim_anchor(self, name: str) -> str:
        """`name`, or `name-1`, `name-2`... when a heading before took it (as Pandoc does)."""
        candidate, n = name, 0
        while candidate in self.anchors_used:
            n += 1
            candidate = f"{name}-{n}"
        self.anchors_used.add(candidate)
        return candidate

    def number(self, counter: str) -> int:
        """The next number of a figure, table or callout, in reading order."""
        self.counters[counter] += 1
        return self.counters[counter]

    def line(self, node: SyntaxTreeNode | None) -> int:
        return node_line(node)

    def error(self, node: SyntaxTreeNode, message: str) -> ContentError:
        return ContentError(message, self.source, self.line(node))

    def check_closed(self, node: SyntaxTreeNode) -> None:
        if not node.nester_tokens.opening.meta.get("closed", True):
            raise self.error(node, "this `:::` block is never closed; add a `:::` line after it")
