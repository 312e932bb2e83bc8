"""The entropic mirror step in the log domain (Hsieh, Liu & Cevher 2019, eq. (2)).

``MD_η(z, b)_i = z_i e^{−η b_i} / Σ_k z_k e^{−η b_k}``. On log-weights
``ℓ = log z`` the step is ``ℓ' = ℓ − η b − logsumexp(ℓ − η b)``, which never
underflows however many steps are taken; Theorem 1 of the paper (eq. (7)) is the
same formula with the sum replaced by an integral, so this one function serves
particles (weighted samples) too.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax.scipy.special import logsumexp

from theory import _config  # noqa: F401


@jax.jit
def log_md_step(log_z, b, eta):
    """``log MD_η(z, b)`` from ``log z`` (eq. (2)); ``log_z`` normalised or not."""
    shifted = log_z - eta * b
    return shifted - logsumexp(shifted)


@jax.jit
def md_step(z, b, eta):
    """``MD_η(z, b)`` on a probability vector ``z`` (zeros stay zero)."""
    return jnp.exp(log_md_step(jnp.log(z), b, eta))


def uniform_log(d: int):
    """Log-weights of the uniform distribution on ``d`` points."""
    return jnp.full(d, -jnp.log(d), dtype=jnp.float64)
