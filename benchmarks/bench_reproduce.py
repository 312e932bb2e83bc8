"""Compilation in ``ganeq reproduce --quick --no-figures``: two fresh processes, the first
with an empty persistent compilation cache (``GANEQ_JAX_CACHE``), the second reading it.

For each run: wall and CPU seconds, the kernels JAX lowered (``Compiling ...`` lines of
``JAX_LOG_COMPILES=1``) and those XLA actually compiled (``Finished XLA compilation``; a
kernel served by the persistent cache is lowered but not compiled), and the load average.
The two runs' verdicts (``results.json``) must be identical.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cache: str, out: str) -> dict:
    env = dict(os.environ, GANEQ_JAX_CACHE=cache, JAX_LOG_COMPILES="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "verifiers.cli", "reproduce", "--quick",
                           "--no-figures", "--out", out], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"exit": proc.returncode, "wall": wall,
            "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "lowered": proc.stderr.count("Compiling "),
            "compiled": proc.stderr.count("Finished XLA compilation"),
            "load": os.getloadavg()[0]}


def verdicts(out: str) -> list[tuple[str, str]]:
    """Every ``verdict`` in the run's ``results.json`` with its path in the document."""
    found: list[tuple[str, str]] = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "verdict":
                    found.append((where, str(value)))
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(json.loads((Path(out) / "results.json").read_text(encoding="utf-8")), "")
    return found


def main(quick: bool = False) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "jax-cache")
        runs = {name: _run(cache, os.path.join(tmp, name)) for name in ("first", "second")}
        found = [verdicts(os.path.join(tmp, name)) for name in runs]
        same = found[0] == found[1]
    print("| run | wall | CPU | kernels lowered | kernels compiled | exit | load |")
    print("|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        print(f"| {name} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['lowered']} | "
              f"{r['compiled']} | {r['exit']} | {r['load']:.2f} |")
    first, second = runs["first"], runs["second"]
    print(f"\nsecond run {first['wall'] / second['wall']:.2f}× faster (wall), "
          f"{first['cpu'] / second['cpu']:.2f}× (CPU); {len(found[0])} verdicts, identical: {same}")
