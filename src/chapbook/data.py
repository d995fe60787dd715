"""Tables of data a lecture keeps as CSV in its `data/` folder, for charts.

Cells are data, never formulas: nothing is evaluated, and text that a
spreadsheet would take for a formula is marked as text before it reaches the
deck's embedded workbook. Every problem names the CSV file and row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from chapbook.errors import ContentError

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class DataTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> int:
        return self.header.index(name)


def read_csv(path: Path, ref: str) -> DataTable:
    """Read a CSV file strictly: UTF-8, a header row, every row as wide as the header."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ContentError(f"larger than {MAX_CSV_BYTES // 2**20} MB; keep chart data small", path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes().count(b"\n", 0, exc.start) + 1
        raise ContentError("not UTF-8 text; save the CSV as UTF-8", path, line) from None
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ContentError(f"malformed CSV: {exc}", path, _csv_line(exc)) from None
    numbered = [(n, r) for n, r in enumerate(records, 1) if any(c.strip() for c in r)]
    if not numbered:
        raise ContentError(f"{ref} is empty; it needs a header row and data rows", path, 1)
    (_, header), body = numbered[0], numbered[1:]
    header = [h.strip() for h in header]
    if len(set(header)) != len(header) or not all(header):
        raise ContentError("the header row needs distinct, non-empty column names", path, 1)
    if len(body) > MAX_ROWS:
        raise ContentError(f"{len(body)} rows, more than {MAX_ROWS}: chart a summary", path)
    for number, row in body:
        if len(row) != len(header):
            raise ContentError(f"row {number} has {len(row)} cells but the header has "
                               f"{len(header)}; quote cells that contain commas", path, number)
    return DataTable(tuple(header), tuple(tuple(c.strip() for c in row) for _, row in body))


def _csv_line(exc: csv.Error) -> int | None:
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) if m else None


def as_number(cell: str) -> float | None:
    """`1 200`, `3,5` or `-2.25` as a number; None when the cell is not one."""
    cleaned = cell.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def as_date(cell: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        return None


def decimal_year(date: dt.date) -> float:
    """1935-07-12 -> 1935.53: where a date falls on a year axis."""
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days


def as_text(cell: str) -> str:
    """A cell as inert text: a leading = + - @ would make a spreadsheet evaluate it."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
