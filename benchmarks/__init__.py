"""Honest speed comparisons: ganeq's batched checkers against the fairest reference on
the same instances and against the floors (one batched V, the batch's memory traffic),
all in one run of ``make bench`` (``python -m benchmarks [--quick] [NAME ...]``); start-up
and compilation of whole ``ganeq`` processes by name (``startup``, ``reproduce``).
See benchmarks/README.md."""

import os

# First calls are reported as compile times: no persistent cache may serve them.
os.environ.setdefault("GANEQ_JAX_CACHE", "0")
