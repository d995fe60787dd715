"""The results as a Markdown table, for the terminal, build/bench.md and the README."""

from __future__ import annotations

import statistics

from bench.context import Row
from bench.measure import Samples

HEADER = ("| work | chapbook | pandoc + WeasyPrint | ratio | peak MiB (chapbook / pandoc) |\n"
          "|---|---:|---:|---:|---:|")


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def cell(samples: Samples | None, note: str) -> str:
    if samples is None or not samples.runs:
        return note or "-"
    if samples.failed:
        return f"failed: {samples.failed}"
    return _seconds(samples.median)


def peak(row: Row) -> str:
    values = [s.peak_mib if s is not None else None for s in (row.chapbook, row.anchor)]
    if values == [None, None]:
        return "-"
    return " / ".join(f"{v:.0f}" if v is not None else "-" for v in values)


def paired_ratio(ours: Samples | None, theirs: Samples | None) -> float | None:
    """Our time over theirs: the median of the ratios run by run where every run of both
    succeeded (the runs were made in turn, so the i-th of each met the same moment of a
    machine whose speed drifts), else the ratio of the medians."""
    if not ours or not theirs or ours.failed or theirs.failed:
        return None
    a, b = [s.seconds for s in ours.runs], [s.seconds for s in theirs.runs]
    if a and len(a) == len(b) and None not in a and None not in b and all(b):
        return statistics.median(x / y for x, y in zip(a, b, strict=True))
    return ours.median / theirs.median if ours.median and theirs.median else None


def _times(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "-"


def ratio(row: Row) -> str:
    return _times(paired_ratio(row.chapbook, row.anchor))


def table(rows: list[Row]) -> str:
    lines = [HEADER]
    for row in rows:
        cells = (row.work, cell(row.chapbook, row.note), cell(row.anchor, row.anchor_note),
                 ratio(row), peak(row))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


OWN_HEADER = ("| work | chapbook | against chapbook's own | its time | ratio |\n"
              "|---|---:|---|---:|---:|")


def own_table(rows: list[Row]) -> str:
    """The rows measured against another chapbook run (a course in one call against
    separate builds, a rebuild under watch against a cold build)."""
    lines = [OWN_HEADER]
    for row in rows:
        if row.baseline is None:
            continue
        cells = (row.work, cell(row.chapbook, row.note), row.baseline_work,
                 cell(row.baseline, ""), _times(paired_ratio(row.chapbook, row.baseline)))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) if len(lines) > 1 else ""


def document(rows: list[Row], runs: int, timeout: float, machine: list[str]) -> str:
    return "\n".join([
        "# chapbook benchmark", "",
        table(rows), "",
        *([own, ""] if (own := own_table(rows)) else []),
        f"Whole processes, wall time, median of {runs} runs; chapbook and the anchor run in "
        "turn (A B A B ...) so a busy moment hits both. The anchor is `pandoc lecture.md "
        "--pdf-engine=weasyprint -o x.pdf` (no citeproc, no index, pandoc's default HTML), "
        "run in the lecture's folder with the same WeasyPrint; for the deck it is "
        "`pandoc lecture.md -o x.pptx`. Ratio is chapbook's time over the anchor's (or the other "
        "run's), the median of the ratios run by run: the runs are made in turn, so each "
        "ratio compares runs that met the same moment of the machine. Peak MiB "
        "is the largest resident set of any one process of the run (`ru_maxrss`). A "
        f"measurement stopped after {timeout:.0f} s per build says \"failed: timeout\"; a "
        "failed length skips the longer ones.", "",
        "Machine:", "", *machine, "",
    ])
