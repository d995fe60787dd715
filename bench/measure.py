"""Whole processes timed side by side: interleaved runs, a timeout, peak memory.

Each run goes through `rusage.py`, a fresh process that reports the wall time and
the largest resident set of what it ran. A run that passes its timeout has its
whole process group killed and counts as failed, so a slow size cannot hang the
suite.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

WRAPPER = Path(__file__).with_name("rusage.py")


@dataclass(frozen=True)
class Sample:
    seconds: float | None  # None when the run failed
    peak_mib: float | None
    error: str = ""


@dataclass(frozen=True)
class Step:
    argv: list[str]
    cwd: Path


@dataclass(frozen=True)
class Job:
    """One unit of work: commands run one after another, timed as one measurement."""

    steps: list[Step]
    env: dict[str, str]
    timeout: float


@dataclass
class Samples:
    runs: list[Sample] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.runs if s.seconds is not None]

    @property
    def failed(self) -> str:
        """The first failure's reason, or '' when every run succeeded."""
        return next((s.error for s in self.runs if s.error), "")

    @property
    def median(self) -> float | None:
        times = self.times
        return statistics.median(times) if times and not self.failed else None

    @property
    def peak_mib(self) -> float | None:
        peaks = [s.peak_mib for s in self.runs if s.peak_mib is not None]
        return max(peaks) if peaks else None


def run_once(job: Job) -> Sample:
    steps = [{"argv": step.argv, "cwd": str(step.cwd)} for step in job.steps]
    argv = [sys.executable, str(WRAPPER), json.dumps(steps)]
    proc = subprocess.Popen(argv, env=job.env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=job.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the wrapper leads its own group
        proc.communicate()
        return Sample(None, None, f"timeout after {job.timeout:.0f} s")
    if proc.returncode != 0:
        lines = err.strip().splitlines()
        return Sample(None, None, lines[-1] if lines else f"exit {proc.returncode}")
    report = json.loads(out)
    peak = report["peak_kib"] / 1024
    if report["returncode"] != 0:
        return Sample(None, peak, f"exit {report['returncode']}: {report['stderr'][:160]}")
    return Sample(report["seconds"], peak)


def interleave(jobs: list[Job | None], runs: int) -> list[Samples]:
    """Run the jobs in turn (A B A B ...), so a busy moment of the machine hits each alike.

    A job that fails is not run again: its next runs would fail the same way, slowly.
    """
    results = [Samples() for _ in jobs]
    for _ in range(runs):
        for job, samples in zip(jobs, results, strict=True):
            if job is None or samples.failed:
                continue
            samples.runs.append(run_once(job))
    return results
