#!/usr/bin/env python3
"""Make the README's slide pictures from real builds of the sample lecture.

`docs/slide.png` is the chart slide on the bundled theme; `docs/slide-foreign.png` the
same slide on `band.pptx`, a foreign template made by tools/make_test_templates.py (a
footer band, a logo and its own colours and bullets). Each deck is built with
`chapbook build --theme`, drawn by LibreOffice and the slide rendered by pdftoppm, so
the pictures show what a user gets. Needs soffice and pdftoppm.

Usage::

    python tools/make_pictures.py [--slide N]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "belgium-ussr-1935"
DPI = 60  # a 13.33 in slide: 800 pixels wide


def _templates(out: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_test_templates",
                                                  ROOT / "tools" / "make_test_templates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_test_templates"] = module
    spec.loader.exec_module(module)
    module.make_all(out, use_soffice=False)
    return out / "band.pptx"


def _picture(theme: Path | None, slide: int, target: Path, work: Path) -> None:
    from chapbook.build import build

    out = work / (theme.stem if theme else "bundled")
    (deck,) = (b.path for b in build(SAMPLE, out, ("pptx",), theme))
    subprocess.run([shutil.which("soffice"), "--headless",
                    f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(deck)], check=True, capture_output=True,
                   timeout=300)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(slide), "-l", str(slide),
                    "-singlefile", str(deck.with_suffix(".pdf")), str(target.with_suffix(""))],
                   check=True, timeout=120)
    print(f"wrote {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slide", type=int, default=10, help="which slide (the chart: 10)")
    args = parser.parse_args(argv)
    for program in ("soffice", "pdftoppm"):
        if shutil.which(program) is None:
            print(f"{program} is needed", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _picture(None, args.slide, ROOT / "docs" / "slide.png", work)
        _picture(_templates(work / "templates"), args.slide, ROOT / "docs" / "slide-foreign.png",
                 work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
