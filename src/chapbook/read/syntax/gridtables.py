"""Pandoc's grid tables, which CommonMark and GFM lack:

    +-----------+--------+
    | Syntax    | Output |
    +===========+========+
    | `# Head`  | a head |
    +-----------+--------+

A block rule that turns one into the same table tokens a pipe table gives, so the
table block module reads both. A cell's lines are joined (its Markdown is read as
inline text); alignment comes from colons in the header's separator, as in Pandoc.
"""

from __future__ import annotations

import itertools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_BORDER = re.compile(r"^\+(?:[-=:]+\+)+\s*$")
_ROW = re.compile(r"^\|.*\|\s*$")


def grid_table_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "grid_table", _grid_table, {"alt": ["paragraph"]})


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n]: state.eMarks[n]]


def _grid_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _line(state, start)
    if not _BORDER.match(first) or "=" in first:
        return False
    cuts = [i for i, c in enumerate(first) if c == "+"]
    line, rows, header_rows, current = start + 1, [], None, []
    while line < end:
        text = _line(state, line)
        if _BORDER.match(text):
            if current:
                rows.append(_cells(current, cuts))
                current = []
            if "=" in text and header_rows is None:
                header_rows = len(rows)
                aligns = _aligns(text, cuts)
            line += 1
            if line >= end or not (_ROW.match(_line(state, line)) or
                                   _BORDER.match(_line(state, line))):
                break
            continue
        if not _ROW.match(text):
            return False
        current.append(text)
        line += 1
    if not rows or current:
        return False
    if silent:
        return True
    _emit(state, rows, header_rows or 0, aligns if header_rows else [""] * len(rows[0]),
          start, line)
    state.line = line
    return True


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def _cells(lines: list[str], cuts: list[int]) -> list[str]:
    """Each cell's lines joined; a heading inside a cell (Pandoc reads cells as blocks)
    comes out bold."""
    cells = []
    for a, b in itertools.pairwise(cuts):
        parts = [ln[a + 1:b].strip() for ln in lines]
        parts = [f"**{m.group(1)}**" if (m := _HEADING.match(p)) else p for p in parts]
        cells.append(" ".join(p for p in parts if p))
    return cells


def _aligns(border: str, cuts: list[int]) -> list[str]:
    out = []
    for a, b in itertools.pairwise(cuts):
        seg = border[a + 1:b]
        left, right = seg.startswith(":"), seg.endswith(":")
        out.append("center" if left and right else "right" if right else
                   "left" if left else "")
    return out


def _emit(state: StateBlock, rows, header_rows: int, aligns, start: int, end: int) -> None:
    token = state.push("table_open", "table", 1)
    token.map = [start, end]
    for part, part_rows in (("thead", rows[:header_rows]), ("tbody", rows[header_rows:])):
        if not part_rows:
            continue
        state.push(f"{part}_open", part, 1)
        cell_tag = "th" if part == "thead" else "td"
        for row in part_rows:
            state.push("tr_open", "tr", 1)
            for cell, align in zip(row, aligns, strict=False):
                opening = state.push(f"{cell_tag}_open", cell_tag, 1)
                if align:
                    opening.attrs = {"style": f"text-align:{align}"}
                inline = state.push("inline", "", 0)
                inline.content = cell
                inline.map = [start, end]
                inline.children = []
                state.push(f"{cell_tag}_close", cell_tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)
