"""Empirical convergence rates of trajectories.

A linearly convergent iteration ``x_{k+1} ≈ F'(0) x_k`` has ``‖x_k‖ ≈ C ρ^k``
with ``ρ = ρ(F'(0))`` (the spectral radius, Lemma A.4 / Proposition A.1). The
rate is measured as ``exp(slope)`` of a least-squares line through
``(k, log ‖x_k‖)`` over the window ``lo < ‖x_k‖ < hi`` (default
``[1e-13, 1e-4]``: above the rounding floor ≈ 1e-16 of the quadrature-based
fields and inside the linear regime). A descriptive estimate for plots and
notebooks; the claim ``ganeq.dirac.empirical_rate`` reads the rate with an
a-priori error bound instead. Jittable and ``vmap``-able.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401

WINDOW = (1e-13, 1e-4)


def _slope(k, y, w):
    n = jnp.sum(w)
    kbar = jnp.sum(w * k) / n
    ybar = jnp.sum(w * y) / n
    return jnp.sum(w * (k - kbar) * (y - ybar)) / jnp.sum(w * (k - kbar) ** 2)


@jax.jit
def empirical_rate(norms, step=1.0, lo=WINDOW[0], hi=WINDOW[1]):
    """``(rate, error, count)``: the per-iteration rate fitted on the window
    (``norms`` sampled every ``step`` iterations), the difference between the
    rates fitted on the window's two halves (an error estimate) and the number
    of points in the window (NaN rate if fewer than 4)."""
    k = jnp.arange(norms.shape[0], dtype=jnp.float64) * step
    y = jnp.log(jnp.maximum(norms, 1e-300))
    w = ((norms > lo) & (norms < hi)).astype(jnp.float64)
    count = jnp.sum(w)
    kmid = jnp.sum(w * k) / jnp.maximum(count, 1.0)
    first, second = w * (k <= kmid), w * (k > kmid)
    rate = jnp.exp(_slope(k, y, w))
    error = jnp.abs(jnp.exp(_slope(k, y, first)) - jnp.exp(_slope(k, y, second)))
    return jnp.where(count >= 4, rate, jnp.nan), jnp.where(count >= 8, error, jnp.nan), count
