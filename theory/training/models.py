"""Small fully connected networks as plain pytrees (lists of ``(W, b)`` pairs).

Mescheder et al. 2018, supplement F: generator and discriminator are 4-layer
fully connected networks with 8, 16 or 32 hidden units and leaky-ReLU
(``φ(t) = max(t, 0.2 t)``) or tanh activations. :func:`init` draws the
weights (Glorot-uniform, zero biases); :func:`apply` evaluates
``x ↦ W_L φ(… φ(W_1 x + b_1) …) + b_L``; with ``spectral=True`` every weight
matrix is divided by its largest singular value first (spectral normalisation,
Miyato et al. 2018, the singular value by power iteration to convergence: see
:func:`top_singular_value`).
"""

from __future__ import annotations

from collections.abc import Sequence

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401

LEAK = 0.2
"""Slope of the leaky ReLU for t < 0 (supplement F)."""

ACTIVATIONS = {
    "leaky_relu": lambda t: jnp.maximum(t, LEAK * t),
    "tanh": jnp.tanh,
}


def sizes(n_in: int, hidden: int, n_out: int, layers: int = 4) -> tuple[int, ...]:
    """Layer widths of a ``layers``-layer network: ``(n_in, hidden, …, hidden, n_out)``."""
    return (n_in, *([hidden] * (layers - 1)), n_out)


def init(key: jax.Array, widths: Sequence[int]) -> list[tuple[jax.Array, jax.Array]]:
    """Glorot-uniform weights ``W`` of shape ``(n_in, n_out)`` and zero biases."""
    keys = jax.random.split(key, len(widths) - 1)
    glorot = jax.nn.initializers.glorot_uniform()
    return [(glorot(k, (a, b), jnp.float64), jnp.zeros(b))
            for k, a, b in zip(keys, widths[:-1], widths[1:], strict=True)]


POWER_ITERATIONS = 100
"""Power iterations per :func:`top_singular_value` (the vector error shrinks like
``(σ₂/σ₁)^(2k)``, and ``σ`` errs by its square)."""


def top_singular_value(w: jax.Array) -> jax.Array:
    """``σ_max(W) = uᵀ W v`` with ``(u, v)`` the top singular pair found by power iteration
    on ``WᵀW`` from the all-ones vector and held fixed under differentiation, so that
    ``∂σ/∂W = u vᵀ``, the derivative of a simple ``σ_max`` (Miyato et al. 2018's estimator,
    iterated to convergence). No LAPACK call: several batched LAPACK calls running at once
    deadlock XLA's CPU thread pool (``benchmarks/stall_repro.py``), and a discriminator
    with one SVD per layer, evaluated at two parameter sets, makes several."""
    ws = jax.lax.stop_gradient(w)

    def power(v, _):
        v = ws.T @ (ws @ v)
        return v / jnp.linalg.norm(v), None

    v0 = jnp.full(w.shape[1], w.shape[1] ** -0.5, w.dtype)
    v, _ = jax.lax.scan(power, v0, None, length=POWER_ITERATIONS)
    u = ws @ v
    return (u / jnp.linalg.norm(u)) @ w @ v


def spectral_normalised(params):
    """Each ``W`` divided by its largest singular value ``σ_max(W)``
    (:func:`top_singular_value`)."""
    return [(w / top_singular_value(w), b) for w, b in params]


def apply(params, x: jax.Array, activation: str = "leaky_relu", spectral: bool = False):
    """The network on a batch ``x`` of shape ``(n, n_in)``; returns ``(n, n_out)``."""
    phi = ACTIVATIONS[activation]
    if spectral:
        params = spectral_normalised(params)
    for w, b in params[:-1]:
        x = phi(x @ w + b)
    w, b = params[-1]
    return x @ w + b
