"""Start-up of whole ``ganeq`` processes against ``python -c "import jax"``.

After one warm-up run of each command (file cache warm), ``RUNS`` rounds run every command
once in turn (A B C … A B C …), so a change in the machine's load hits all of them alike.
Printed per command: the minimum and the median wall time, the median CPU time (user + sys
of the finished process, steadier than wall time on a loaded machine) and the load average.
The closed-form ``check`` is also given as its excess over ``import jax`` (target ≤ ~1 s),
the median over rounds of the difference within each round.

Every command runs in the user's environment with the persistent compilation cache at its
default place (filled by the warm-up), not under the ``GANEQ_JAX_CACHE=0`` that
``python -m benchmarks`` sets for its table benchmarks; the last row is the same ``check``
with the cache off (``GANEQ_JAX_CACHE=0``: every kernel compiled, as on a first run).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
GANEQ = str(Path(sys.executable).with_name("ganeq"))
JAX = "python -c 'import jax'"
CHECK = "ganeq check farnia2020.theorem1.w2gan"
CACHE = "GANEQ_JAX_CACHE"
COMMANDS = {
    JAX: [sys.executable, "-c", "import jax"],
    "ganeq --help": [GANEQ, "--help"],
    "ganeq list": [GANEQ, "list"],
    "ganeq describe farnia2020.theorem1.w2gan": [GANEQ, "describe", "farnia2020.theorem1.w2gan"],
    CHECK: [GANEQ, "check", "farnia2020.theorem1.w2gan"],
    f"{CACHE}=0 {CHECK}": [GANEQ, "check", "farnia2020.theorem1.w2gan"],
}


def _env(name: str) -> dict[str, str]:
    """The environment without ``GANEQ_JAX_CACHE`` (default cache), or with it set to 0 for
    the row that says so."""
    env = {k: v for k, v in os.environ.items() if k != CACHE}
    return {**env, CACHE: "0"} if name.startswith(f"{CACHE}=0") else env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of one run of ``argv`` as a fresh process."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, env=env)
    return time.perf_counter() - start, _children_cpu() - cpu


def main(quick: bool = False) -> None:
    runs = 3 if quick else RUNS
    for name, argv in COMMANDS.items():
        subprocess.run(argv, capture_output=True, check=True, env=_env(name))
    wall: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    loads = [os.getloadavg()[0]]
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            w, c = timed(argv, _env(name))
            wall[name].append(w)
            cpu[name].append(c)
        loads.append(os.getloadavg()[0])
    print(f"{runs} rounds; load average {min(loads):.2f}–{max(loads):.2f}\n")
    print("| command | min wall | median wall | median CPU |\n|---|---|---|---|")
    for name in COMMANDS:
        print(f"| `{name}` | {min(wall[name]):.2f} s | {statistics.median(wall[name]):.2f} s | "
              f"{statistics.median(cpu[name]):.2f} s |")
    excess = statistics.median(c - j for c, j in zip(wall[CHECK], wall[JAX], strict=True))
    excess_cpu = statistics.median(c - j for c, j in zip(cpu[CHECK], cpu[JAX], strict=True))
    print(f"\ncheck − import jax (median over rounds): {excess:.2f} s wall, {excess_cpu:.2f} s CPU")
