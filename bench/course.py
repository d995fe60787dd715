"""A course of twenty lectures: one process each, one process for all, and `make`.

The course is the sample copied under twenty names into a throwaway project that
has the real Makefile, sources and templates, and uses this virtual environment
through a `.venv/bin` symlink, so `make` there runs the same chapbook.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench.context import Context, Row
from bench.measure import Samples, Step, interleave, run_once

LECTURES = 20


def make_project(ctx: Context, lectures: int = LECTURES) -> Path:
    project = ctx.tmp / "course"
    if project.exists():
        return project
    project.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ctx.root / name, project / name)
    for name in ("src", "templates"):
        shutil.copytree(ctx.root / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for number in range(1, lectures + 1):
        shutil.copytree(ctx.sample, project / "content" / f"lecture-{number:02d}")
    venv = project / ".venv"
    venv.mkdir()
    (venv / "bin").symlink_to(Path(sys.executable).parent, target_is_directory=True)
    (venv / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    return project


def folders(project: Path) -> list[Path]:
    return sorted(p.parent for p in (project / "content").glob("*/lecture.md"))


def accepts_several(ctx: Context) -> bool:
    """Whether `chapbook build` takes several folders: a second folder is either a usage
    error (no) or a missing-folder error (yes)."""
    missing = [ctx.tmp / "no-such-lecture-1", ctx.tmp / "no-such-lecture-2"]
    done = subprocess.run(ctx.chapbook("build", *missing, "--out", ctx.tmp / "probe"),
                          env=ctx.env, capture_output=True, text=True, timeout=120, check=False)
    return not (done.returncode == 2 and "unrecognized arguments" in done.stderr)


def course(ctx: Context) -> list[Row]:
    project = make_project(ctx)
    lectures = folders(project)
    out = project / "bench-out"
    each = ctx.job([ctx.chapbook("build", f, "--out", out, "-q") for f in lectures],
                   cwd=project)
    together = None
    if accepts_several(ctx):
        together = ctx.job([ctx.chapbook("build", *lectures, "--out", out, "-q")],
                           cwd=project, scale=len(lectures))
    anchor = None
    if ctx.pandoc:
        anchor = ctx.steps([Step(ctx.anchor_pdf(out / f"{f.name}-pandoc.pdf"), f)
                            for f in lectures])
    n = len(lectures)
    ctx.progress(f"course of {n} lectures, {ctx.runs} runs each")
    timed_each, timed_together, timed_anchor = interleave([each, together, anchor], ctx.runs)
    return [
        Row(f"course of {n} lectures: {n} `chapbook build` processes (booklet + deck)",
            timed_each, timed_anchor),
        Row(f"course of {n} lectures: one `chapbook build` with {n} folders",
            timed_together if together else None, timed_anchor if together else None,
            note="not available (one folder per call)",
            baseline_work=f"{n} `chapbook build` processes", baseline=timed_each),
    ]


def make_noop(ctx: Context) -> list[Row]:
    project = make_project(ctx)
    n = len(folders(project))
    full = ctx.job([["make"]], cwd=project, scale=2 * n)
    ctx.progress(f"make: full build of {n} lectures (one run), then {ctx.runs} runs of a no-op")
    built = Samples([run_once(full)])
    rows = [Row(f"`make`, full build of {n} lectures (one run)", built, None, anchor_note="-")]
    if built.failed:
        return [*rows, Row("`make` with nothing to do", None, note="skipped: full build failed")]
    up_to_date = subprocess.run(["make", "-q"], cwd=project, env=ctx.env, check=False,
                                capture_output=True).returncode == 0
    if not up_to_date:
        return [*rows, Row("`make` with nothing to do", None,
                           note="failed: `make -q` says a second make would rebuild")]
    (noop,) = interleave([ctx.job([["make"]], cwd=project)], ctx.runs)
    return [*rows, Row(f"`make` with nothing to do ({n} lectures)", noop, None, anchor_note="-")]
