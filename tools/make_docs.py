#!/usr/bin/env python3
"""Make the guide's pictures from real builds of its examples, so they never go stale.

Each folder under `docs/guide/examples/` is a lecture showing one construct; the guide
quotes its `lecture.md`. All are built in one `chapbook build` call, the decks drawn by
LibreOffice in one call, and for each example two pictures written to
`docs/guide/pictures/`: `<name>-booklet.png`, the booklet page that shows the construct,
cropped to its text (running head and folio left out; the cover whole), and
`<name>-slide.png`, the slide.
`make docs` runs it. Needs soffice and pdftoppm.

Usage::

    python tools/make_docs.py [NAME ...]     # all examples, or only those named
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from PIL import Image, ImageOps
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
EXAMPLES = GUIDE / "examples"
PICTURES = GUIDE / "pictures"
BOOKLET_DPI = 100  # an A5 page 583 pixels wide: body text about 14 pixels high
SLIDE_DPI = 60  # a 13.33 in slide: 800 pixels wide
MARGIN = 10  # pixels of white kept around a cropped page
INK = 215  # a grey level below this is ink, not paper
RULE = 21  # pixels between stacked pages, a grey rule in the middle
GAP = 14  # rows of white that separate a running head or folio from the text


@dataclass(frozen=True)
class Shot:
    """Which booklet page and which slide show an example's construct.

    `page`: a page number, or text the page holds (searched after the contents page), or
    several texts (their pages stacked); None: the first section's heading. `slide`: a
    slide number, or its exact title; None: the first section's heading.
    """

    page: int | str | tuple[str, ...] | None = None
    slide: int | str | None = None


SHOTS = {
    "front-matter": Shot(page=1, slide=1),
    "callouts": Shot(page="How to read it", slide="How to read it"),
    "charts": Shot(slide="How late Belgium was"),
    "citations": Shot(page=("Collective security", "Sources"), slide="Further reading"),
    "figures": Shot(slide="One source becomes a booklet and a deck"),
    "key-terms": Shot(page=("Recognition", "Index of key terms"), slide="Key terms"),
    "slides-and-notes": Shot(slide="What changed in 1935"),
    "tables": Shot(slide="Recognition of the Soviet Union"),
}


def examples(names: list[str] | None = None) -> list[Path]:
    """The example folders, in name order; only those named when `names` is given."""
    found = sorted(p.parent for p in EXAMPLES.glob("*/lecture.md"))
    if names:
        unknown = set(names) - {p.name for p in found}
        if unknown:
            raise SystemExit(f"no example named {', '.join(sorted(unknown))} in {EXAMPLES}")
        found = [p for p in found if p.name in names]
    return found


def heading(folder: Path) -> str:
    """The text of the example's first `##` heading."""
    for line in (folder / "lecture.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            return line[3:].split("{")[0].strip()
    raise SystemExit(f"{folder}/lecture.md has no `## ` heading")


def build(folders: list[Path], out: Path) -> None:
    """Every example's booklet and deck, in one chapbook process."""
    subprocess.run([sys.executable, "-m", "chapbook", "build", *map(str, folders),
                    "--out", str(out), "--format", "pdf", "--format", "pptx", "--quiet"],
                   check=True, timeout=600)


def draw_decks(decks: list[Path], out: Path) -> None:
    """Every deck as a PDF drawn by LibreOffice, in one call."""
    subprocess.run([shutil.which("soffice"), "--headless",
                    f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, decks)],
                   check=True, capture_output=True, timeout=600)


def page_number(pdf: Path, page: int | str) -> int:
    """The 1-based page: `page` itself, or the first after the contents holding it."""
    if isinstance(page, int):
        return page
    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
    start = next((i + 1 for i, t in enumerate(texts) if t.startswith("Contents")), 0)
    for number, text in enumerate(texts[start:], start + 1):
        if page in " ".join(text.split()):
            return number
    raise SystemExit(f"{pdf.name}: no page after the contents holds {page!r}")


def slide_number(deck: Path, slide: int | str) -> int:
    """The 1-based slide: `slide` itself, or the first titled exactly so."""
    if isinstance(slide, int):
        return slide
    titles = [s.shapes.title.text if s.shapes.title is not None else ""
              for s in Presentation(deck).slides]
    if slide not in titles:
        raise SystemExit(f"{deck.name}: no slide titled {slide!r} (titles: {titles})")
    return titles.index(slide) + 1


def render(pdf: Path, number: int, dpi: int, work: Path) -> Image.Image:
    """One page of `pdf` as pdftoppm draws it."""
    prefix = work / f"{pdf.stem}-{number}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(number), "-l", str(number),
                    "-singlefile", str(pdf), str(prefix)], check=True, timeout=120)
    with Image.open(prefix.with_suffix(".png")) as image:
        return image.convert("RGB")


def ink_bands(grey: Image.Image) -> list[tuple[int, int]]:
    """The page's runs of rows holding ink, top to bottom, split at gaps of GAP rows."""
    width, height = grey.size
    pixels = grey.load()
    inked = [any(pixels[x, y] < INK for x in range(width)) for y in range(height)]
    bands: list[tuple[int, int]] = []
    for y, ink in enumerate(inked):
        if not ink:
            continue
        if bands and y - bands[-1][1] <= GAP:
            bands[-1] = (bands[-1][0], y + 1)
        else:
            bands.append((y, y + 1))
    return bands


def crop_page(page: Image.Image) -> Image.Image:
    """The page cut to its text, without the running head and the folio, with MARGIN
    pixels of paper around."""
    grey = ImageOps.grayscale(page)
    bands = ink_bands(grey)
    height = page.height
    if len(bands) > 2:
        if bands[0][1] < height * 0.12:
            bands = bands[1:]
        if bands[-1][0] > height * 0.88:
            bands = bands[:-1]
    top, bottom = bands[0][0], bands[-1][1]
    ink = ImageOps.invert(grey.crop((0, top, page.width, bottom))).point(
        lambda v: 255 if v > 255 - INK else 0)
    left, _, right, _ = ink.getbbox()
    return page.crop((max(0, left - MARGIN), max(0, top - MARGIN),
                      min(page.width, right + MARGIN), min(height, bottom + MARGIN)))


def stack(images: list[Image.Image]) -> Image.Image:
    """Pages one under the other, a grey rule between them."""
    width = max(i.width for i in images)
    height = sum(i.height for i in images) + RULE * (len(images) - 1)
    sheet = Image.new("RGB", (width, height), "white")
    y = 0
    for image in images:
        if y:
            sheet.paste((160, 160, 160), (0, y - RULE // 2, width, y - RULE // 2 + 1))
        sheet.paste(image, (0, y))
        y += image.height + RULE
    return sheet


def save(image: Image.Image, target: Path) -> None:
    """A small PNG: 256 colours are plenty for text on paper and a slide's theme."""
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        target, optimize=True)
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size / 1024:.0f} KB)")


def pictures(folder: Path, out: Path, work: Path) -> None:
    """The example's booklet and slide pictures, from its built PDF and drawn deck."""
    name = folder.name
    shot = SHOTS.get(name, Shot())
    title = heading(folder)
    booklet = out / f"{name}.pdf"
    wanted = shot.page if isinstance(shot.page, tuple) else (shot.page or title,)
    images = []
    for page in (page_number(booklet, w) for w in wanted):
        image = render(booklet, page, BOOKLET_DPI, work)
        images.append(image if page == 1 else crop_page(image))
    save(stack(images), PICTURES / f"{name}-booklet.png")
    slide = slide_number(out / f"{name}.pptx", shot.slide if shot.slide is not None else title)
    save(render(work / f"{name}.pdf", slide, SLIDE_DPI, work), PICTURES / f"{name}-slide.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="examples to make (all)")
    args = parser.parse_args(argv)
    for program in ("soffice", "pdftoppm"):
        if shutil.which(program) is None:
            print(f"{program} is needed", file=sys.stderr)
            return 1
    folders = examples(args.names)
    PICTURES.mkdir(exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        out, work = Path(tmp) / "out", Path(tmp) / "work"
        work.mkdir()
        build(folders, out)
        draw_decks([out / f"{f.name}.pptx" for f in folders], work)
        for folder in folders:
            pictures(folder, out, work)
    print(f"{2 * len(folders)} pictures in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
