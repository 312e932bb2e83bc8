"""Independent routes that re-evaluate a witness deviation before it is trusted (the checker
half of a certifying pair). Every route returns ``(value, error bound)``:

* adaptive quadrature over the whole real line (``scipy.integrate.quad`` on the two half
  lines, so no truncation box can miss a heavy tail): its own error estimate;
* tensor Gauss–Hermite in d = 2: the difference between the ``n``- and ``n/2``-node rules;
* Gauss–Hermite of quadratics (exact for ``n ≥ 2``): a rounding bound.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from theory.quadrature import merged_breakpoints, quad_bounded
from verifiers.nash.certify import rounding

# scipy.integrate/stats, sympy (through theory.fdiv) and mpmath are imported in the functions
# that use them: a claim module importing this one stays quick to load (``ganeq check``).

QUAD_OPTIONS = {"epsabs": 1e-14, "epsrel": 1e-12, "limit": 400}
EXP_SAFE = 300.0
"""Largest exponent ℓ for which ``h(e^ℓ)`` is evaluated in float64 (h grows at most like r²,
and e^{600} < 1.8e308)."""


def quad_line(fn, breaks=(0.0,)) -> tuple[float, float]:
    """``∫_R fn`` and quad's error estimate: finite pieces between the sorted ``breaks`` (put
    them around every place the integrand has its mass: quad's estimate cannot see a bump
    that its nodes miss) and the two half lines beyond them."""
    pts, _ = merged_breakpoints(breaks)
    pieces = [(-np.inf, pts[0]), *zip(pts[:-1], pts[1:], strict=True), (pts[-1], np.inf)]
    total, err, size = 0.0, 0.0, 0.0
    for a, b in pieces:
        val, e = quad_bounded(fn, a, b, **QUAD_OPTIONS)
        total, err, size = total + val, err + e, size + abs(val)
    return total, err + rounding(size)


def _hermite(fn, mu, R, n: int) -> float:
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2 * math.pi)
    z = np.stack([g.ravel() for g in np.meshgrid(x, x, indexing="ij")], axis=1)
    return float(np.outer(w, w).ravel() @ np.atleast_1d(fn(mu + z @ R.T)))


def gaussian_expectation(fn, mu, C, n: int = 120) -> tuple[float, float]:
    """``E fn(Y)``, ``Y ~ N(μ, C)`` (fn maps rows to values) and an error bound: quadrature
    over the line for d = 1; ``n``-node tensor Gauss–Hermite for d = 2 (error: its distance
    to the ``n/2``-node rule)."""
    from scipy import stats

    mu, C = np.asarray(mu, float), np.asarray(C, float)
    if len(mu) == 1:
        s = math.sqrt(C[0, 0])

        def integrand(y):
            weight = stats.norm.pdf(y, mu[0], s)
            if weight == 0:  # beyond ~38 standard deviations; fn may overflow there
                return 0.0
            with np.errstate(over="ignore"):
                return float(np.atleast_1d(fn(np.array([[y]])))[0]) * weight

        return quad_line(integrand, (mu[0] - 8 * s, mu[0], mu[0] + 8 * s))
    R = np.linalg.cholesky(C)
    fine, coarse = _hermite(fn, mu, R, n), _hermite(fn, mu, R, n // 2)
    return fine, abs(fine - coarse) + rounding(abs(fine))


def log_ratio_numeric(S, u, Sigma):
    """``y ↦ log p_X(y) − log p_G(y)`` from scipy's densities (no closed-form coefficients)."""
    from scipy import stats

    px = stats.multivariate_normal(np.zeros(len(u)), Sigma)
    pg = stats.multivariate_normal(u, S)
    return lambda y: px.logpdf(y) - pg.logpdf(y)


def fgan_reward_quadrature_with_error(name: str, S, u, Sigma, S2, u2) -> tuple[float, float]:
    """``J_G(G') = E_{N(u', S')} h(r_G)`` with h from the sympy f-divergence object, and the
    quadrature's error bound."""
    from theory.fdiv import get as get_divergence

    h = get_divergence(name).numeric("h")
    ell = log_ratio_numeric(S, u, Sigma)
    return gaussian_expectation(lambda y: h(np.exp(ell(np.atleast_2d(y)))), u2, S2)


def fgan_reward_quadrature(name: str, S, u, Sigma, S2, u2) -> float:
    """``J_G(G')`` as in :func:`fgan_reward_quadrature_with_error`, the value only."""
    return fgan_reward_quadrature_with_error(name, S, u, Sigma, S2, u2)[0]


@cache
def _h_mpmath(name: str):
    import sympy as sp

    from theory.fdiv import get as get_divergence
    from theory.fdiv._divergence import R

    return sp.lambdify(R, get_divergence(name).h, "mpmath")


def _h_times_weight(name: str, h, ell: float, log_pdf: float, a: float) -> float:
    """``h(e^ℓ) e^{log_pdf} expm1(a)``, in float64 while the exponentials are representable,
    else in mpmath (the tail of a heavy integrand such as ``r·φ = p_X`` for KL)."""
    if ell < EXP_SAFE and a < EXP_SAFE:
        return float(h(math.exp(ell))) * math.exp(log_pdf) * math.expm1(a)
    from mpmath import mp

    return float(_h_mpmath(name)(mp.exp(ell)) * mp.exp(log_pdf) * mp.expm1(a))


def fgan_gain_quadrature(name: str, sigma: float, t: float) -> tuple[float, float]:
    """1-D: ``J_{G*}(1, t) − J_{G*}(1, 0) = ∫ h(r*(y)) φ(y) expm1(ty − t²/2) dy`` with
    ``r* = p_X/p_{G*}`` from scipy's log-densities, as one integral (no cancellation of two
    large rewards, no cancellation in ``φ(y − t) − φ(y)`` for small t)."""
    from scipy import stats

    from theory.fdiv import get as get_divergence

    h = get_divergence(name).numeric("h")
    px = stats.norm(0.0, sigma)

    def integrand(y):
        log_phi = float(stats.norm.logpdf(y))
        ell = float(px.logpdf(y)) - log_phi
        return _h_times_weight(name, h, ell, log_phi, t * y - t * t / 2)

    mode, reach = t * sigma * sigma, 40 * sigma + 2 * t * sigma * sigma
    return quad_line(integrand, (-reach, -12.0, 0.0, t, t + 12.0, mode - 10 * sigma, mode,
                                 mode + 10 * sigma, reach))


def wgan_gain_quadrature(t: float) -> tuple[float, float]:
    """``E D*(Z + t) − E D*(Z)`` for ``D*(x) = |x|``: the gain of the generator deviation
    ``(1, 0) → (1, t)`` against ``D*``, by quadrature of ``(|z + t| − |z|) φ(z)``."""
    from scipy import stats

    return quad_line(lambda z: (abs(z + t) - abs(z)) * stats.norm.pdf(z), (-40.0, -t, 0.0, 40.0))


def w2gan_value_hermite(A, b, S, u, Sigma, n: int = 12) -> tuple[float, float]:
    """``V(G, (A, b)) = E D(X) − E D^c(Y)``: c-transform by solving ``∇_x[D(x) − ½‖x−y‖²] = 0``
    at each node (no closed-form kernel); tensor Gauss–Hermite, exact for these quadratics,
    so the error bound is a rounding bound on the weighted sums."""
    A, b, S, u, Sigma = (np.asarray(v, float) for v in (A, b, S, u, Sigma))
    d = len(u)
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2 * math.pi)
    grid = np.stack([g.ravel() for g in np.meshgrid(*([x] * d), indexing="ij")], axis=1)
    wts = np.prod(np.meshgrid(*([w] * d), indexing="ij"), axis=0).ravel()
    X = grid @ np.linalg.cholesky(Sigma).T
    Y = u + grid @ np.linalg.cholesky(S + 1e-300 * np.eye(d)).T
    M = np.eye(d) - 2 * A
    xs = np.linalg.solve(M, (Y + b).T).T
    dc = np.einsum("ni,ij,nj->n", xs, A, xs) + xs @ b - 0.5 * np.sum((xs - Y) ** 2, axis=1)
    dx = np.einsum("ni,ij,nj->n", X, A, X) + X @ b
    scale = wts @ np.abs(dx) + wts @ np.abs(dc) + wts @ np.sum(xs**2 + Y**2, axis=1)
    return float(wts @ dx - wts @ dc), rounding(scale * np.linalg.cond(M))
