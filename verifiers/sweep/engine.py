"""Screening many instances with a batched margin: fixed, padded chunks sharded over
every local device.

Instances are grouped by their static values (array shapes, e.g. the dimension d);
each group's rows form a float64 matrix, padded (with copies of its last row) to a
multiple of ``CHUNK × len(jax.devices())`` and evaluated chunk by chunk by one
jitted ``vmap`` of the kernel: a sweep compiles once per group, whatever its size.
Each chunk is placed with ``NamedSharding(Mesh(jax.devices(), ('i',)), P('i'))``,
so XLA splits it over the devices (CPU host devices forced by
``XLA_FLAGS=--xla_force_host_platform_device_count=N``, or GPUs). Over several hosts,
start every process with ``jax.distributed.initialize()`` first: ``jax.devices()``
then lists every host's devices and the same code shards over all of them (not
tested here).

Chunks run one after the other, each waited for before the next is dispatched:
XLA's CPU runtime can deadlock when two large batched LAPACK calls (QR, eigh) run
at once (benchmarks/stall_repro.py), and a chunk of ``CHUNK`` rows keeps every
call inside one kernel small. Several devices run their shards at once, so each
gets ``MULTI_DEVICE_CHUNK`` rows: with two forced CPU host devices the Theorem 1
W2GAN screen at d = 3 (batched 3 x 3 ``eigh``) deadlocked at 2048 rows per device
and never at 256 or 64.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from verifiers import tolerances
from verifiers.sweep.spec import INCONCLUSIVE, Batched

CHUNK = 2048
"""Rows per chunk on one device (measured: benchmarks/README.md, section Sweeps)."""
MULTI_DEVICE_CHUNK = 256
"""Rows per device per chunk when there are several devices (see the module docstring)."""


@cache
def _mesh():
    import jax
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    mesh = Mesh(np.array(jax.devices()), ("i",))
    return mesh, NamedSharding(mesh, PartitionSpec("i"))


@cache
def _compiled(kernel, static: tuple, width: int):
    """``jit(vmap(kernel))`` over rows of a ``(n, width)`` matrix, static values bound."""
    import jax

    def one(row):
        return kernel(*(row[j] for j in range(width)), *static)

    return jax.jit(jax.vmap(one))


def clear() -> None:
    """Forget compiled kernels (after a kernel's closed forms were changed, in tests)."""
    _compiled.cache_clear()


def devices() -> int:
    return len(_mesh()[0].devices.flat)


def evaluate(kernel, static: tuple, rows: np.ndarray, chunk: int | None = None) -> tuple:
    """``(margin, tolerance, code)`` arrays for a ``(n, width)`` matrix of rows, in chunks
    of ``chunk`` rows per device (default :data:`CHUNK`, or :data:`MULTI_DEVICE_CHUNK` on
    several devices)."""
    import jax

    n, width = rows.shape
    _, sharding = _mesh()
    if chunk is None:
        chunk = CHUNK if devices() == 1 else MULTI_DEVICE_CHUNK
    size = chunk * devices()
    padded = np.concatenate([rows, np.repeat(rows[-1:], -n % size, axis=0)]) if n else rows
    fn = _compiled(kernel, static, width)
    out = [[], [], []]
    for start in range(0, len(padded), size):
        block = jax.device_put(padded[start:start + size], sharding)
        for acc, value in zip(out, fn(block), strict=True):
            acc.append(np.asarray(value))  # waits: one chunk at a time
    if not n:
        return np.zeros(0), np.zeros(0), np.zeros(0, int)
    margin, tol, code = (np.concatenate(acc)[:n] for acc in out)
    return margin.astype(float), tol.astype(float), code.astype(int)


def screen(batched: Batched, instances: Sequence[Mapping[str, Any]],
           chunk: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(margin, tolerance, code)`` of each validated instance, in order."""
    n = len(instances)
    margin, tol, code = np.full(n, np.nan), np.zeros(n), np.zeros(n, int)
    groups: dict[tuple, list[int]] = {}
    for i, params in enumerate(instances):
        groups.setdefault(tuple(batched.static(params)), []).append(i)
    for static, idx in groups.items():
        rows = np.array([batched.row(instances[i]) for i in idx], dtype=float)
        margin[idx], tol[idx], code[idx] = evaluate(batched.kernel, static, rows, chunk)
        flushed = np.asarray(idx)[_subnormal(rows)]
        margin[flushed], tol[flushed], code[flushed] = np.nan, 0.0, INCONCLUSIVE
    return margin, tol, code


def _subnormal(rows: np.ndarray) -> np.ndarray:
    """Rows with a subnormal number: XLA on CPU flushes it to zero, so the screen cannot
    decide them (``inconclusive``: the sweep certifies them in full)."""
    return np.any(tolerances.subnormal(rows), axis=1)
