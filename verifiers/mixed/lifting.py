"""The lifting of Hsieh et al. 2019, §2.2, on the discretised 1-D WGAN game.

Critics ``f_s`` are piecewise linear, ``f_s(0) = 0``, slope ``s_i`` on cell i of
[−X, X] and sign(x) beyond; generators are ``P_θ = N(u, w²)``; ``P_real = N(0, σ²)``.
Eq. (5): ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` with ``g(s) = E_{P_real} f_s``,
``(Gν)(s) = E_{θ~ν} E_{P_θ} f_s`` and ``(G†μ)(θ) = E_{s~μ} E_{P_θ} f_s`` (eq. (6)).

Two routes, kept apart:

* operator route: ``M[j, k] = E_{P_θk} f_{s_j}`` from the exact cell integrals
  ``E f_s(X) = Σ_i s_i ∫_{cell i}(1{x > 0} − F(x)) dx + tails``; ``F`` is
  evaluated with jax and differentiated by autodiff;
* quadrature route: ``∫ f_s(u + w z) φ(z) dz`` by adaptive quadrature in the
  standardised variable, split at the critic's kinks (independent of the cell-integral
  closed forms), with quad's error estimates.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.mixed import wgan1d
from theory.quadrature import quad_bounded


def expected_critic(slopes, edges, w, u) -> np.ndarray:
    """``E_{N(u_k, w_k²)} f_{s_j}`` for every critic row j and generator k (exact)."""
    e = np.asarray(edges, float)
    right = (e[:-1] >= 0).astype(float)[:, None]
    cells = np.diff(e)[:, None] * right - wgan1d.cdf_cell_integrals(e, w, u)
    X = float(e[-1])
    tail = wgan1d.upper_tail(X, w, u) + wgan1d.lower_tail(X, w, u)
    return np.atleast_2d(slopes) @ cells + tail


def critic_fn(slopes, edges):
    """``x ↦ f_s(x)`` for a scalar x (``f_s(0) = 0``, slope sign(x) beyond the edges), the
    knots prepared once (a quadrature integrand calls it thousands of times)."""
    e = np.asarray(edges, float)
    knots = np.r_[0.0, np.cumsum(np.asarray(slopes) * np.diff(e))]
    knots -= np.interp(0.0, e, knots)
    lo, hi, first, last = float(e[0]), float(e[-1]), float(knots[0]), float(knots[-1])

    def critic(x: float) -> float:
        if x > hi:
            return last + x - hi
        if x < lo:
            return first + lo - x
        return float(np.interp(x, e, knots))

    return critic


QUAD_Z = 40.0
"""Standardised half-width of the quadrature: beyond ``|z| > 40`` a critic of slope ≤ 1
contributes below ``(|u| + 40w + |f(0)| + X)·φ(40) < 1e-300``."""
RETRY_EPSABS = 1e-13
"""Absolute tolerance of a piece's second quadrature, where the first (1e-15) reported a
failure: on a piece whose integral nearly cancels, 1e-15 is below the rounding of the
integrand's evaluations (hunt, σ = 1.894, seed 609897: QUADPACK reported round-off at 1e-15
and certified 1.6e-15 at 1e-13). The check's error bounds take the estimate as it comes."""


def expectation_quad(slopes, edges, w: float, u: float) -> tuple[float, float]:
    """``E_{N(u, w²)} f_s = ∫ f_s(u + w z) φ(z) dz`` by adaptive quadrature in the
    standardised variable, split at the critic's kinks ``(e_i − u)/w``; returns the value
    and an error bound (quad's error estimates plus 64 eps per piece's magnitude). A piece
    where QUADPACK reports a failure at ``epsabs = 1e-15`` is computed again at
    :data:`RETRY_EPSABS`; where it fails again its estimate bounds nothing:
    :func:`theory.quadrature.quad_bounded` raises, and the check is then ``inconclusive``."""
    e = np.asarray(edges, float)
    with np.errstate(over="ignore"):  # a subnormal w: (e − u)/w = ±∞, clipped to ±QUAD_Z
        kinks = np.clip((e - u) / w, -QUAD_Z, QUAD_Z)
    cuts = np.unique(np.r_[-QUAD_Z, kinks, QUAD_Z])
    critic = critic_fn(slopes, e)
    value, error = 0.0, 1e-300
    for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
        piece, err = quad_bounded(lambda z: float(critic(u + w * z) * wgan1d.phi(z)),
                                  lo, hi, retry_epsabs=RETRY_EPSABS, epsabs=1e-15,
                                  epsrel=1e-13, limit=200)
        value += piece
        error += err + 64.0 * np.finfo(float).eps * abs(piece)
    if not (np.isfinite(value) and np.isfinite(error)):
        raise FloatingPointError(f"quadrature of a critic against N({u!r}, {w!r}²) not finite")
    return float(value), float(error)


def mixture_expectation_quad(slopes, edges, weights, w, u) -> tuple[float, float]:
    """``Σ_k ρ_k E_{N(u_k, w_k²)} f_s`` and its error bound (:func:`expectation_quad`)."""
    parts = [expectation_quad(slopes, edges, wk, uk) for wk, uk in zip(w, u, strict=True)]
    rho = np.asarray(weights, float)
    return float(rho @ [p[0] for p in parts]), float(rho @ [p[1] for p in parts])


def derivative_formulas(g, G_nu, G_dagger_mu) -> tuple[np.ndarray, np.ndarray]:
    """The paper's derivatives of eq. (5): ``∂F/∂μ = g − Gν`` and ``∂F/∂ν = −G†μ``."""
    return np.asarray(g) - np.asarray(G_nu), -np.asarray(G_dagger_mu)


@jax.jit
def lifted_objective(mu, nu, g, M):
    """Eq. (5): ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` with ``Gν = M ν``."""
    return mu @ g - mu @ (M @ nu)


def derivatives_autodiff(mu, nu, g, M) -> tuple[np.ndarray, np.ndarray]:
    """``(∂F/∂μ, ∂F/∂ν)`` by autodiff of eq. (5); the paper's forms are ``g − Gν`` and ``−G†μ``."""
    dmu, dnu = jax.grad(lifted_objective, argnums=(0, 1))(jnp.asarray(mu), jnp.asarray(nu), g, M)
    return np.asarray(dmu), np.asarray(dnu)
