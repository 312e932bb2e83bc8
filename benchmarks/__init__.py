"""Reproducible speed comparisons: each ``bench_*.py`` module times a batched
ganeq checker against a plain reference in the same run and prints ratios.
Run all with ``make bench`` (``python -m benchmarks``) or one with
``python -m benchmarks.bench_<name>``."""
