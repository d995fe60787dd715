"""What the numbers were measured on, printed under the table."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _first_line(argv: list[str], cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=cwd,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if done.returncode == 0 and lines else "not found"


def describe(root: Path, pandoc: str | None, path: str) -> list[str]:
    """Lines naming the machine and every program whose speed the table reports."""
    import weasyprint

    import chapbook

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    weasy = shutil.which("weasyprint", path=path) or "not on PATH"
    commit = _first_line(["git", "rev-parse", "--short", "HEAD"], cwd=root)
    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores, {memory:.0f} GiB memory;"
        f" load average at start {load}",
        f"- Python {platform.python_version()} ({platform.system()} {platform.release()})",
        f"- chapbook {chapbook.__version__} (commit {commit})",
        f"- WeasyPrint {weasyprint.__version__} (pandoc calls {weasy})",
        f"- {_first_line([pandoc, '--version']) if pandoc else 'pandoc: not found'}",
    ]
