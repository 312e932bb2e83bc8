"""The 1-D WGAN game discretised: a finite generator grid against piecewise-linear critics.

Generators ``N(u_k, w_k²)`` on a grid of ``(w, u) ∈ [0, 1] × [−t, t]``; critics are
all 1-Lipschitz functions with slope ``s_i ∈ [−1, 1]`` on each of K cells of
``[−X, X]`` and slope sign(x) beyond. Then ``V(ρ, s) = sᵀCρ + τᵀρ`` with the exact
cell integrals ``C_ik = ∫_{cell i}(F_k − F_P)`` and tails ``τ_k`` (theory.mixed.wgan1d),
and the critic's best response is ``s = sign(Cρ)``: the game value is the LP
``min_ρ ‖Cρ‖₁ + τᵀρ`` (the "box LP").

Stated error. The discrete critic set is a subset of the 1-Lipschitz functions and
the generator grid a subset of the box, so the grid value is not itself a bound;
the continuum mixed value is bracketed by

* ``lower = min_{(w,u) ∈ box} V(G, D̄)`` for the LP's critic ``D̄`` (every critic's
  guarantee is a lower bound), certified by Lipschitz branch and bound
  (``|∂_u V| ≤ 1``, ``|∂_w V| ≤ E|Z| = sqrt(2/π)``), and
* ``upper = W1(P, Q_ρ) = ∫|F_{Q_ρ} − F_P|`` by adaptive quadrature for the LP's
  mixture ``ρ`` (every mixture's worst case is an upper bound).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from theory.mixed import wgan1d
from theory.quadrature import QuadratureFailure, quad_bounded
from verifiers import tolerances
from verifiers.mixed.lp import linprog_until_solved

_LP_METHODS = ("highs-ds", "highs-ipm")


@dataclass(frozen=True)
class WganGrid:
    """A discretised game: generators ``(w, u)``, cell ``edges``, payoffs ``C``, tails ``tau``."""

    sigma: float
    t: float
    w: np.ndarray
    u: np.ndarray
    edges: np.ndarray
    C: np.ndarray
    tau: np.ndarray


def tails(X: float, sigma: float, w, u) -> np.ndarray:
    """``τ_k``: the payoff beyond ±X of the critic slope sign(x) (exact)."""
    return (
        wgan1d.upper_tail(X, sigma, 0.0)
        - wgan1d.upper_tail(X, w, u)
        + wgan1d.lower_tail(X, sigma, 0.0)
        - wgan1d.lower_tail(X, w, u)
    )


def make_grid(
    sigma: float, t: float, n_w: int = 11, n_u: int = 41, cells: int = 400, width_sd: float = 6.0
) -> WganGrid:
    """The grid game: ``n_w × n_u`` generators, ``cells`` cells on [−X, X], X = width_sd·σ + t."""
    W, U = np.meshgrid(np.linspace(0.0, 1.0, n_w), np.linspace(-t, t, n_u), indexing="ij")
    w, u = W.ravel(), U.ravel()
    X = width_sd * sigma + t
    edges = np.linspace(-X, X, cells + 1)
    return WganGrid(
        sigma, t, w, u, edges, wgan1d.payoff_cells(edges, sigma, w, u), tails(X, sigma, w, u)
    )


@dataclass(frozen=True)
class BoxSolution:
    """LP solution of the grid game: mixture ``rho``, critic slopes ``slopes``, and the
    grid game's value bracketed by the slopes' guarantee ``lower = min_k (sᵀC + τᵀ)_k``
    and the mixture's worst case ``value = ‖Cρ‖₁ + τᵀρ``, both evaluated exactly
    (HiGHS's own objective is only good to ~K·1e-10: 1e-8 on 400 cells)."""

    rho: np.ndarray
    slopes: np.ndarray
    value: float
    lower: float


def solve_box_lp(C: np.ndarray, tau: np.ndarray) -> BoxSolution:
    """``min_{ρ ∈ Δ} ‖Cρ‖₁ + τᵀρ`` by HiGHS; slopes from the duals of ``±Cρ ≤ y``.

    HiGHS's dual simplex occasionally ends with an unknown model status on these nearly
    degenerate LPs, or cycles until :data:`verifiers.mixed.lp.MAX_ITERATIONS`; the
    interior-point method is then tried. Any returned point gives a valid bracket, since
    ``value`` and ``lower`` are re-evaluated exactly from ρ and the clipped slopes.
    """
    K, M = C.shape
    c = np.r_[tau, np.ones(K)]
    a_ub = np.block([[C, -np.eye(K)], [-C, -np.eye(K)]])
    a_eq = np.r_[np.ones(M), np.zeros(K)][None, :]
    res = linprog_until_solved(c, _LP_METHODS, A_ub=a_ub, b_ub=np.zeros(2 * K), A_eq=a_eq,
                               b_eq=[1.0], bounds=[(0, None)] * M + [(None, None)] * K)
    rho = np.clip(res.x[:M], 0.0, None)
    duals = -res.ineqlin.marginals
    slopes = np.clip(duals[:K] - duals[K:], -1.0, 1.0)
    rho = rho / rho.sum()
    value = float(np.abs(C @ rho).sum() + tau @ rho)
    return BoxSolution(rho, slopes, value, float(np.min(slopes @ C + tau)))


def critic_guarantee(
    slopes, edges, sigma: float, t: float, resolution: float = 1e-4, max_boxes: int = 20_000
) -> float:
    """Certified lower bound of ``min_{w ∈ [0,1], |u| ≤ t} V(N(u, w²), D̄)`` (branch and bound).

    Boxes with centre value minus ``(h_u + sqrt(2/π) h_w)/2`` above the best value
    found are discarded; the others are quartered until the bound is within
    ``resolution`` of the best value or more than ``max_boxes`` remain (then the
    smallest box bound is returned: still a valid, looser, lower bound).
    """

    def value(w, u):
        return wgan1d.value_against_slopes(slopes, edges, sigma, w, u)

    w, u, hw, hu = initial_boxes(t)
    best = float(min(np.min(value(w, u)), np.min(value(np.ones(2), np.array([-t, t])))))
    while True:
        centre = value(w, u)
        lower = centre - (hu + wgan1d.SQRT_2_OVER_PI * hw) / 2
        best = min(best, float(np.min(centre)))
        keep = lower < best - resolution
        if not np.any(keep) or 4 * np.count_nonzero(keep) > max_boxes:
            return float(min(best - resolution, np.min(lower)))
        w, u, hw, hu = _quarter(w[keep], u[keep], hw, hu)


def initial_boxes(t: float):
    """The 10 × 20 boxes that tile ``[0, 1] × [−t, t]``: centres ``(w, u)`` (flat) and the
    common sides ``hw = 0.1``, ``hu = t/10``."""
    W, U = np.meshgrid(
        np.linspace(0.05, 0.95, 10), np.linspace(-t + t / 20, t - t / 20, 20), indexing="ij"
    )
    return W.ravel(), U.ravel(), 0.1, t / 10


def _quarter(w, u, hw, hu):
    """Split each box (centre w, u; sides hw, hu) into four."""
    dw, du = np.array([-1, -1, 1, 1]) * hw / 4, np.array([-1, 1, -1, 1]) * hu / 4
    return (w[:, None] + dw).ravel(), (u[:, None] + du).ravel(), hw / 2, hu / 2


def w1_to_data(sigma: float, weights, w, u) -> float:
    """``W1(N(0, σ²), Σ ρ_k N(u_k, w_k²)) = ∫|F_Q − F_P| dx`` by adaptive quadrature, within
    ``tolerances.QUADRATURE`` (the error every caller allows it).

    Raises :class:`theory.quadrature.QuadratureFailure` (the check is then ``inconclusive``)
    when QUADPACK reports a failure on a piece or its error estimates add up to more than
    that allowance. Components of weight 0 are left out (exactly: they add nothing to F_Q);
    every other one is kept, however small, since leaving out mass ρ_k would move the
    integral by up to 2Xρ_k, outside the allowance."""
    keep = np.asarray(weights) > 0.0
    weights, w, u = np.asarray(weights)[keep], np.asarray(w)[keep], np.asarray(u)[keep]
    cdf = wgan1d.mixture_cdf_fn(weights, w, u)

    def integrand(x):
        return abs(cdf(x) - float(ndtr(x / sigma)))

    X = 12.0 * sigma + float(np.max(np.abs(u)))
    points = np.unique(np.r_[u[np.abs(w) <= wgan1d.W_POINT_MASS], 0.0])
    pieces = np.r_[-X, points[(points > -X) & (points < X)], X]
    parts = [quad_bounded(integrand, lo, hi, epsabs=1e-13, epsrel=1e-12, limit=400)
             for lo, hi in zip(pieces[:-1], pieces[1:], strict=True)]
    estimate = sum(err for _, err in parts)
    if estimate > tolerances.QUADRATURE:
        raise QuadratureFailure(f"W1 by quadrature: error estimate {estimate:.3g} exceeds "
                                f"the allowance {tolerances.QUADRATURE:g}")
    return float(sum(value for value, _ in parts))
