"""A first and a second ``ganeq reproduce --quick``: two fresh processes, the first with an
empty persistent compilation cache (``GANEQ_JAX_CACHE``) and an empty memo (``GANEQ_MEMO``),
the second reading both (its figures and table come from the memo, its claims are checked
again).

For each run: wall and CPU seconds (both processes), the kernels the main process lowered
(``Compiling ...`` lines of ``JAX_LOG_COMPILES=1``; the figure worker's log is discarded),
those the persistent cache served (``Persistent compilation cache hit``) and those XLA
compiled (the other ``Finished XLA compilation`` lines), the figures and tables read from the
memo, and the load average; then the kernels the second run had to compile again, by name.
The two runs' verdicts (``results.json``) and figures (bytes) must be identical.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def _run(cache: str, out: str) -> dict:
    env = dict(os.environ, GANEQ_JAX_CACHE=cache, JAX_LOG_COMPILES="1",
               GANEQ_MEMO=os.path.join(os.path.dirname(cache), "memo"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "verifiers.cli", "reproduce", "--quick",
                           "--out", out], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"exit": proc.returncode, "wall": wall,
            "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "lowered": proc.stderr.count("Compiling "),
            "hits": proc.stderr.count("Persistent compilation cache hit"),
            "compiled": proc.stderr.count("Finished XLA compilation")
            - proc.stderr.count("Persistent compilation cache hit"),
            "missed": Counter(_compiled_names(proc.stderr)),
            "recalled": len(_provenance(out).get("recalled", [])),
            "load": os.getloadavg()[0]}


def _provenance(out: str) -> dict:
    try:
        return json.loads((Path(out) / "results.json").read_text(encoding="utf-8"))["provenance"]
    except (OSError, ValueError, KeyError):
        return {}


def _figures(out: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((Path(out) / "figures").glob("*"))}


def _compiled_names(log: str) -> list[str]:
    """Names of the kernels XLA compiled (not served by the persistent cache)."""
    names, hit = [], False
    for line in log.splitlines():
        if line.startswith("Persistent compilation cache hit"):
            hit = True
        elif line.startswith("Finished XLA compilation of "):
            if not hit:
                names.append(line.split()[4])
            hit = False
    return names


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
        drawn = [_figures(os.path.join(tmp, name)) for name in runs]
    print("| run | wall | CPU | kernels lowered | served by the cache | compiled by XLA "
          "| exhibits from the memo | exit | load |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        print(f"| {name} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['lowered']} | {r['hits']} "
              f"| {r['compiled']} | {r['recalled']} | {r['exit']} | {r['load']:.2f} |")
    print(f"\ncompiled again in the second run: {dict(runs['second']['missed'].most_common(12))}")
    first, second = runs["first"], runs["second"]
    print(f"\nsecond run {first['wall'] / second['wall']:.2f}× faster (wall), "
          f"{first['cpu'] / second['cpu']:.2f}× (CPU); {len(found[0])} verdicts, identical: "
          f"{found[0] == found[1]}; {len(drawn[0])} figure files, identical: "
          f"{drawn[0] == drawn[1]}")
