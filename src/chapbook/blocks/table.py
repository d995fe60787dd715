"""Tables (GFM pipe tables): numbered in the booklet with the caption above, a native
table in the deck. A `Table: ...` (or `: ...`) paragraph next to a table is its caption,
as in Pandoc."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar

from markupsafe import Markup

from chapbook.limits import MAX_TABLE_ROWS
from chapbook.plan.schema import TableData
from chapbook.text.spacing import LONG_WORD, WORD_PIECE

KIND = "table"
NODES = ("table",)
DIVS: tuple[str, ...] = ()
_CAPTION = re.compile(r"^(?:Table)?:\s+(.*)$", re.S)
_ID = re.compile(r"\s*\{#([\w:-]+)[^}]*\}\s*$")
_BREAKS = re.compile(r"[\s\-\u2010-\u2014/]+")  # where a line may break without help
# Characters that surely fit side by side on the narrowest booklet line (half-letter,
# 9 pt cells): the longest word of each column, plus two a column for its padding.
TABLE_LINE = 48


@dataclass(frozen=True)
class Cell:
    html: Markup
    text: str
    align: str = ""


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = KIND
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption_html: Markup
    caption_text: str
    number: int | None
    id: str
    line: int

    @property
    def breaks_words(self) -> bool:
        """Whether cells may break inside a word (CSS `overflow-wrap: anywhere`): only
        where the longest words could not stand side by side on one line. Elsewhere the
        table is sized by whole words, and WeasyPrint does not measure every character
        of every cell as a place to break (a seventh of a long booklet's build)."""
        columns = list(zip(*(row for row in (self.header, *self.rows) if row), strict=False))
        widest = sum(max(_longest_word(cell.text) for cell in column) for column in columns)
        return (widest + 2 * len(columns) > TABLE_LINE
                or _longest_word(self.caption_text) > TABLE_LINE)


def convert(node, ctx, *, numbered: bool, terms: bool) -> Table:
    header: tuple[Cell, ...] = ()
    rows: list[tuple[Cell, ...]] = []
    for part in node.children:
        for tr in part.children:
            cells = tuple(_cell(c, ctx, terms) for c in tr.children)
            if part.type == "thead":
                header = cells
            else:
                rows.append(cells)
    if len(rows) > MAX_TABLE_ROWS:
        raise ctx.error(node, f"table of {len(rows)} rows: more than {MAX_TABLE_ROWS}; "
                        "keep long data in data/ and show a summary")
    number = ctx.number("table") if numbered else None
    line = ctx.line(node)
    return Table(header, tuple(rows), Markup(""), "", number,
                 f"tab-{number}" if number else f"table-{line}", line)


def _longest_word(text: str) -> int:
    """Characters of the longest run in `text` a line cannot break (a word of `LONG_WORD`
    or more is given a break every `WORD_PIECE`, see `inline.breakable_html`)."""
    longest = max(map(len, _BREAKS.split(text)), default=0)
    return WORD_PIECE if longest >= LONG_WORD else longest


def _cell(node, ctx, terms: bool) -> Cell:
    style = str(node.attrs.get("style", ""))
    align = style.removeprefix("text-align:").strip() if style else ""
    if not node.children:
        return Cell(Markup(""), "", align)
    html, text = ctx.inline(node.children[0], terms=terms)
    return Cell(html, text, align)


def attach_captions(blocks: list) -> tuple:
    """A `Table: ...` paragraph just before or after a table becomes its caption."""
    out: list = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        caption = _caption_of(block)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if caption and isinstance(nxt, Table) and not nxt.caption_text:
            out.append(_captioned(nxt, caption))
            i += 2
            continue
        if caption and out and isinstance(out[-1], Table) and not out[-1].caption_text:
            out[-1] = _captioned(out[-1], caption)
            i += 1
            continue
        out.append(block)
        i += 1
    return tuple(out)


def _captioned(table: Table, caption: tuple[Markup, str, str]) -> Table:
    html, text, ident = caption
    return replace(table, caption_html=html, caption_text=text, id=ident or table.id)


def _caption_of(block) -> tuple[Markup, str, str] | None:
    """(html, text, id) of a caption paragraph; Quarto's `{#tbl-x}` at its end is its id."""
    if getattr(block, "kind", "") != "paragraph":
        return None
    m = _CAPTION.match(block.text)
    if not m:
        return None
    html = re.sub(r"^(?:Table)?:\s+", "", str(block.html), count=1)
    text = m.group(1).strip()
    ident = _ID.search(text)
    if ident:
        text = text[:ident.start()].rstrip()
        html = _ID.sub("", html).rstrip()
    return Markup(html), text, ident.group(1) if ident else ""


def own_text(block: Table) -> str:
    return block.caption_text


def children(block: Table) -> tuple:
    return ()


def read_plan(element, reader) -> list:
    header = tuple(reader.text(c) for c in element.xpath("./thead/tr/th"))
    rows = tuple(tuple(reader.text(c) for c in tr.xpath("./td"))
                 for tr in element.xpath("./tbody/tr"))
    cells = element.xpath("./thead/tr/th") or element.xpath("./tbody/tr[1]/td")
    aligns = tuple(c.get("data-align", "") for c in cells)
    caption = element.find("caption")
    return [TableData(header, rows, aligns, reader.text(caption) if caption is not None else "")]
