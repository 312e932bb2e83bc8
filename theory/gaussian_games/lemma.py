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


def standardised(ell: LogRatio, mu, C) -> LogRatio:
    """Coefficients of ``ξ ↦ ell_G(μ + Rξ)``, ``R = C^{1/2}``: ``(RBR, R(Bμ + β), ell_G(μ))``
    (expand ``½ (μ + Rξ)ᵀB(μ + Rξ) + βᵀ(μ + Rξ) + γ``; B and R are symmetric)."""
    R = sqrtm_psd(C)
    return LogRatio(R @ ell.B @ R, R @ (ell.B @ mu + ell.beta), evaluate(ell, mu))


def gauss_hermite(phi, ell: LogRatio, mu, C, n: int = 80):
    """``E[φ(ell_G(Y))]``, ``Y ~ N(μ, C)``, by ``n``-point tensor Gauss–Hermite over
    ``ξ ~ N(0, I_d)`` with ``Y = μ + C^{1/2}ξ`` (:func:`standardised`). The quadratic form is
    summed column by column, so that φ and the weighted sum run in one pass over the nodes
    (a d-column ``Y`` and its matrix products cost several: d = 3 has 80³ nodes)."""
    nodes, weights = hermite_grid(mu.shape[0], n)
    s = standardised(ell, mu, C)
    xi = [jnp.asarray(col) for col in nodes.T]
    val = s.gamma
    for i, xi_i in enumerate(xi):
        inner = s.beta[i] + 0.5 * s.B[i, i] * xi_i
        for j in range(i + 1, len(xi)):
            inner = inner + s.B[i, j] * xi[j]
        val = val + xi_i * inner
    return jnp.sum(jnp.asarray(weights) * phi(val))
