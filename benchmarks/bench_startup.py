"""Start-up of whole ``ganeq`` processes against ``python -c "import jax"``.

Each command runs ``RUNS`` times in a fresh process after one warm-up run (file cache
warm); the minimum and the median wall time are printed, with the load average. The
closed-form ``check`` is also given as its excess over ``import jax`` (target ≤ ~1 s).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
GANEQ = str(Path(sys.executable).with_name("ganeq"))
COMMANDS = {
    "python -c 'import jax'": [sys.executable, "-c", "import jax"],
    "ganeq --help": [GANEQ, "--help"],
    "ganeq list": [GANEQ, "list"],
    "ganeq describe farnia2020.theorem1.w2gan": [GANEQ, "describe", "farnia2020.theorem1.w2gan"],
    "ganeq check farnia2020.theorem1.w2gan": [GANEQ, "check", "farnia2020.theorem1.w2gan"],
}


def wall_times(argv: list[str], runs: int) -> list[float]:
    subprocess.run(argv, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main(quick: bool = False) -> None:
    runs = 3 if quick else RUNS
    print("| command | min | median | load average |\n|---|---|---|---|")
    best = {}
    for name, argv in COMMANDS.items():
        times = wall_times(argv, runs)
        best[name] = min(times)
        load = os.getloadavg()[0]
        print(f"| `{name}` | {min(times):.2f} s | {statistics.median(times):.2f} s | {load:.2f} |",
              flush=True)
    jax_s = best["python -c 'import jax'"]
    check_s = best["ganeq check farnia2020.theorem1.w2gan"]
    print(f"\ncheck − import jax = {check_s - jax_s:.2f} s (check / import jax = "
          f"{check_s / jax_s:.2f}×)")
