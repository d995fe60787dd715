"""Single lectures measured against the anchor: the sample, lengths, a long deck, check."""

from __future__ import annotations

from pathlib import Path

from bench.context import SAMPLE, Context, Row
from bench.growth import growth_exponent
from bench.lectures import write_deck_lecture, write_lecture
from bench.measure import Job, interleave, run_once


def pdf_pages(path: Path) -> int | None:
    from pypdf import PdfReader

    try:
        return len(PdfReader(path).pages)
    except (OSError, ValueError):
        return None


def deck_slides(path: Path) -> int | None:
    from pptx import Presentation

    try:
        return len(Presentation(str(path)).slides)
    except (OSError, ValueError, KeyError):
        return None


def _anchor(ctx: Context, command: list[str], cwd: Path) -> Job | None:
    return ctx.job([command], cwd=cwd) if ctx.pandoc else None


def _sample_jobs(ctx: Context) -> tuple[Job, Job, Job | None]:
    out = ctx.tmp / "sample"
    both = ctx.job([ctx.chapbook("build", ctx.sample, "--out", out, "-q")])
    booklet = ctx.job([ctx.chapbook("build", ctx.sample, "--out", out, "-q", "--format", "pdf")])
    return both, booklet, _anchor(ctx, ctx.anchor_pdf(out / "pandoc.pdf"), ctx.sample)


def warm_up(ctx: Context) -> None:
    """One untimed build of the sample by each, so no timed run pays for cold caches."""
    ctx.progress("warm-up: one untimed build of the sample by each")
    both, _, anchor = _sample_jobs(ctx)
    for job in (both, anchor):
        if job is not None:
            run_once(job)


def sample(ctx: Context) -> list[Row]:
    both, booklet, anchor = _sample_jobs(ctx)
    out = ctx.tmp / "sample"
    ctx.progress(f"sample lecture, {ctx.runs} runs each")
    every = ctx.job([ctx.chapbook("build", ctx.sample, "--out", out / "all", "-q",
                                  "--format", "all")])
    timed_both, timed_booklet, timed_all, timed_anchor = interleave(
        [both, booklet, every, anchor], ctx.runs)
    pages = pdf_pages(out / f"{SAMPLE}.pdf")
    return [Row(f"sample lecture ({pages} pp): booklet + deck", timed_both, timed_anchor),
            Row("sample lecture: booklet only", timed_booklet, timed_anchor),
            Row("sample lecture: `--format all` (seven outputs)", timed_all, timed_anchor)]


def sizes(ctx: Context) -> list[Row]:
    """The booklet at each length; a side that failed at one length skips the longer ones."""
    rows: list[Row] = []
    points: list[tuple[float, float]] = []
    anchor_points: list[tuple[float, float]] = []
    skip = anchor_skip = ""
    for size in ctx.sizes:
        row, point, anchor_point = _size(ctx, size, skip, anchor_skip)
        rows.append(row)
        if point:
            points.append(point)
        elif not skip:
            skip = f"skipped: {size} pp failed"
        if anchor_point:
            anchor_points.append(anchor_point)
        elif not anchor_skip:
            anchor_skip = f"skipped: {size} pp failed"
    rows.append(growth_row(points, anchor_points))
    return rows


Point = tuple[float, float] | None


def _size(ctx: Context, size: int, skip: str, anchor_skip: str) -> tuple[Row, Point, Point]:
    folder = ctx.tmp / "sizes" / f"lecture-{size}pp"
    generated = write_lecture(folder, size)
    out = ctx.tmp / "sizes-out"
    build = ctx.chapbook("build", folder, "--out", out, "-q", "--format", "pdf")
    job = None if skip else ctx.job([build])
    anchor = None if anchor_skip else _anchor(ctx, ctx.anchor_pdf(out / "pandoc.pdf"), folder)
    ctx.progress(f"lecture of {size} pages ({generated.words} words), {ctx.runs} runs each")
    timed, timed_anchor = interleave([job, anchor], ctx.runs)
    pages = pdf_pages(out / f"{folder.name}.pdf") if timed.median else None
    anchor_pages = pdf_pages(out / "pandoc.pdf") if timed_anchor.median else None
    row = Row(f"lecture of {size} pp ({pages or 'not built'}; pandoc {anchor_pages or '-'} pp),"
              " booklet", timed if job else None, timed_anchor if anchor else None,
              note=skip, anchor_note=anchor_skip or ("" if ctx.pandoc else "pandoc not found"))
    point = (pages or size, timed.median) if timed.median else None
    anchor_point = (anchor_pages or size, timed_anchor.median) if timed_anchor.median else None
    return row, point, anchor_point


def growth_row(points: list[tuple[float, float]],
               anchor_points: list[tuple[float, float]]) -> Row:
    k, anchor_k = growth_exponent(points), growth_exponent(anchor_points)
    return Row("growth exponent k, time ∝ pages^k (least squares over the sizes)", None, None,
               note=f"k = {k:.2f}" if k is not None else "needs two sizes",
               anchor_note=f"k = {anchor_k:.2f}" if anchor_k is not None else "needs two sizes")


def deck(ctx: Context, slides: int = 500) -> list[Row]:
    folder = ctx.tmp / "deck" / f"deck-{slides}"
    write_deck_lecture(folder, slides)
    out = ctx.tmp / "deck-out"
    job = ctx.job([ctx.chapbook("build", folder, "--out", out, "-q", "--format", "pptx")])
    anchor = _anchor(ctx, [ctx.pandoc or "", "lecture.md", "-o", str(out / "pandoc.pptx")],
                     folder)
    ctx.progress(f"deck of {slides} slides, {ctx.runs} runs each")
    timed, timed_anchor = interleave([job, anchor], ctx.runs)
    built = deck_slides(out / f"{folder.name}.pptx") if not timed.failed else None
    theirs = deck_slides(out / "pandoc.pptx") if anchor and not timed_anchor.failed else None
    return [Row(f"deck of {slides} slides ({built or 'not built'}; pandoc's own pptx writer: "
                f"{theirs or '-'}, one per heading)", timed, timed_anchor)]


def check(ctx: Context) -> list[Row]:
    ctx.progress(f"chapbook check of the sample, {ctx.runs} runs")
    (timed,) = interleave([ctx.job([ctx.chapbook("check", ctx.sample)])], ctx.runs)
    return [Row("`chapbook check` of the sample", timed, None, anchor_note="-")]
