"""Settings of one benchmark run and the rows it reports.

Settings come from the environment, so `make bench` needs no arguments:
BENCH_RUNS (3), BENCH_SIZES (50,100,200,400 pages), BENCH_TIMEOUT (600 s a
measurement), BENCH_WORKS (which rows: sample, sizes, deck, course, make, check,
watch). CHAPBOOK_TIME_LIMIT is raised to at least 900 s unless set, so chapbook's
own limit does not stop a long lecture before the benchmark's timeout does.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Job, Samples, Step

WORKS = ("sample", "sizes", "deck", "course", "make", "check", "watch")
SAMPLE = "belgium-ussr-1935"


@dataclass
class Row:
    work: str
    chapbook: Samples | None
    anchor: Samples | None = None
    note: str = ""  # printed instead of a time when there is no measurement
    anchor_note: str = ""
    # chapbook against itself (a target the issue sets that way): what, and its times
    baseline_work: str = ""
    baseline: Samples | None = None


@dataclass
class Context:
    root: Path  # the project: content/, Makefile, templates/
    tmp: Path
    runs: int
    timeout: float
    sizes: list[int]
    works: tuple[str, ...]
    env: dict[str, str]
    pandoc: str | None

    @property
    def sample(self) -> Path:
        return self.root / "content" / SAMPLE

    def chapbook(self, *args: object) -> list[str]:
        return [sys.executable, "-m", "chapbook", *map(str, args)]

    def anchor_pdf(self, out: Path) -> list[str]:
        assert self.pandoc is not None
        return [self.pandoc, "lecture.md", "--pdf-engine=weasyprint", "-o", str(out)]

    def job(self, commands: list[list[str]], cwd: Path | None = None, scale: int = 1) -> Job:
        """Commands run in turn as one measurement; the timeout allows `scale` builds each."""
        return self.steps([Step(argv, cwd or self.root) for argv in commands], scale)

    def steps(self, steps: list[Step], scale: int = 1) -> Job:
        return Job(steps, self.env, self.timeout * len(steps) * scale)

    def progress(self, message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)


def find_pandoc() -> str | None:
    """The pandoc that PyPI's pypandoc-binary ships, else one on PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def bench_env(timeout: float) -> dict[str, str]:
    """The environment of every measured process: this venv's programs first on PATH, so
    pandoc calls the same WeasyPrint that chapbook imports."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("CHAPBOOK_TIME_LIMIT", str(max(900, round(timeout))))
    return env


def from_environment(root: Path, tmp: Path) -> Context:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "50,100,200,400").split(",") if s]
    works = tuple(w for w in os.environ.get("BENCH_WORKS", ",".join(WORKS)).split(",") if w)
    unknown = set(works) - set(WORKS)
    if unknown:
        raise SystemExit(f"bench: unknown BENCH_WORKS {sorted(unknown)}; choose from {WORKS}")
    timeout = float(os.environ.get("BENCH_TIMEOUT", "600"))
    return Context(root, tmp, max(1, runs), timeout, sorted(sizes), works, bench_env(timeout),
                   find_pandoc())
