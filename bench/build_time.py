"""How long a build takes: whole `chapbook build` processes, and each stage in-process.

    .venv/bin/python bench/build_time.py [LECTURE_DIR] [--runs N]

Prints medians (and min/max) in seconds. Numbers go into the README and the
closing notes; tests never assert times.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name:<34} median {statistics.median(times):6.2f} s"
          f"   min {min(times):6.2f}   max {max(times):6.2f}   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lecture", nargs="?", default=str(ROOT / "content" / "belgium-ussr-1935"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(args.lecture)
    chapbook = [sys.executable, "-m", "chapbook"]

    with tempfile.TemporaryDirectory() as out:
        for formats in (["pdf", "pptx"], ["pdf"], ["pptx"], ["html"], ["all"]):
            argv = [*chapbook, "build", str(folder), "--out", out, "-q"]
            for fmt in formats:
                argv += ["--format", fmt]
            report(f"process: build {'+'.join(formats)}",
                   timed(lambda a=argv: subprocess.run(a, check=True), args.runs))

    from chapbook.booklet import render_booklet, write_booklet
    from chapbook.deck import compose_deck, split_for_theme, theme_look
    from chapbook.plan import plan_deck
    from chapbook.read.parse import parse_lecture
    from chapbook.slides import render_slides_html
    from chapbook.slides.assets import subset_woff
    from chapbook.templates import bundled_templates

    lecture = parse_lecture(folder)
    report("stage: parse", timed(lambda: parse_lecture(folder), args.runs))
    report("stage: booklet layout", timed(lambda: render_booklet(lecture), args.runs))
    document = render_booklet(lecture)
    with tempfile.TemporaryDirectory() as out:
        target = Path(out) / "b.pdf"
        report("stage: booklet write_pdf", timed(lambda: write_booklet(document, target),
                                                 args.runs))
    theme = bundled_templates() / "deck" / "theme.pptx"
    report("stage: slide plan", timed(lambda: plan_deck(lecture), args.runs))
    plan = split_for_theme(plan_deck(lecture), theme)
    report("stage: deck compose", timed(lambda: compose_deck(plan, theme, lecture.root),
                                        args.runs))
    look = theme_look(theme)

    def html_slides() -> None:
        subset_woff.cache_clear()  # as in a build: the fonts are cut down every time
        render_slides_html(plan, look, lecture.root)

    report("stage: HTML slides", timed(html_slides, args.runs))


if __name__ == "__main__":
    main()
