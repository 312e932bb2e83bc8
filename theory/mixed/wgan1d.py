"""The 1-D WGAN game of Farnia & Ozdaglar (Thm 1) lifted to mixed strategies.

Data ``P = N(0, σ²)`` with σ > 1; generator ``G(z) = wz + u`` with ``|w| ≤ 1``,
``|u| ≤ t`` (so ``G_# N(0,1) = N(u, w²)``); critic ``D`` 1-Lipschitz.
``V(G, D) = E_P D − E_G D = ∫ D'(x) (F_G(x) − F_P(x)) dx`` (integration by parts).

Closed forms (derived in docs/derivations/hsieh2019.md):

* ``E|wZ + u| = w sqrt(2/π) e^{−u²/(2w²)} + u (1 − 2Φ(−u/w))`` (``|u|`` at w = 0);
* against the critic ``|x|``: ``V(G, |x|) = σ sqrt(2/π) − E|wZ + u|``;
* regime I (``0 < t ≤ t* = sqrt(2 ln σ)``): ``ν* = ½δ_(1,t) + ½δ_(1,−t)`` against
  ``D* = |x|`` with value ``V*(t) = σ sqrt(2/π) − E|Z + t|``;
* ``G(x) = ½[Φ(x − t) + Φ(x + t)] − Φ(x/σ)`` (odd; |x| is a critic best
  response to ``Q*`` iff ``G ≥ 0`` on [0, ∞)), ``G'(0) = φ(t) − φ(0)/σ``;
* the pure generator-first (Stackelberg) value ``min_{w,u} W1(P, N(u, w²)) = (σ − 1) sqrt(2/π)``;
* the coupling bound ``W1(P, N(0,1) ∗ law(clamp(Y, −t, t))) ≤ E(|Y| − t)_+``,
  ``Y ~ N(0, σ² − 1)``, ``= 2[s φ(t/s) − t Φ(−t/s)]`` with ``s = sqrt(σ² − 1)``.

Cell integrals for discretised critics: ``∫Φ((x − u)/w) dx = (x − u)Φ(z) + wφ(z)``,
``z = (x − u)/w``; tails ``∫_X^∞ Φ(−(x − u)/w) dx = w[φ(z) − zΦ(−z)]`` and
``∫_{−∞}^{−X} Φ((x − u)/w) dx = w[φ(z') + z'Φ(z')]``, ``z' = (−X − u)/w``.
A generator with w = 0 is the point mass at u (step CDF), handled exactly.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

SQRT_2_OVER_PI = float(np.sqrt(2.0 / np.pi))
W_POINT_MASS = 1e-12
"""Generators with ``w ≤ W_POINT_MASS`` are evaluated as the point mass at u; every
closed form below then errs by at most ``φ(0)·w < 4e-13``."""
_PHI0 = 1.0 / np.sqrt(2.0 * np.pi)


def phi(x):
    """Standard normal density (0 far out, without underflow warnings)."""
    x = np.asarray(x, float)
    return _PHI0 * np.exp(-0.5 * np.square(np.clip(x, -40.0, 40.0)))


def abs_moment(w, u):
    """``E|wZ + u|`` for ``Z ~ N(0, 1)`` (broadcasting; exact at w = 0)."""
    w, u = np.abs(np.asarray(w, float)), np.asarray(u, float)
    ws = np.where(w > W_POINT_MASS, w, 1.0)
    smooth = ws * SQRT_2_OVER_PI * np.exp(-0.5 * np.square(u / ws)) + u * (
        1.0 - 2.0 * ndtr(-u / ws)
    )
    return np.where(w > W_POINT_MASS, smooth, np.abs(u))


def t_star(sigma: float) -> float:
    """The regime-I threshold ``t* = sqrt(2 ln σ)`` (``G'(0) ≥ 0 ⇔ t ≤ t*``)."""
    return float(np.sqrt(2.0 * np.log(sigma)))


def value_regime1(sigma, t):
    """``V*(t) = σ sqrt(2/π) − E|Z + t|``, the mixed value for ``t ≤ t*``."""
    return sigma * SQRT_2_OVER_PI - abs_moment(1.0, t)


def value_against_abs(sigma, w, u):
    """``V(G, |x|) = σ sqrt(2/π) − E|wZ + u|``."""
    return sigma * SQRT_2_OVER_PI - abs_moment(w, u)


def stackelberg_value(sigma):
    """The generator-first pure value ``(σ − 1) sqrt(2/π)``, attained at |w| = 1, u = 0."""
    return (sigma - 1.0) * SQRT_2_OVER_PI


def clamp_upper_bound(sigma, t):
    """``E(|Y| − t)_+`` for ``Y ~ N(0, σ² − 1)``: an upper bound on the mixed value for every t."""
    s = np.sqrt(sigma**2 - 1.0)
    return 2.0 * (s * phi(t / s) - t * ndtr(-t / s))


def cdf_gap_slope0(sigma, t):
    """``G'(0) = φ(t) − φ(0)/σ``."""
    return phi(t) - _PHI0 / sigma


def mixture_cdf_fn(weights, w, u):
    """``x ↦ F_Q(x) = Σ_k ρ_k Φ((x − u_k)/w_k)`` (step CDF where w_k = 0) for a scalar x,
    the mixture's arrays prepared once (a quadrature integrand calls it thousands of times)."""
    w, u = np.abs(np.asarray(w, float)), np.asarray(u, float)
    smooth = w > W_POINT_MASS
    ws = np.where(smooth, w, 1.0)
    weights = np.asarray(weights, float)

    def cdf(x: float) -> float:
        return float(np.where(smooth, ndtr((x - u) / ws), x >= u) @ weights)

    return cdf


def _antiderivative(x, u, w):
    """``∫^x Φ((y − u)/w) dy = (x − u)Φ(z) + wφ(z)`` (``(x − u)_+`` at w = 0)."""
    ws = np.where(w > W_POINT_MASS, w, 1.0)
    z = (x - u) / ws
    return np.where(w > W_POINT_MASS, (x - u) * ndtr(z) + ws * phi(z), np.maximum(x - u, 0.0))


def cdf_cell_integrals(edges, w, u):
    """``∫_{e_i}^{e_{i+1}} Φ((x − u_k)/w_k) dx`` for each cell i and generator k."""
    e = np.asarray(edges, float)[:, None]
    w, u = np.abs(np.asarray(w, float))[None, :], np.asarray(u, float)[None, :]
    at_edges = _antiderivative(e, u, w)  # each edge once: both cells sharing it reuse it
    return at_edges[1:] - at_edges[:-1]


def upper_tail(X, w, u):
    """``∫_X^∞ (1 − Φ((x − u)/w)) dx`` (``(u − X)_+`` at w = 0)."""
    w, u = np.abs(np.asarray(w, float)), np.asarray(u, float)
    ws = np.where(w > W_POINT_MASS, w, 1.0)
    z = (X - u) / ws
    return np.where(w > W_POINT_MASS, ws * (phi(z) - z * ndtr(-z)), np.maximum(u - X, 0.0))


def lower_tail(X, w, u):
    """``∫_{−∞}^{−X} Φ((x − u)/w) dx`` (``(−X − u)_+`` at w = 0)."""
    w, u = np.abs(np.asarray(w, float)), np.asarray(u, float)
    ws = np.where(w > W_POINT_MASS, w, 1.0)
    z = (-X - u) / ws
    return np.where(w > W_POINT_MASS, ws * (phi(z) + z * ndtr(z)), np.maximum(-X - u, 0.0))


def payoff_cells(edges, sigma, w, u):
    """``C_ik = ∫_{cell i} (F_{G_k} − F_P) dx``: the payoff of slope 1 on cell i (exact)."""
    return cdf_cell_integrals(edges, w, u) - cdf_cell_integrals(edges, [sigma], [0.0])


def value_against_slopes(slopes, edges, sigma, w, u):
    """``V(G, D)`` for the critic with slope ``s_i`` on cell i and slope sign(x) beyond the edges.

    ``= Σ_i s_i C_i + ∫_X^∞ (Q_P − Q_G) + ∫_{−∞}^{−X} (F_P − F_G)`` with
    ``X = edges[-1] = −edges[0]`` (symmetric cells), exact for every (w, u).
    """
    X = float(edges[-1])
    tails = (
        upper_tail(X, sigma, 0.0)
        - upper_tail(X, w, u)
        + lower_tail(X, sigma, 0.0)
        - lower_tail(X, w, u)
    )
    return np.asarray(slopes, float) @ payoff_cells(edges, sigma, w, u) + tails
