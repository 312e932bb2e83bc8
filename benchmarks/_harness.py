"""Timing and reporting shared by the ``bench_*`` modules.

Every row compares, on the SAME instances, ganeq's batched checker against the
fairest reference a competent user would write (vectorised numpy / one LAPACK
call over the stacked batch / one LP solve) and against two floors: one batched
evaluation of the value function V on the batch (the least any checker must
compute), and the batch's memory traffic (its input and output bytes at this
machine's measured copy bandwidth). Times are the minimum over repeats of a warm
call (``jax.block_until_ready``); the first call, which includes tracing and XLA
compilation, is reported apart as ``compile``. References are checked to give the
same numbers as ganeq (``np.testing.assert_allclose``) before any row is printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import jax
import numpy as np

REPEAT = 5
"""Warm calls per timing; the minimum is reported (the machine is shared)."""


def _block(out):
    return jax.block_until_ready(out)


def best_times(*calls: tuple, repeat: int = REPEAT) -> list[float]:
    """Minimum wall time of each ``(fn, *args)`` over ``repeat`` rounds, after one untimed
    call each; the calls take turns within a round (A B C A B C ...), so a change in the
    machine's load during the measurement hits all of them alike."""
    for fn, *args in calls:
        _block(fn(*args))
    best = [np.inf] * len(calls)
    for _ in range(repeat):
        for i, (fn, *args) in enumerate(calls):
            start = time.perf_counter()
            _block(fn(*args))
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def first_call(fn: Callable, *args) -> tuple[float, object]:
    """Wall time of the first call (tracing + compilation + one run) and its result."""
    start = time.perf_counter()
    out = _block(fn(*args))
    return time.perf_counter() - start, out


def nbytes(*arrays) -> int:
    """Bytes of every array in the (nested) arguments."""
    return sum(int(np.asarray(a).nbytes) for a in jax.tree_util.tree_leaves(arrays))


_BANDWIDTH: list[float] = []


def copy_bandwidth() -> float:
    """Bytes/s this machine moves in ``np.copyto`` of a 128 MiB array (read + write),
    best of 5; measured once per process."""
    if not _BANDWIDTH:
        src = np.ones(16 * 2**20)
        dst = np.empty_like(src)
        best = np.inf
        for _ in range(5):
            start = time.perf_counter()
            np.copyto(dst, src)
            best = min(best, time.perf_counter() - start)
        _BANDWIDTH.append(2 * src.nbytes / best)
    return _BANDWIDTH[0]


def same(ganeq, reference, *, rtol: float, atol: float = 0.0, what: str = "") -> float:
    """Assert the reference reproduces ganeq's numbers; returns the max relative difference
    ``|a − b| / max(1, |b|)`` over the finite entries (both must be non-finite at the same
    places)."""
    a, b = np.asarray(ganeq), np.asarray(reference)
    np.testing.assert_array_equal(np.isfinite(a), np.isfinite(b), err_msg=what)
    fin = np.isfinite(a)
    np.testing.assert_allclose(a[fin], b[fin], rtol=rtol, atol=atol, err_msg=what)
    return float(np.max(np.abs(a[fin] - b[fin]) / np.maximum(1.0, np.abs(b[fin])), initial=0.0))


@dataclass
class Row:
    """One checker on one batch: seconds for ganeq (warm), its first call, the fair
    reference, the floor V, and the batch's bytes."""

    checker: str
    n: int
    ganeq: float
    compile: float
    reference: float
    reference_name: str
    floor: float
    batch_bytes: int
    max_diff: float
    note: str = ""


def _t(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} µs"


HEADER = ("| checker | N | ganeq (warm) | first call (compile) | fair reference | "
          "reference / ganeq | V once (floor) | ganeq / V | memory floor | ganeq / memory "
          "| max rel. diff |")


def markdown(rows: list[Row]) -> str:
    """The table, one line per row (ratios > 1 in "reference / ganeq" mean ganeq is faster)."""
    bw = copy_bandwidth()
    lines = [HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    for r in rows:
        mem = r.batch_bytes / bw
        lines.append(
            f"| {r.checker} | {r.n:,} | {_t(r.ganeq)} | {_t(r.compile)} | {_t(r.reference)} "
            f"({r.reference_name}) | **{r.reference / r.ganeq:.2f}×** | {_t(r.floor)} | "
            f"{r.ganeq / r.floor:.1f}× | {_t(mem)} | {r.ganeq / mem:.0f}× | {r.max_diff:.1e} |"
        )
    notes = [f"- {r.checker}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))
