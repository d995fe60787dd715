"""Tables of data a lecture keeps as CSV in its `data/` folder, for charts.

Cells are data, never formulas: nothing is evaluated, and text that a
spreadsheet would take for a formula is marked as text before it reaches the
deck's embedded workbook. Every problem names the CSV file and row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
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
    lines: tuple[int, ...] = ()  # the line of the CSV file each row starts on

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
    records = _records(text, path)
    numbered = [(n, r) for n, r in records if any(c.strip() for c in r)]
    if not numbered:
        raise ContentError(f"{ref} is empty; it needs a header row and data rows", path, 1)
    (header_line, header), body = numbered[0], numbered[1:]
    header = [h.strip() for h in header]
    if len(set(header)) != len(header) or not all(header):
        raise ContentError("the header row needs distinct, non-empty column names", path,
                           header_line)
    if len(body) > MAX_ROWS:
        raise ContentError(f"{len(body)} rows, more than {MAX_ROWS}: chart a summary", path)
    for number, row in body:
        if len(row) != len(header):
            raise ContentError(f"row {number} has {len(row)} cells but the header has "
                               f"{len(header)}; quote cells that contain commas", path, number)
    return DataTable(tuple(header), tuple(tuple(c.strip() for c in row) for _, row in body),
                     tuple(number for number, _ in body))


def _records(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """(line the record starts on, its cells) for every record, blank ones included.

    A malformed record is reported at the line it starts on (the reader's
    `line_num` before it), where a quote left open is to be found.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return records
        except csv.Error as exc:
            end = reader.line_num
            if "end of data" in str(exc):
                detail = "; a quote opened in this row is never closed"
                if end > start:
                    detail += f" (the file ends on line {end})"
            else:
                detail = f" (on line {end})" if end > start else ""
            raise ContentError(f"malformed CSV: {exc}{detail}", path, start) from None
        records.append((start, row))


MAX_MAGNITUDE = 1e15  # beyond this a chart axis (and a spreadsheet) loses precision
DATE_YEARS = (1, 9998)  # a timeline needs the year after the last date


def as_number(cell: str) -> float | None:
    """`1 200`, `3,5` or `-2.25` as a number; None when the cell is not one."""
    cleaned = cell.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def number_problem(value: float) -> str:
    """Why a number cannot be charted, or ''."""
    if not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        return "is too large to chart (at most 15 digits)"
    return ""


def as_date(cell: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        return None


def date_problem(date: dt.date) -> str:
    """Why a date cannot be placed on a timeline, or ''."""
    low, high = DATE_YEARS
    return "" if low <= date.year <= high else f"is outside the years {low} to {high}"


def decimal_year(date: dt.date) -> float:
    """1935-07-12 -> 1935.53: where a date falls on a year axis."""
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days
