"""Fit WORDS_PER_PAGE and FIXED_PAGES in bench/lectures.py to the real booklet.

    .venv/bin/python -m bench.calibrate [PAGES ...]     (default: 20 60)

Generates a lecture at each target, builds its booklet, counts the PDF's pages and
fits pages = fixed + words / words_per_page by least squares.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.context import bench_env
from bench.lectures import FIXED_PAGES, WORDS_PER_PAGE, write_lecture
from bench.lectures_bench import pdf_pages


def fit(points: list[tuple[int, int]]) -> tuple[float, float]:
    """(words per page, fixed pages) of the line through (words, pages)."""
    n = len(points)
    mean_w = sum(w for w, _ in points) / n
    mean_p = sum(p for _, p in points) / n
    slope = (sum((w - mean_w) * (p - mean_p) for w, p in points)
             / sum((w - mean_w) ** 2 for w, _ in points))
    return 1 / slope, mean_p - slope * mean_w


def main(argv: list[str] | None = None) -> int:
    targets = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [20, 60]
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in targets:
            folder = Path(tmp) / f"lecture-{target}pp"
            words = write_lecture(folder, target).words
            subprocess.run([sys.executable, "-m", "chapbook", "build", folder, "--out", tmp,
                            "-q", "--format", "pdf"], check=True, env=bench_env(900))
            pages = pdf_pages(Path(tmp) / f"{folder.name}.pdf") or 0
            print(f"target {target} pp: {words} words, {pages} pages")
            points.append((words, pages))
    print(f"now: WORDS_PER_PAGE = {WORDS_PER_PAGE}, FIXED_PAGES = {FIXED_PAGES}")
    if len({w for w, _ in points}) >= 2:
        per_page, fixed = fit(points)
        print(f"fit: WORDS_PER_PAGE = {per_page:.0f}, FIXED_PAGES = {fixed:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
