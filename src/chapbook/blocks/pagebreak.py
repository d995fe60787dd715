"""Page breaks: Quarto's `{{< pagebreak >}}`, or `\\newpage` alone in a paragraph. A new
page in the booklet; nothing on the slides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

KIND = "pagebreak"
NODES: tuple[str, ...] = ()  # made by `paragraph`
DIVS: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageBreak:
    kind: ClassVar[str] = KIND
    line: int


def own_text(block: PageBreak) -> str:
    return ""


def children(block: PageBreak) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    return []
