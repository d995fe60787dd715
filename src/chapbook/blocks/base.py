"""What a block module may use while converting: the reading context, as a protocol.

Block modules convert markdown-it nodes into model records without importing the
reading stage; `chapbook.read.context.ReadContext` is the implementation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from chapbook.errors import ContentError
    from chapbook.plan.schema import Content, Run


class Context(Protocol):
    """The reading stage, as block converters see it."""

    root: Path
    source: Path
    meta: Any

    def inline(self, node: SyntaxTreeNode, *, terms: bool) -> tuple[Markup, str]: ...
    def blocks(self, nodes, *, numbered: bool, terms: bool) -> tuple: ...
    def typeset(self, text: str) -> str: ...
    def number(self, counter: str) -> int: ...
    def line(self, node: SyntaxTreeNode) -> int: ...
    def error(self, node: SyntaxTreeNode, message: str) -> ContentError: ...
    def check_closed(self, node: SyntaxTreeNode) -> None: ...


class PlanReader(Protocol):
    """The slide-plan reader, as block modules' `read_plan` see it."""

    def runs(self, element, *, skip: tuple[str, ...] = ()) -> tuple[Run, ...]: ...
    def text(self, element) -> str: ...
    def contents(self, elements) -> list[Content]: ...
    def picture_source(self, src: str) -> str: ...
