"""Page geometry for each paper size the booklet can be printed on.

Margins follow book practice (narrow inner and head, wider outer and foot) and
the type grows with the page, so a line keeps roughly 60-75 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm
    height: float
    inner: float
    outer: float
    top: float
    bottom: float
    font: float  # pt
    leading: float  # pt

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


PAPERS = {
    "a5": Paper("A5", 148, 210, 15, 18, 16, 22, 10.5, 14),
    "half-letter": Paper("half-letter", 139.7, 215.9, 14, 17, 16, 22, 10.5, 14),
    "a4": Paper("A4", 210, 297, 24, 36, 22, 32, 12, 16),
    "letter": Paper("Letter", 215.9, 279.4, 25, 37, 21, 30, 12, 16),
}
ALIASES = {"halfletter": "half-letter", "half_letter": "half-letter", "statement": "half-letter",
           "us-letter": "letter"}


def paper_for(name: str | None) -> Paper:
    """The paper called `name` (A5 when None); ValueError names the choices."""
    key = (name or "a5").strip().lower()
    key = ALIASES.get(key, key)
    if key not in PAPERS:
        raise ValueError(f"unknown paper {name!r}: use {', '.join(PAPERS)}")
    return PAPERS[key]


def parse_bleed(value: str | float | int | None) -> float:
    """Bleed in mm from `3mm`, `3 mm`, `0.125in` or a number of mm; 0 when None."""
    if value is None or value == "":
        return 0.0
    if isinstance(value, int | float) and not isinstance(value, bool):
        mm = float(value)
    else:
        m = re.fullmatch(r"\s*([\d.]+)\s*(mm|cm|in|pt)?\s*", str(value))
        if not m:
            raise ValueError(f"bleed {value!r} is not a length like 3mm")
        factor = {"mm": 1, None: 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72}[m.group(2)]
        mm = float(m.group(1)) * factor
    if not 0 <= mm <= 10:
        raise ValueError(f"bleed {value!r} must be between 0 and 10 mm (3 mm is usual)")
    return mm


