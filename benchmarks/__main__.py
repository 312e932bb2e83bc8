"""``python -m benchmarks [--quick] [NAME ...]``: every table benchmark in one run, one
Markdown table (ganeq vs the fair reference vs the floors), preceded by the machine.

NAME is a module suffix (``dirac``, ``nash``, ``proximal``, ``mixed``); by default all
four. ``startup`` and ``reproduce`` (whole-process timings, minutes) run only when named.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import time

from benchmarks._harness import copy_bandwidth, markdown

TABLES = ("dirac", "nash", "proximal", "mixed")
PROCESSES = ("startup", "reproduce")


def machine() -> str:
    """One line: CPU model, cores, load, and the library versions the numbers depend on."""
    import jax
    import numpy as np
    import scipy

    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if "model name" in line)
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{model}; {os.cpu_count()} cores; load average {load}; python "
            f"{platform.python_version()}, jax {jax.__version__}, numpy {np.__version__}, "
            f"scipy {scipy.__version__}; copy bandwidth {copy_bandwidth() / 1e9:.1f} GB/s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"any of {', '.join(TABLES + PROCESSES)}")
    parser.add_argument("--quick", action="store_true", help="10x smaller batches")
    args = parser.parse_args(argv)
    names = args.names or list(TABLES)
    unknown = set(names) - set(TABLES + PROCESSES)
    if unknown:
        parser.error(f"unknown benchmark(s) {sorted(unknown)}; choose from {TABLES + PROCESSES}")
    print(f"machine: {machine()}\n", flush=True)
    rows = []
    start = time.perf_counter()
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        if name in PROCESSES:
            module.main(args.quick)
            continue
        rows += module.rows(args.quick)
        print(f"({name} done, {time.perf_counter() - start:.0f} s)", flush=True)
    if rows:
        print("\n" + markdown(rows))
    print(f"\nload average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"total {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
