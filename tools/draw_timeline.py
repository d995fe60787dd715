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

# The booklet prints the figure 115 mm wide, so type sizes are set in print
# points and turned into pixels from that width (1 pt = 1/72 in).
WIDTH, HEIGHT = 1600, 1200  # 4:3, also sits well on a 16:9 slide
PRINT_WIDTH_MM = 115
PX_PER_PT = WIDTH / (PRINT_WIDTH_MM / 25.4 * 72)  # about 4.9 px per pt
SCALE = 3  # drawn at 3x, then downsampled: smooth dots and lines

COUNTRY_PT = 8.2  # row labels
AXIS_PT = 7.8  # year labels, legend, the 1935 marker
DATE_PT = 8.2  # Belgium's date, the only per-dot label

WHITE = (255, 255, 255)
TEXT = (31, 41, 51)  # #1f2933
DOT = (31, 41, 51)
AXIS = (123, 135, 148)
GRID = (228, 231, 235)
LEADER = (214, 219, 224)
MARKER = (240, 218, 218)
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

    def font(path: Path, pt: float) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(path), round(pt * PX_PER_PT * s))

    name_font, name_bold = font(regular, COUNTRY_PT), font(bold, COUNTRY_PT)
    axis_font, date_bold = font(regular, AXIS_PT), font(bold, DATE_PT)
    marker_font = font(bold, AXIS_PT)

    # Country labels take the widest name's room on the left.
    widest = max(g.textlength(r.country, font=name_bold) for r in rows)
    gap = 18 * s
    left = 16 * s + widest + gap + 14 * s
    right = WIDTH * s - 60 * s
    top, bottom = 70 * s, HEIGHT * s - 74 * s
    pitch = (bottom - top) / len(rows)

    def x_of(year: float) -> float:
        return left + (year - YEAR_FROM) / (YEAR_TO - YEAR_FROM) * (right - left)

    # Year grid, the 1935 marker, and the axis.
    for year in range(YEAR_FROM, YEAR_TO + 1, 5):
        x = x_of(year)
        g.line([(x, top), (x, bottom)], fill=GRID, width=2 * s)
    mx = x_of(MARKER_YEAR)
    g.line([(mx, top - 10 * s), (mx, bottom)], fill=MARKER, width=8 * s)
    g.text((mx, top - 18 * s), str(MARKER_YEAR), font=marker_font, fill=ACCENT, anchor="md")
    g.line([(left, bottom), (right, bottom)], fill=AXIS, width=2 * s)
    for year in range(YEAR_FROM, YEAR_TO + 1, 5):
        x = x_of(year)
        g.line([(x, bottom), (x, bottom + 10 * s)], fill=AXIS, width=2 * s)
        g.text((x, bottom + 18 * s), str(year), font=axis_font, fill=TEXT, anchor="mt")

    # One row per country: name, light leader, dot.
    hot_row = None
    for i, row in enumerate(rows):
        y = top + (i + 0.5) * pitch
        x = x_of(year_fraction(row.day))
        hot = row.country == HIGHLIGHT
        colour = ACCENT if hot else DOT
        g.text(
            (left - gap, y),
            row.country,
            font=name_bold if hot else name_font,
            fill=ACCENT if hot else TEXT,
            anchor="rm",
        )
        g.line(
            [(left, y), (x, y)],
            fill=ACCENT if hot else LEADER,
            width=(3 if hot else 2) * s,
        )
        r = (11 if hot else 9) * s
        if row.before_ussr:
            g.ellipse([x - r, y - r, x + r, y + r], fill=WHITE, outline=colour, width=3 * s)
        else:
            g.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        if hot:
            hot_row = (x + r, y, row.day)

    # Belgium's date, the one dot label kept; a white halo keeps lines off it.
    if hot_row:
        x, y, day = hot_row
        g.text(
            (x + 14 * s, y),
            date_label(day, full=True),
            font=date_bold,
            fill=ACCENT,
            anchor="lm",
            stroke_width=4 * s,
            stroke_fill=WHITE,
        )

    # Legend in the empty top-right corner (early rows have their dots far left).
    items = [
        (True, "Soviet Russia (RSFSR), before the USSR"),
        (False, "Soviet Union (USSR)"),
    ]
    r = 9 * s
    line = pitch * 1.15
    text_w = max(g.textlength(t, font=axis_font) for _, t in items)
    box_w = 2 * r + 16 * s + text_w
    bx = right - box_w
    by = top + 0.5 * pitch
    pad = 14 * s
    g.rectangle(
        [
            bx - pad,
            by - line / 2 - pad / 2,
            right + pad / 2,
            by + line * (len(items) - 0.5) + pad / 2,
        ],
        fill=WHITE,
    )
    for k, (hollow, text) in enumerate(items):
        y = by + k * line
        cx = bx + r
        if hollow:
            g.ellipse([cx - r, y - r, cx + r, y + r], fill=WHITE, outline=DOT, width=3 * s)
        else:
            g.ellipse([cx - r, y - r, cx + r, y + r], fill=DOT)
        g.text((cx + r + 16 * s, y), text, font=axis_font, fill=TEXT, anchor="lm")

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
