"""What cross-references can point at, known before the text that refers to them is read.

Quarto's `@fig-map` may come before the figure, so one walk over the token tree
first numbers, in reading order and by the converters' own rules (nothing inside a
`::: slide` or `::: notes` block is numbered), every figure, chart, table, section
and labelled equation that has an id, and gives each its label: "Figure 2",
"Table 1", "Section 3", "Equation (1)".
"""

from __future__ import annotations

import re
from collections import Counter

from markdown_it.tree import SyntaxTreeNode

from chapbook.blocks.figure import lone_images
from chapbook.read.syntax.divs import parse_div_attrs

_CAPTION_ID = re.compile(r"\{#([\w:-]+)[^}]*\}\s*$")
_DIRECTIVE_NAME = re.compile(r"^:name:\s*(\S+)", re.M)


def crossref_targets(body: list[SyntaxTreeNode], section_level: int,
                     labels: dict[str, str]) -> dict[str, str]:
    walker = _Walker(section_level, labels)
    walker.visit_all(body, numbered=True)
    return walker.targets


class _Walker:
    def __init__(self, section_level: int, labels: dict[str, str]):
        self.level = section_level
        self.labels = labels
        self.counters: Counter = Counter()
        self.targets: dict[str, str] = {}

    def number(self, counter: str, ident: str, label: str) -> None:
        self.counters[counter] += 1
        if ident:
            n = self.counters[counter]
            self.targets[ident] = f"{label} ({n})" if counter == "equation" else f"{label} {n}"

    def visit_all(self, nodes, *, numbered: bool) -> None:
        previous = None
        for node in nodes:
            if node.type != "inline":
                self.visit(node, previous, numbered=numbered)
                previous = node

    def visit(self, node: SyntaxTreeNode, previous, *, numbered: bool) -> None:
        kind = node.type
        if kind == "div":
            numbered = self._div(node, numbered)
        elif kind == "heading" and int(node.tag[1]) <= self.level:
            self.number("section", str(node.attrs.get("id") or ""), self.labels["section"])
        elif kind == "paragraph" and numbered:
            for image in lone_images(node.children[0]) if node.children else []:
                self.number("figure", str(image.attrs.get("id") or ""), self.labels["figure"])
            self._caption(node, previous)
        elif kind == "table" and numbered:
            self.number("table", _caption_id(previous), self.labels["table"])
        elif kind == "math_block_label" and numbered:
            self.number("equation", node.info, self.labels["equation"])
        elif kind == "fence" and numbered and (node.info or "").startswith("{figure}"):
            m = _DIRECTIVE_NAME.search(node.content)
            self.number("figure", m.group(1) if m else "", self.labels["figure"])
        self.visit_all(node.children, numbered=numbered)

    def _div(self, node: SyntaxTreeNode, numbered: bool) -> bool:
        attrs = parse_div_attrs(node.nester_tokens.opening.info)
        if "slide" in attrs.classes or "notes" in attrs.classes:
            return False
        if "chart" in attrs.classes and numbered:
            self.number("figure", attrs.id, self.labels["figure"])
        return numbered

    def _caption(self, node: SyntaxTreeNode, previous) -> None:
        """A caption after its table names the table just counted."""
        if previous is not None and previous.type == "table" and (ident := _caption_id(node)):
            self.targets[ident] = f"{self.labels['table']} {self.counters['table']}"


def _caption_id(node) -> str:
    """The id a table caption paragraph (`: Caption {#tbl-x}`) gives, if it is one."""
    if node is None or node.type != "paragraph" or not node.children:
        return ""
    text = node.children[0].content.lstrip()
    m = _CAPTION_ID.search(text)
    return m.group(1) if m and text.startswith((":", "Table:")) else ""
