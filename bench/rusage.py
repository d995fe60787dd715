"""Runs commands one after another and prints, as JSON, their wall time and peak memory.

The parent measures through this small process because `RUSAGE_CHILDREN` is the
largest resident set of any process waited for so far: in a fresh process it is
the peak of the measured commands' process trees alone, not of the benchmark.

    python bench/rusage.py '[{"argv": ["cmd", "arg"], "cwd": "/tmp"}, ...]'
"""

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    steps = json.loads(sys.argv[1])
    started = time.perf_counter()
    returncode, tail = 0, ""
    for step in steps:
        done = subprocess.run(step["argv"], cwd=step["cwd"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if done.returncode != 0:
            returncode = done.returncode
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            tail = lines[-1] if lines else ""
            break
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kib": peak_kib,
                      "returncode": returncode, "stderr": tail}))


if __name__ == "__main__":
    main()
