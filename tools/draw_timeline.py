"""Draw the recognition-timeline figure of the 1935 sample lecture.

Reads ``content/belgium-ussr-1935/data/recognitions.csv`` (columns
``country,date,note``, ISO dates) and writes a sorted dot plot, one row per
country, on a year axis from 1920 to 1975:
``content/belgium-ussr-1935/figures/recognition-timeline.png``.

Only Pillow is needed. The drawing is deterministic: the same CSV and font
give the same PNG, byte for byte.

    .venv/bin/python tools/draw_timeline.py [--font PATH] [--csv PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "content" / "belgium-ussr-1935"
DEFAULT_CSV = LECTURE / "data" / "recognitions.csv"
DEFAULT_OUT = LECTURE / "figures" / "recognition-timeline.png"
DEFAULT_FONT_DIR = ROOT / "templates" / "booklet" / "fonts"

# Regular and bold faces looked for, in order, inside a font folder.
FONT_PAIRS = [
    ("LinBiolinum_R.otf", "LinBiolinum_RB.otf"),
    ("LinBiolinum_R.ttf", "LinBiolinum_RB.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
]
# Used when the project's font folder holds none of the above.
FALLBACK_DIRS = [
    Path("/usr/share/fonts/opentype/linux-libertine"),
    Path("/usr/share/fonts/truetype/dejavu"),
]

HIGHLIGHT = "Belgium"
YEAR_FROM, YEAR_TO = 1920, 1975
MARKER_YEAR = 1935

WIDTH, HEIGHT = 2000, 1100
SCALE = 3  # drawn at 3x, then downsampled: smooth dots and lines

WHITE = (255, 255, 255)
TEXT = (38, 38, 38)
MUTED = (105, 105, 105)
DOT = (64, 64, 64)
GRID = (232, 232, 232)
LEADER = (215, 215, 215)
MARKER = (231, 204, 204)
ACCENT = (155, 44, 44)  # #9b2c2c

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Recognition:
    """One row of the CSV: a country and the day it recognised Moscow."""

    country: str
    day: date
    note: str

    @property
    def before_ussr(self) -> bool:
        """True when the state recognised was Soviet Russia (RSFSR)."""
        return "RSFSR" in self.note


def read_recognitions(path: Path) -> list[Recognition]:
    """Rows of the CSV, sorted by date (then country name)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [
            Recognition(r["country"].strip(), date.fromisoformat(r["date"]), r["note"].strip())
            for r in csv.DictReader(f)
        ]
    return sorted(rows, key=lambda r: (r.day, r.country))


def find_fonts(option: str | None) -> tuple[Path, Path]:
    """Regular and bold font files: --font (a file or folder), else fallbacks."""
    if option and Path(option).is_file():
        regular = Path(option)
        for reg, bold in FONT_PAIRS:
            if regular.name == reg and (regular.parent / bold).is_file():
                return regular, regular.parent / bold
        return regular, regular
    folders = [Path(option)] if option else [DEFAULT_FONT_DIR]
    for folder in [*folders, *FALLBACK_DIRS]:
        for reg, bold in FONT_PAIRS:
            if (folder / reg).is_file():
                b = folder / bold
                return folder / reg, b if b.is_file() else folder / reg
    sys.exit("draw_timeline: no usable font found; pass --font PATH")


def year_fraction(d: date) -> float:
    """The date as a decimal year, e.g. 1935-07-12 -> 1935.53."""
    start = date(d.year, 1, 1)
    length = (date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / length


def date_label(d: date, full: bool) -> str:
    """'12 July 1935' when full, else the compact 'Jul 1935'."""
    month = MONTHS[d.month - 1]
    return f"{d.day} {month} {d.year}" if full else f"{month[:3]} {d.year}"


def draw(rows: list[Recognition], regular: Path, bold: Path) -> Image.Image:
    """The finished figure at WIDTH x HEIGHT pixels."""
    s = SCALE
    img = Image.new("RGB", (WIDTH * s, HEIGHT * s), WHITE)
    g = ImageDraw.Draw(img)

    def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(path), size * s)

    name_font, name_bold = font(regular, 36), font(bold, 36)
    date_font, date_bold = font(regular, 30), font(bold, 30)
    axis_font, legend_font = font(regular, 33), font(regular, 32)

    left, right = 360 * s, 1940 * s
    top, bottom = 116 * s, 1012 * s
    pitch = (bottom - top) / len(rows)

    def x_of(year: float) -> float:
        return left + (year - YEAR_FROM) / (YEAR_TO - YEAR_FROM) * (right - left)

    # Year grid, the 1935 marker, and the axis.
    for year in range(YEAR_FROM, YEAR_TO + 1, 5):
        x = x_of(year)
        g.line([(x, top - 14 * s), (x, bottom)], fill=GRID, width=2 * s)
        g.text((x, bottom + 22 * s), str(year), font=axis_font, fill=MUTED, anchor="mt")
    mx = x_of(MARKER_YEAR)
    g.line([(mx, top - 14 * s), (mx, bottom)], fill=MARKER, width=6 * s)
    g.line([(left, bottom), (right, bottom)], fill=MUTED, width=2 * s)
    for year in range(YEAR_FROM, YEAR_TO + 1, 5):
        x = x_of(year)
        g.line([(x, bottom), (x, bottom + 10 * s)], fill=MUTED, width=2 * s)

    # Legend, above the plot.
    ly = 50 * s
    r = 10 * s
    lx = left
    g.ellipse([lx - r, ly - r, lx + r, ly + r], fill=DOT)
    g.text((lx + 22 * s, ly), "Soviet Union (USSR)", font=legend_font, fill=TEXT, anchor="lm")
    lx += 22 * s + g.textlength("Soviet Union (USSR)", font=legend_font) + 60 * s
    g.ellipse([lx - r, ly - r, lx + r, ly + r], fill=WHITE, outline=DOT, width=3 * s)
    label = "Soviet Russia (RSFSR), before the USSR existed"
    g.text((lx + 22 * s, ly), label, font=legend_font, fill=TEXT, anchor="lm")
    lx += 22 * s + g.textlength(label, font=legend_font) + 60 * s
    g.ellipse([lx - r, ly - r, lx + r, ly + r], fill=ACCENT)
    g.text((lx + 22 * s, ly), HIGHLIGHT, font=legend_font, fill=ACCENT, anchor="lm")
    g.text((mx + 12 * s, top - 14 * s), str(MARKER_YEAR), font=date_font, fill=ACCENT, anchor="lb")

    # One row per country.
    for i, row in enumerate(rows):
        y = top + (i + 0.5) * pitch
        x = x_of(year_fraction(row.day))
        hot = row.country == HIGHLIGHT
        colour = ACCENT if hot else DOT
        g.text(
            (left - 24 * s, y),
            row.country,
            font=name_bold if hot else name_font,
            fill=ACCENT if hot else TEXT,
            anchor="rm",
        )
        text = date_label(row.day, full=hot)
        f = date_bold if hot else date_font
        width = g.textlength(text, font=f)
        label_left = x + 22 * s + width > right  # no room right of the dot
        leader_end = x - 22 * s - width - 14 * s if label_left else x
        g.line(
            [(left, y), (leader_end, y)],
            fill=ACCENT if hot else LEADER,
            width=(3 if hot else 2) * s,
        )
        r = (12 if hot else 9) * s
        if row.before_ussr:
            g.ellipse([x - r, y - r, x + r, y + r], fill=WHITE, outline=colour, width=3 * s)
        else:
            g.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        g.text(
            (x - 22 * s, y) if label_left else (x + 22 * s, y),
            text,
            font=f,
            fill=ACCENT if hot else MUTED,
            anchor="rm" if label_left else "lm",
            stroke_width=3 * s,  # a white halo keeps grid lines off the glyphs
            stroke_fill=WHITE,
        )

    return img.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, draw the chart, write the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="input CSV")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output PNG")
    parser.add_argument(
        "--font",
        help=f"a font file or a folder of fonts (default: {DEFAULT_FONT_DIR.relative_to(ROOT)}/)",
    )
    args = parser.parse_args(argv)

    regular, bold = find_fonts(args.font)
    image = draw(read_recognitions(args.csv), regular, bold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    image.save(args.out, format="PNG", optimize=True, dpi=(300, 300))
    print(f"wrote {args.out} ({WIDTH}x{HEIGHT}) with {regular.name} / {bold.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
