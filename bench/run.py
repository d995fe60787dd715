"""`make bench`: chapbook's builds timed as whole processes beside pandoc + WeasyPrint.

    .venv/bin/python -m bench          # settings: see bench/context.py
    BENCH_SIZES=50,100 BENCH_RUNS=1 .venv/bin/python -m bench

Prints a Markdown table and writes it to build/bench.md. Tests never assert times.
`bench/build_time.py` times the stages of one build in-process;
`python -m bench.calibrate` fits the generated lectures' words per page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench import course, lectures_bench, watch
from bench.context import Context, Row, from_environment
from bench.machine import describe
from bench.report import document

ROOT = Path(__file__).resolve().parents[1]
MEASURE = {
    "sample": lectures_bench.sample,
    "sizes": lectures_bench.sizes,
    "deck": lectures_bench.deck,
    "course": course.course,
    "make": course.make_noop,
    "check": lectures_bench.check,
    "watch": watch.watch_latency,
}


def measure(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    lectures_bench.warm_up(ctx)
    for work in ctx.works:
        rows += MEASURE[work](ctx)
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="chapbook-bench-") as tmp:
        ctx = from_environment(ROOT, Path(tmp))
        machine = describe(ROOT, ctx.pandoc, ctx.env["PATH"])
        if ctx.pandoc is None:
            ctx.progress("pandoc not found: install the bench extra (pypandoc-binary)")
        rows = measure(ctx)
        machine.append(f"- load average at end {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    text = document(rows, ctx.runs, ctx.timeout, machine)
    print(text)
    out = ROOT / "build" / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0
