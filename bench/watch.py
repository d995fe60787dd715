"""Watch latency: from saving lecture.md to a new deck, and to a new booklet.

`chapbook watch DIR --out OUT` keeps running and rebuilds when the lecture changes.
The benchmark starts it on a copy of the sample, waits for the first build's
outputs, then appends a word to lecture.md and times how long each output takes
to be replaced. Each row is also set against a cold `chapbook build` of the same
lecture, run after each edit while the watcher is idle. Until the command exists the
row says "not available".
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import replace
from pathlib import Path

from bench.context import SAMPLE, Context, Row
from bench.measure import Sample, Samples, run_once

POLL = 0.02  # seconds between looks at the outputs' mtimes
SETTLE = 1.0  # outputs unchanged this long: the watcher is idle


def available(ctx: Context) -> bool:
    try:
        done = subprocess.run(ctx.chapbook("watch", "--help"), env=ctx.env, check=False,
                              capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def _settle(outputs: list[Path], timeout: float, proc: subprocess.Popen) -> bool:
    """Wait until every output exists and none has changed for SETTLE seconds."""
    deadline = time.perf_counter() + timeout
    last, since = None, time.perf_counter()
    while time.perf_counter() < deadline and proc.poll() is None:
        now = [_mtime(p) for p in outputs]
        if now != last:
            last, since = now, time.perf_counter()
        elif None not in now and time.perf_counter() - since >= SETTLE:
            return True
        time.sleep(POLL)
    return False


def _peak_mib(pid: int) -> float | None:
    """The watcher's own peak resident set (VmHWM), read before it is stopped."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _edit_and_time(lecture: Path, deck: Path, booklet: Path,
                   timeout: float) -> tuple[Sample, Sample]:
    before = {p: _mtime(p) for p in (deck, booklet)}
    with lecture.open("a", encoding="utf-8") as f:
        f.write(" edited\n")
    started = time.perf_counter()
    seconds = {}
    while time.perf_counter() - started < timeout and len(seconds) < 2:
        for p in (deck, booklet):
            if p not in seconds and _mtime(p) != before[p]:
                seconds[p] = time.perf_counter() - started
        time.sleep(POLL)

    def result(path: Path) -> Sample:
        if path in seconds:
            return Sample(seconds[path], None)
        return Sample(None, None, f"timeout after {timeout:.0f} s")

    return result(deck), result(booklet)


def watch_latency(ctx: Context) -> list[Row]:
    names = ("`chapbook watch`: edit to new deck", "`chapbook watch`: edit to new booklet")
    if not available(ctx):
        return [Row(name, None, note="not available", anchor_note="-") for name in names]
    folder = ctx.tmp / "watch" / SAMPLE
    shutil.copytree(ctx.sample, folder, dirs_exist_ok=True)
    out = ctx.tmp / "watch-out"
    deck, booklet = out / f"{SAMPLE}.pptx", out / f"{SAMPLE}.pdf"
    proc = subprocess.Popen(ctx.chapbook("watch", folder, "--out", out), env=ctx.env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    threading.Thread(target=proc.stdout.read, daemon=True).start()  # never block its output
    deck_times, booklet_times, cold = Samples(), Samples(), Samples()
    cold_build = ctx.job([ctx.chapbook("build", folder, "--out", ctx.tmp / "cold-out", "-q")])
    try:
        ctx.progress(f"chapbook watch: first build, then {ctx.runs} edits")
        if not _settle([deck, booklet], ctx.timeout, proc):
            failure = Sample(None, None, "the first build never finished")
            return [Row(names[0], Samples([failure])), Row(names[1], Samples([failure]))]
        for _ in range(ctx.runs):
            d, b = _edit_and_time(folder / "lecture.md", deck, booklet, ctx.timeout)
            deck_times.runs.append(d)
            booklet_times.runs.append(b)
            if d.error or b.error or not _settle([deck, booklet], ctx.timeout, proc):
                break
            cold.runs.append(run_once(cold_build))  # in turn with the edits, the watcher idle
        peak = _peak_mib(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return [Row(name, Samples([replace(s, peak_mib=peak) for s in samples.runs]),
                anchor_note="-", baseline_work="a cold `chapbook build` (booklet + deck)",
                baseline=cold)
            for name, samples in zip(names, (deck_times, booklet_times), strict=True)]
