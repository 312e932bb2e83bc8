"""The 1-D WGAN with any 1-Lipschitz critic (Farnia & Ozdaglar 2020, eq. (8)).

Data ``X ~ N(0, σ²)``, generator ``G(z) = wz + u`` (|w| ≤ 1, |u| ≤ t), so
``P_G = N(u, w²)``. A piecewise-linear critic with knots ``x_k`` is

    D(x) = y_1 + s_L (x − x_1) + Σ_k Δs_k (x − x_k)₊,     Δs_k = slope jump at x_k,

and with ``E(Y − c)₊ = (μ − c)Φ((μ − c)/s) + sφ((μ − c)/s)`` for ``Y ~ N(μ, s²)`` every
expectation ``E D(Y)`` is in closed form. A callable critic is replaced by its
linear interpolant on a grid of spacing δ (error ≤ δ/2 per expectation, since D is
1-Lipschitz) and re-evaluated directly by adaptive quadrature.

* ``V(G, D) = E D(X) − E D(|w|Z + u)`` (Z is symmetric, so only |w| matters);
* ``sup_D V(G, D) = W1 = m(u, |σ − |w||)`` (comonotone coupling,
  :func:`theory.gaussian_games.wgan.w1`), attained at ``D_G = |x − x0|`` (|w| < σ),
  ``−|x − x0|`` (|w| > σ), ``−sign(u)·x`` (|w| = σ), ``x0 = σu/(σ − |w|)``;
* ``inf_{G'} V(G', D) = E D(X) − max_{s ∈ [0,1], |u'| ≤ t} g(s, u')``,
  ``g(s, u') = E D(sZ + u')``. For a convex D (non-decreasing slopes) g is convex in
  (s, u') (an average of convex functions of an affine map), so its maximum is at a
  corner of the box: exact. Otherwise a grid search: g is Lipschitz with
  ``|∂g/∂u'| = |E D'| ≤ 1`` and ``|∂g/∂s| = |E D'(Y) Z| ≤ E|Z| = √(2/π)``, so the grid
  maximum plus ``Δu/2 + √(2/π)Δs/2`` bounds the true maximum from above.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, special

from theory.gaussian_games import wgan
from theory.quadrature import merged_breakpoints, quad_bounded
from verifiers.ask.games import CallableCritic, Constant, Game, Generator, PiecewiseLinear

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
SPAN = 14.0
"""Half-width in standard deviations of every quadrature box (Gaussian mass outside < 1e-43)."""
QUAD = {"epsabs": 1e-12, "epsrel": 1e-12, "limit": 400}
ROUNDING = 1e-12
"""Relative rounding bound of a closed-form expectation (a few hundred float64 operations)."""
KNOT_CHUNK = 256
INTERP_STEP = 1e-2
"""Grid spacing δ of the interpolant of a callable critic (error ≤ δ/2 per expectation)."""
GRID = 401
"""Grid points per axis of the generator's best-response search (non-convex critics)."""
GRID_CALLABLE = 81
"""The same for a callable critic (its interpolant has ~10⁴ knots)."""


def call_price(mu, s, c):
    """``E(Y − c)₊`` for ``Y ~ N(μ, s²)`` (``max(μ − c, 0)`` at s = 0), broadcast."""
    mu, s, c = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (mu, s, c)))
    safe = np.where(s > 0, s, 1.0)
    z = (mu - c) / safe
    val = (mu - c) * special.ndtr(z) + safe * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    return np.where(s > 0, val, np.maximum(mu - c, 0.0))


def expect_pl(D: PiecewiseLinear, mu, s):
    """``E D(Y)``, ``Y ~ N(μ, s²)``, in closed form (broadcast over μ, s; knots in chunks)."""
    mu, s = np.broadcast_arrays(np.asarray(mu, dtype=float), np.asarray(s, dtype=float))
    jumps = np.diff(D.slopes)
    keep = jumps != 0.0
    knots, jumps = D.x[keep], jumps[keep]
    out = D.y[0] + D.slope_left * (mu - D.x[0])
    for i in range(0, knots.size, KNOT_CHUNK):
        c, j = knots[i:i + KNOT_CHUNK], jumps[i:i + KNOT_CHUNK]
        out = out + call_price(mu[..., None], s[..., None], c) @ j
    return out


def pl_scale(D: PiecewiseLinear, mu, s) -> float:
    """Magnitude of the terms of :func:`expect_pl` (the rounding bound is relative to it)."""
    return float(abs(D.y[0]) + np.max(np.abs(D.x)) + np.max(np.abs(mu)) + np.max(s) + 1.0)


def interpolant(D: CallableCritic, sigma: float, t: float) -> tuple[PiecewiseLinear, float]:
    """The linear interpolant of a callable critic on ``[−L, L]`` with spacing
    :data:`INTERP_STEP` (constant outside), and its error bound δ/2 on every
    ``E D(Y)`` with ``Y`` of standard deviation ≤ max(σ, 1) and mean ≤ t (outside
    [−L, L] a 1-Lipschitz D moves by at most |x| − L, whose mean is < 1e-40 here)."""
    L = SPAN * max(sigma, 1.0) + t + 1.0
    n = int(math.ceil(2.0 * L / INTERP_STEP)) + 1
    x = np.linspace(-L, L, n)
    return PiecewiseLinear(x, D(x), 0.0, 0.0, label="interpolant"), 0.5 * (x[1] - x[0])


def as_pl(g: Game, D) -> tuple[PiecewiseLinear, float]:
    """A piecewise-linear critic and the error bound of its expectations."""
    if isinstance(D, Constant):
        return PiecewiseLinear(np.array([0.0]), np.array([D.value])), 0.0
    if isinstance(D, CallableCritic):
        return interpolant(D, g.sigma, g.t)
    return D, 0.0


def value_closed(g: Game, G: Generator, D: PiecewiseLinear, extra: float = 0.0):
    """``(V(G, D), error bound)`` in closed form."""
    w, u = gen_scale(G)
    v = float(expect_pl(D, 0.0, g.sigma) - expect_pl(D, u, w))
    return v, ROUNDING * pl_scale(D, u, max(w, g.sigma)) + 2.0 * extra


def gen_scale(G: Generator) -> tuple[float, float]:
    """``(|w|, u)`` with ``|w| = ‖W‖`` (P_G = N(u, ‖W‖²) for a 1 × k matrix W)."""
    return float(np.linalg.norm(G.W)), float(G.u[0])


def _phi(z: float) -> float:
    """The standard normal density (scalar, no scipy call overhead inside quadrature)."""
    return math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def _expect_quad(fn, mu: float, s: float, knots) -> tuple[float, float]:
    """``E fn(μ + sZ)`` by adaptive quadrature in z with breakpoints at the knots."""
    if s == 0.0:
        return float(fn(np.array([mu]))[0]), 0.0
    zk = sorted({-SPAN, SPAN, *[float((k - mu) / s) for k in knots if abs(k - mu) < SPAN * s]})
    total, err = 0.0, 0.0
    for a, b in zip(zk[:-1], zk[1:], strict=True):
        val, e = quad_bounded(lambda z: float(fn(np.array([mu + s * z]))[0]) * _phi(z),
                              a, b, **QUAD)
        total, err = total + val, err + e
    return total, err + 1e-40


def value_quadrature(g: Game, G: Generator, D) -> tuple[float, float]:
    """``(V(G, D), error estimate)`` by adaptive quadrature of the critic itself."""
    knots = list(D.x) if isinstance(D, PiecewiseLinear) and D.x.size < 200 else []
    fn = (lambda x: np.full_like(x, D.value)) if isinstance(D, Constant) else D
    w, u = gen_scale(G)
    ex, e1 = _expect_quad(fn, 0.0, g.sigma, knots)
    ey, e2 = _expect_quad(fn, u, w, knots)
    return ex - ey, e1 + e2


def w1_closed(g: Game, G: Generator) -> tuple[float, float]:
    """``W1(P_X, P_G)`` in closed form and its rounding bound."""
    w, u = gen_scale(G)
    val = float(wgan.w1(g.sigma, w, u))
    return val, ROUNDING * (abs(u) + g.sigma + w + 1.0)


def w1_quadrature(g: Game, G: Generator) -> tuple[float, float]:
    """``W1 = ∫|F_X − F_G| dx`` by adaptive quadrature (breakpoints at 0, u and the crossing)."""
    w, u = gen_scale(G)

    def gap(x):
        fg = special.ndtr((x - u) / w) if w > 0 else float(x >= u)
        return abs(fg - special.ndtr(x / g.sigma))

    span = SPAN * max(g.sigma, w) + abs(u)
    pts = {-span, 0.0, u, span} | {u + k * w for k in (-12, -4, -1, 1, 4, 12)}
    if w != g.sigma:
        pts.add(g.sigma * u / (g.sigma - w))
    pts, merged = merged_breakpoints(p for p in pts if -span <= p <= span)
    val, err = 0.0, merged  # |gap| <= 1: a feature inside a merged stretch adds <= its width
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        v, e = quad_bounded(gap, a, b, **QUAD)
        val, err = val + v, err + e
    return val, err + 1e-30


def discriminator_best(g: Game, G: Generator) -> PiecewiseLinear:
    """``D_G``: ``|x − x0|`` (|w| < σ), ``−|x − x0|`` (|w| > σ), ``−sign(u)x`` (|w| = σ)."""
    from verifiers.ask.games import abs_critic, linear_critic

    w, u = gen_scale(G)
    if w == g.sigma:
        return linear_critic(-float(np.sign(u)))
    return abs_critic(g.sigma * u / (g.sigma - w), 1.0 if w < g.sigma else -1.0)


def convex(D: PiecewiseLinear) -> bool:
    return bool(np.all(np.diff(D.slopes) >= 0.0))


def generator_best(g: Game, D: PiecewiseLinear, extra: float, grid: int = GRID) -> dict:
    """``max g(s, u')`` over ``[0, 1] × [−t, t]``: ``value`` (attained by ``(w, u)``),
    ``upper`` (a certified upper bound on the maximum), ``error`` (rounding and
    interpolation) and ``method``. ``ς|x − c|``: the closed form of
    :func:`theory.gaussian_games.wgan.generator_best_response` (m(μ, s) grows with |μ| and
    s); convex D: the four corners; otherwise the Lipschitz grid, refined locally."""
    t = g.t
    err = ROUNDING * pl_scale(D, np.array([t]), 1.0) + extra
    if D.label == "abs":
        sign = float(D.slope_right)
        _, w, u = wgan.generator_best_response(g.sigma, float(D.x[0]), t, sign)
        w, u = float(w), float(u)
        best = float(expect_pl(D, u, w))
        return {"value": best, "upper": best, "error": err, "w": w, "u": u,
                "method": "closed form (folded normal monotone in |mean| and scale)"}
    if convex(D):
        s, u = np.meshgrid([0.0, 1.0], [-t, t])
        method, slack = "corners (D convex: g convex on the box)", 0.0
    else:
        ns, nu = grid, (grid if t > 0 else 1)
        s, u = np.meshgrid(np.linspace(0.0, 1.0, ns), np.linspace(-t, t, nu))
        slack = (t / (nu - 1) if nu > 1 else 0.0) + SQRT_2_OVER_PI * 0.5 / (ns - 1)
        method = f"{ns}x{nu} grid with Lipschitz bound, refined locally"
    vals = expect_pl(D, u, s)
    k = np.unravel_index(np.argmax(vals), vals.shape)
    best, w0, u0 = float(vals[k]), float(s[k]), float(u[k])
    upper = best + slack
    if slack > 0:
        res = optimize.minimize(lambda z: -float(expect_pl(D, z[1], z[0])), [w0, u0],
                                method="L-BFGS-B", bounds=[(0.0, 1.0), (-t, t)])
        if -res.fun > best:
            best, w0, u0 = float(-res.fun), float(res.x[0]), float(res.x[1])
    return {"value": best, "upper": max(upper, best), "error": err, "w": w0, "u": u0,
            "method": method}
