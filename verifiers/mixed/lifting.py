"""The lifting of Hsieh et al. 2019, §2.2, on the discretised 1-D WGAN game.

Critics ``f_s`` are piecewise linear, ``f_s(0) = 0``, slope ``s_i`` on cell i of
[−X, X] and sign(x) beyond; generators are ``P_θ = N(u, w²)``; ``P_real = N(0, σ²)``.
Eq. (5): ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` with ``g(s) = E_{P_real} f_s``,
``(Gν)(s) = E_{θ~ν} E_{P_θ} f_s`` and ``(G†μ)(θ) = E_{s~μ} E_{P_θ} f_s`` (eq. (6)).

Two routes, kept apart:

* operator route: ``M[j, k] = E_{P_θk} f_{s_j}`` from the exact cell integrals
  ``E f_s(X) = Σ_i s_i ∫_{cell i}(1{x > 0} − F(x)) dx + tails``; ``F`` is
  evaluated with jax and differentiated by autodiff;
* quadrature route: ``∫ f_s(x) q(x) dx`` against the densities, by adaptive
  quadrature cell by cell (independent of the cell-integral closed forms).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from scipy.integrate import quad

from theory.mixed import wgan1d


def expected_critic(slopes, edges, w, u) -> np.ndarray:
    """``E_{N(u_k, w_k²)} f_{s_j}`` for every critic row j and generator k (exact)."""
    e = np.asarray(edges, float)
    right = (e[:-1] >= 0).astype(float)[:, None]
    cells = np.diff(e)[:, None] * right - wgan1d.cdf_cell_integrals(e, w, u)
    X = float(e[-1])
    tail = wgan1d.upper_tail(X, w, u) + wgan1d.lower_tail(X, w, u)
    return np.atleast_2d(slopes) @ cells + tail


def critic_at(x, slopes, edges) -> np.ndarray:
    """``f_s(x)`` (``f_s(0) = 0``, slope sign(x) beyond the edges)."""
    e = np.asarray(edges, float)
    knots = np.r_[0.0, np.cumsum(np.asarray(slopes) * np.diff(e))]
    knots -= np.interp(0.0, e, knots)
    x = np.asarray(x, float)
    inside = np.interp(x, e, knots)
    return np.where(
        x > e[-1], knots[-1] + x - e[-1], np.where(x < e[0], knots[0] + e[0] - x, inside)
    )


def expectation_quad(slopes, edges, pdf) -> float:
    """``∫ f_s(x) pdf(x) dx`` by adaptive quadrature on each cell and the two tails."""
    e = np.asarray(edges, float)

    def piece(lo, hi):
        return quad(
            lambda x: float(critic_at(x, slopes, e) * pdf(x)), lo, hi, epsabs=1e-14, limit=200
        )[0]

    inner = sum(piece(lo, hi) for lo, hi in zip(e[:-1], e[1:], strict=True))
    return inner + piece(-np.inf, e[0]) + piece(e[-1], np.inf)


def mixture_pdf(weights, w, u):
    """Density of ``Σ ρ_k N(u_k, w_k²)`` (every w_k > 0)."""
    weights, w, u = (np.asarray(v, float) for v in (weights, w, u))
    return lambda x: float(np.sum(weights * wgan1d.phi((x - u) / w) / w))


@jax.jit
def lifted_objective(mu, nu, g, M):
    """Eq. (5): ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` with ``Gν = M ν``."""
    return mu @ g - mu @ (M @ nu)


def derivatives_autodiff(mu, nu, g, M) -> tuple[np.ndarray, np.ndarray]:
    """``(∂F/∂μ, ∂F/∂ν)`` by autodiff of eq. (5); the paper's forms are ``g − Gν`` and ``−G†μ``."""
    dmu, dnu = jax.grad(lifted_objective, argnums=(0, 1))(jnp.asarray(mu), jnp.asarray(nu), g, M)
    return np.asarray(dmu), np.asarray(dnu)
