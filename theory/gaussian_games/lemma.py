"""The Gaussian expectation lemma behind every f-GAN closed form (Farnia & Ozdaglar 2020,
Theorem 1; docs/derivations/farnia2020.md).

For ``P_G = N(u, S)`` (S ≻ 0) against data ``N(0, Σ)`` the log density ratio is

    ell_G(y) = log p_X(y) − log p_G(y) = ½ yᵀBy + βᵀy + γ,
    B = S⁻¹ − Σ⁻¹,  β = −S⁻¹u,  γ = ½ uᵀS⁻¹u + ½ log(det S / det Σ).

For ``Y ~ N(μ, C)`` (C ⪰ 0, possibly singular), ``R = C^{1/2}``:

    E[ell_G(Y)] = ½ tr(BC) + ½ μᵀBμ + βᵀμ + γ,
    log E[e^{a ell_G(Y)}] = −½ log det(I − P) + a(½ μᵀBμ + βᵀμ + γ) + ½ qᵀ(I − P)⁻¹q,
    P = a R B R,  q = a R(Bμ + β),  valid iff I − P ≻ 0 (else +inf).

All functions are pure JAX (jit/vmap-able); shapes fix ``d``.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.gaussian_ot import sqrtm_psd


class LogRatio(NamedTuple):
    """Coefficients of ``ell_G(y) = ½ yᵀBy + βᵀy + γ``."""

    B: jax.Array
    beta: jax.Array
    gamma: jax.Array


@jax.jit
def log_ratio(S, u, Sigma) -> LogRatio:
    """``(B, β, γ)`` of ``ell_G`` for ``P_G = N(u, S)``, data ``N(0, Σ)`` (S ≻ 0)."""
    Sinv = jnp.linalg.inv(S)
    B = Sinv - jnp.linalg.inv(Sigma)
    beta = -Sinv @ u
    gamma = 0.5 * u @ Sinv @ u + 0.5 * (jnp.linalg.slogdet(S)[1] - jnp.linalg.slogdet(Sigma)[1])
    return LogRatio(0.5 * (B + B.T), beta, gamma)


def evaluate(ell: LogRatio, y):
    """``ell_G(y)`` for one point or rows of ``y``."""
    return 0.5 * jnp.einsum("...i,ij,...j->...", y, ell.B, y) + y @ ell.beta + ell.gamma


@jax.jit
def mean(ell: LogRatio, mu, C):
    """``E[ell_G(Y)]``, ``Y ~ N(μ, C)``."""
    return 0.5 * jnp.trace(ell.B @ C) + 0.5 * mu @ ell.B @ mu + ell.beta @ mu + ell.gamma


@jax.jit
def log_mgf(a, ell: LogRatio, mu, C):
    """``log E[e^{a ell_G(Y)}]``, ``Y ~ N(μ, C)``; ``+inf`` when ``I − aRBR`` is not ≻ 0."""
    R = sqrtm_psd(C)
    d = mu.shape[0]
    M = jnp.eye(d) - a * R @ ell.B @ R
    lam = jnp.linalg.eigvalsh(0.5 * (M + M.T))
    ok = jnp.min(lam) > 0
    q = a * R @ (ell.B @ mu + ell.beta)
    safe = jnp.where(ok, M, jnp.eye(d))
    quad = q @ jnp.linalg.solve(safe, q)
    val = (-0.5 * jnp.sum(jnp.log(jnp.where(ok, lam, 1.0)))
           + a * (0.5 * mu @ ell.B @ mu + ell.beta @ mu + ell.gamma) + 0.5 * quad)
    return jnp.where(ok, val, jnp.inf)


def hermite_grid(d: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Tensor Gauss–Hermite nodes ``ξ`` (rows) and weights for ``E[φ(ξ)]``, ``ξ ~ N(0, I_d)``."""
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / np.sqrt(2.0 * np.pi)
    grids = np.meshgrid(*([x] * d), indexing="ij")
    weights = np.prod(np.meshgrid(*([w] * d), indexing="ij"), axis=0)
    return np.stack([g.ravel() for g in grids], axis=1), weights.ravel()


def gauss_hermite(fn, mu, C, n: int = 80):
    """``E[fn(Y)]``, ``Y ~ N(μ, C)``, by tensor Gauss–Hermite (fn maps rows to values)."""
    nodes, weights = hermite_grid(mu.shape[0], n)
    y = mu + jnp.asarray(nodes) @ sqrtm_psd(C).T
    return jnp.sum(jnp.asarray(weights) * fn(y))
