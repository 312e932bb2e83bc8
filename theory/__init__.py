"""Closed forms of the GAN equilibrium theory: exact expressions and the
numpy/jax functions that evaluate them. No search, no verdicts.

Importing :mod:`theory` configures JAX for float64 (see :mod:`theory._config`).
"""

from theory import _config  # noqa: F401  (float64 before any jax use)
