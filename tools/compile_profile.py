"""Where the test suite's JAX compilation time goes: a pytest plugin and its summary.

Record (each xdist worker writes its own file into ``GANEQ_COMPILE_PROFILE``)::

    XDG_CACHE_HOME=$(mktemp -d) GANEQ_COMPILE_PROFILE=build/compile-profile \\
      PYTHONPATH=tools .venv/bin/python -m pytest -p compile_profile -n 2 -q

(an empty ``XDG_CACHE_HOME`` empties JAX's persistent cache: the cold run of a new machine).
Summarise::

    .venv/bin/python tools/compile_profile.py build/compile-profile

The plugin turns on ``jax_log_compiles`` and records, per test, every "Finished tracing",
"Finished jaxpr to MLIR module conversion" and "Finished XLA compilation" line of JAX's log
(a persistent-cache hit is logged as a compilation too, with its load time). Subprocesses
(CLI tests, notebooks) are not recorded.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

_LINE = re.compile(r"Finished (XLA compilation|tracing|jaxpr to MLIR module conversion) "
                   r"(?:of |for )?(.*?) in ([0-9.e-]+) sec")
_STAGE = {"XLA compilation": "compile", "tracing": "trace",
          "jaxpr to MLIR module conversion": "lower"}
_STATE: dict = {"test": None}


class _Recorder(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        found = _LINE.search(record.getMessage())
        if found:
            stage, what, seconds = found.groups()
            _STATE["out"].write(json.dumps({"test": _STATE["test"], "stage": _STAGE[stage],
                                            "fn": what, "s": float(seconds)}) + "\n")


def pytest_configure(config) -> None:
    import jax

    folder = Path(os.environ.get("GANEQ_COMPILE_PROFILE", "build/compile-profile"))
    folder.mkdir(parents=True, exist_ok=True)
    _STATE["out"] = open(folder / f"{os.getpid()}.jsonl", "w")  # noqa: SIM115 (closed at exit)
    jax.config.update("jax_log_compiles", True)
    for name in ("jax._src.dispatch", "jax._src.interpreters.pxla"):
        logger = logging.getLogger(name)
        logger.addHandler(_Recorder())
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def pytest_runtest_setup(item) -> None:
    _STATE["test"] = item.nodeid


def pytest_unconfigure(config) -> None:
    if "out" in _STATE:
        _STATE["out"].close()


def summary(folder: Path, top: int = 15) -> str:
    """Seconds and counts per stage, the split of compilations at 0.5 s, and the test files
    and jitted functions with the most compile time."""
    rows = [json.loads(line) for f in sorted(folder.glob("*.jsonl"))
            for line in f.read_text().splitlines() if line.strip()]
    seconds, counts = Counter(), Counter()
    for r in rows:
        seconds[r["stage"]] += r["s"]
        counts[r["stage"]] += 1
    compiles = [r for r in rows if r["stage"] == "compile"]
    slow = [r["s"] for r in compiles if r["s"] > 0.5]
    lines = [f"{stage}: {counts[stage]} events, {seconds[stage]:.1f} s of CPU"
             for stage in ("trace", "lower", "compile")]
    lines.append(f"compilations over 0.5 s: {len(slow)}, {sum(slow):.1f} s")
    for key, title in ((lambda r: (r["test"] or "-").split("::")[0], "test file"),
                       (lambda r: r["fn"], "jitted function")):
        per = defaultdict(lambda: [0, 0.0])
        for r in compiles:
            per[key(r)][0] += 1
            per[key(r)][1] += r["s"]
        lines.append(f"by {title} (compile s, count):")
        lines += [f"  {s:7.1f} {n:5d}  {name}"
                  for name, (n, s) in sorted(per.items(), key=lambda kv: -kv[1][1])[:top]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1] if len(sys.argv) > 1 else "build/compile-profile")))
