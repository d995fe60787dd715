"""The results as a Markdown table, for the terminal, build/bench.md and the README."""

from __future__ import annotations

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


def ratio(row: Row) -> str:
    ours = row.chapbook.median if row.chapbook else None
    theirs = row.anchor.median if row.anchor else None
    return f"{ours / theirs:.2f}×" if ours and theirs else "-"


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
        ours = row.chapbook.median if row.chapbook and not row.chapbook.failed else None
        theirs = row.baseline.median if row.baseline.runs and not row.baseline.failed else None
        share = f"{ours / theirs:.2f}×" if ours and theirs else "-"
        cells = (row.work, cell(row.chapbook, row.note), row.baseline_work,
                 cell(row.baseline, ""), share)
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
        "`pandoc lecture.md -o x.pptx`. Ratio is chapbook's time over the anchor's. Peak MiB "
        "is the largest resident set of any one process of the run (`ru_maxrss`). A "
        f"measurement stopped after {timeout:.0f} s per build says \"failed: timeout\"; a "
        "failed length skips the longer ones.", "",
        "Machine:", "", *machine, "",
    ])
