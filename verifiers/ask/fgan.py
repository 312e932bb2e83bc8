"""f-GAN games on Gaussian data with a linear generator (Farnia & Ozdaglar 2020, eq. (7)).

``V(G, D) = E_X D(X) − E_{P_G} f*(D(Y))``. With ``r_G = p_X/p_G`` (log-ratio
``ell_G(y) = ½yᵀBy + βᵀy + γ``, :mod:`theory.gaussian_games.lemma`) and
``h(r) = f*(f'(r)) = r f'(r) − f(r)``:

* ``sup_D V(G, D) = D_f(P_X ‖ P_G) = E_{P_G} f(r_G)``, attained at ``D_G = f'(r_G)``; for
  a singular S = WWᵀ (no density) it is ``f(0) + f'(∞)`` and not attained;
* against ``D_{G''} = f'(r_{G''})``: ``V(G, D_{G''}) = E_X f'(r_{G''}) − J(G)``,
  ``J(G) = E_{P_G} h(r_{G''})``; the generator maximises J;
* against a constant c: ``V(G, c) = c − f*(c)`` for every G (``−∞`` off dom f*).

Library divergences use the closed forms of :mod:`theory.gaussian_games.fgan`;
a user's f (``fgan-custom``) Gauss–Hermite quadrature. Independent routes:
adaptive quadrature with scipy's densities (d = 1), Monte Carlo (d ≥ 2, error
6·SE), sympy limits for ``f(0) + f'(∞)``, a numerical sup for f*.

The generator's best response to ``D_{G''}`` is searched (structured starts, then
a projected random local search): the best deviation found is re-evaluated and
its gain is a certified *lower* bound on the generator's gain.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from theory.fdiv._divergence import S_REAL, R, T
from theory.gaussian_games import fgan
from theory.gaussian_games.lemma import LogRatio, log_ratio
from theory.quadrature import quad_bounded
from verifiers.ask.games import FGAN_NAMES, BestResponseTo, Constant, Game, Generator
from verifiers.ask.symbolic import to_jax

SPAN = 14.0
ROUNDING = 1e-10
"""Relative error bound of the library closed forms (log-det, solves, exp)."""
HERMITE = {1: (60, 80), 2: (24, 32), 3: (12, 16)}
"""Gauss–Hermite nodes per dimension: (estimate, value); the error estimate is their difference."""
MC_SAMPLES = 2**16
SEARCH_ROUNDS = 30
SEARCH_BATCH = 32


def library(g: Game) -> bool:
    return g.name.removeprefix("fgan-") in FGAN_NAMES


def _name(g: Game) -> str:
    return g.name.removeprefix("fgan-")


# ----------------------------------------------------------------- numeric integrals
#
# Every expectation is written as an integral ``∫ ψ(y) dy`` with ``ψ = p · φ`` (p the law's
# density from scipy) and integrated against a wide reference law ``q = N(m_q, C_q)`` that
# covers both the data and the generator (``C_q = 2(Σ + S) + ¼uuᵀ``), so the heavy tails of
# density ratios are inside the box: Gauss–Hermite under q, adaptive quadrature over the
# box (d = 1), importance-sampling Monte Carlo from q (d ≥ 2).


def _root(C) -> np.ndarray:
    w, V = np.linalg.eigh(np.asarray(C, dtype=float))
    return V * np.sqrt(np.maximum(w, 0.0))


def reference(g: Game, *gens: Generator) -> tuple[np.ndarray, np.ndarray]:
    """``(m_q, C_q)``: a Gaussian wider than the data and every generator given."""
    C = 2.0 * g.Sigma.copy()
    m = np.zeros(g.d)
    for G in gens:
        C = C + 2.0 * G.S + 0.25 * np.outer(G.u, G.u)
        m = m + G.u / (len(gens) + 1)
    return m, C


def _hermite(psi, m, C, n: int) -> float:
    d = len(m)
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2.0 * math.pi)
    z = np.stack([a.ravel() for a in np.meshgrid(*([x] * d), indexing="ij")], axis=1)
    wt = np.prod(np.stack([a.ravel() for a in np.meshgrid(*([w] * d), indexing="ij")]), axis=0)
    y = m + z @ _root(C).T
    q = gauss_logpdf(m, C)
    with np.errstate(all="ignore"):
        return float(np.sum(wt * psi(y) / np.exp(q(y))))


def integral_hermite(psi, m, C) -> tuple[float, float]:
    """``∫ ψ`` by Gauss–Hermite under q and its error estimate (difference of two node counts)."""
    lo, hi = HERMITE[len(m)]
    a, b = _hermite(psi, m, C, lo), _hermite(psi, m, C, hi)
    err = abs(a - b) + 1e-12 * (1.0 + abs(b)) if math.isfinite(a - b) else math.inf
    return b, err


def integral_independent(psi, m, C) -> tuple[float, float]:
    """``∫ ψ`` by adaptive quadrature over ``m ± 14√C`` (d = 1) or importance-sampling
    Monte Carlo from q with error 6·SE (d ≥ 2)."""
    if len(m) == 1:
        half = SPAN * math.sqrt(C[0, 0])

        def integrand(y):
            with np.errstate(all="ignore"):
                return float(psi(np.array([[y]]))[0])

        pts = np.linspace(m[0] - half, m[0] + half, 9)
        val, err = 0.0, 0.0
        for a, b in zip(pts[:-1], pts[1:], strict=True):
            v, e = quad_bounded(integrand, a, b, epsabs=1e-13, epsrel=1e-11, limit=400)
            val, err = val + v, err + e
        return val, err + 1e-30
    z = np.random.default_rng(0).standard_normal((MC_SAMPLES, len(m)))
    y = m + z @ _root(C).T
    q = gauss_logpdf(m, C)
    with np.errstate(all="ignore"):
        vals = psi(y) / np.exp(q(y))
    se = float(np.std(vals) / math.sqrt(MC_SAMPLES))
    return float(np.mean(vals)), 6.0 * se + 1e-15


def gauss_logpdf(m, C):
    """``y ↦ log N(y; m, C)`` for rows y, from a Cholesky factor (no closed-form
    log-ratio coefficients; cheap enough to sit inside adaptive quadrature)."""
    L = np.linalg.cholesky(np.asarray(C, dtype=float))
    logdet = 2.0 * float(np.sum(np.log(np.diag(L))))
    const = -0.5 * (len(m) * math.log(2.0 * math.pi) + logdet)

    def logpdf(y):
        z = np.linalg.solve(L, (np.atleast_2d(y) - m).T)
        return const - 0.5 * np.sum(z * z, axis=0)

    return logpdf


def _density(G: Generator | None, d: int, Sigma):
    logpdf = gauss_logpdf(np.zeros(d), Sigma) if G is None else gauss_logpdf(G.u, G.S)
    return lambda y: np.exp(logpdf(y))


def _log_ratio_scipy(G: Generator, Sigma):
    """``y ↦ log p_X(y) − log p_G(y)`` from the two densities (no closed-form coefficients)."""
    px, pg = gauss_logpdf(np.zeros(len(G.u)), Sigma), gauss_logpdf(G.u, G.S)
    return lambda y: px(y) - pg(y)


def _log_ratio_closed(G: Generator, Sigma):
    ell = log_ratio(jnp.asarray(G.S), jnp.asarray(G.u), jnp.asarray(Sigma))
    B, beta, gamma = (np.asarray(x) for x in ell)
    return lambda y: 0.5 * np.einsum("ni,ij,nj->n", y, B, y) + y @ beta + float(gamma)


def _numeric(g: Game, which: str):
    """A numpy/scipy function of ``f``, ``fprime``, ``h`` or the conjugate ``fstar``."""
    div = g.divergence
    if which == "fstar":
        fn = sp.lambdify(S_REAL, div.conjugate, modules=["scipy", "numpy"])
        return lambda s: np.real(fn(s))
    expr = getattr(div, which)
    return sp.lambdify(R if which == "h" else T, expr, modules=["scipy", "numpy"])


def _weighted(fn, density, ell):
    """``ψ(y) = p(y) · fn(exp(ell(y)))`` (ell clipped to the float range; 0 where p = 0)."""
    def psi(y):
        p = density(y)
        with np.errstate(all="ignore"):
            val = p * fn(np.exp(np.clip(ell(y), -745.0, 709.0)))
        return np.where(p > 0, val, 0.0)

    return psi


MGF_POWER_X = {"pearson": 1.0, "hellinger": -0.5, "neyman": -2.0, "rkl": -1.0}
"""``E_X f'(r) = ∞`` iff ``E_X e^{a ell}`` diverges for this a (the lemma's exponents)."""
MGF_POWER_G = {"kl": 1.0, "pearson": 2.0, "hellinger": 0.5, "neyman": -1.0}
"""``J = E_{P_G'} h(r)`` is infinite iff ``E e^{a ell}`` diverges for this a."""


def mgf_diverges(a: float, ratio_of: Generator, Sigma, law_cov) -> bool:
    """``E_{N(·, C)} e^{a ell}`` diverges iff ``I − a C^{1/2} B C^{1/2}`` is not ≻ 0, with
    ``B = S⁻¹ − Σ⁻¹`` of ``ratio_of`` (numpy inverses and roots: an independent test of the
    lemma's integrability condition)."""
    B = np.linalg.inv(ratio_of.S) - np.linalg.inv(Sigma)
    R = _root(law_cov)
    M = np.eye(len(B)) - a * R @ (0.5 * (B + B.T)) @ R
    return bool(np.linalg.eigvalsh(0.5 * (M + M.T))[0] <= 0)


def _infinite_route(g: Game, value: float, a_table: dict, ratio_of, law_cov):
    """The independent route for an infinite closed form: the integrability test."""
    a = a_table.get(_name(g))
    if a is not None and mgf_diverges(a, ratio_of, g.Sigma, law_cov):
        return ("numpy test of the Gaussian lemma's integrability condition", value, 0.0)
    return None


def _two(g: Game, fn, law: Generator | None, ratio_of: Generator, m, C) -> list:
    """``E_law fn(r_{ratio_of})`` by Gauss–Hermite (closed-form log-ratio) and by the
    independent route (scipy log-ratio)."""
    dens = _density(law, g.d, g.Sigma)
    a = integral_hermite(_weighted(fn, dens, _log_ratio_closed(ratio_of, g.Sigma)), m, C)
    b = integral_independent(_weighted(fn, dens, _log_ratio_scipy(ratio_of, g.Sigma)), m, C)
    return [a, b]


# ----------------------------------------------------------------- the discriminator's side


def singular_sup(g: Game) -> float:
    """``f(0) + f'(∞)`` (sympy limits): sup_D V(G, D) for a generator without density."""
    f0 = sp.limit(g.divergence.f, T, 0, "+")
    fp = sp.limit(g.divergence.fprime, T, sp.oo)
    total = f0 + fp
    return math.inf if total in (sp.oo, sp.zoo) else float(total)


def _independent_name(g: Game) -> str:
    return "quadrature" if g.d == 1 else "importance-sampling monte-carlo"


def sup_routes(g: Game, G: Generator) -> list[tuple[str, float, float]]:
    """``sup_D V(G, ·) = E_{P_G} f(r_G)`` by two routes ``(name, value, error)``."""
    if G.singular:
        from theory.gaussian_games.nash import SINGULAR_SUP

        first = ("closed form f(0) + f'(inf)", SINGULAR_SUP[_name(g)], 0.0) if library(g) else None
        second = ("sympy limits", singular_sup(g), 1e-12)
        return [r for r in (first, second) if r is not None]
    m, C = reference(g, G)
    herm, indep = _two(g, _numeric(g, "f"), G, G, m, C)
    if library(g):
        v = float(fgan.divergence(_name(g), jnp.asarray(G.S), jnp.asarray(G.u),
                                  jnp.asarray(g.Sigma)))
        first = ("closed form (Gaussian lemma)", v, ROUNDING * (1.0 + abs(v)))
        if math.isinf(v):
            test = _infinite_route(g, v, MGF_POWER_X, G, g.Sigma)
            return [first, test] if test else [first, (_independent_name(g), *indep)]
    else:
        first = ("gauss-hermite", *herm)
    return [first, (_independent_name(g), *indep)]


def critic_routes(g: Game, G: Generator, D) -> list[tuple[str, float, float]]:
    """``V(G, D) = E_X f'(r'') − J(G)``, ``J(G) = E_{P_G} h(r'')``, by two routes."""
    if isinstance(D, Constant):
        return constant_routes(g, D.value)
    m, C = reference(g, D.of)
    hx, ix = _two(g, _numeric(g, "fprime"), None, D.of, m, C)
    J = reward_routes(g, G, D)
    second = (J[-1][0], ix[0] - J[-1][1], ix[1] + J[-1][2])
    if library(g):
        v = float(fgan.value_vs_best_response(_name(g), jnp.asarray(D.of.S), jnp.asarray(D.of.u),
                                              jnp.asarray(G.S), jnp.asarray(G.u),
                                              jnp.asarray(g.Sigma)))
        return [("closed form (Gaussian lemma)", v, ROUNDING * (1.0 + abs(v))), second]
    return [("gauss-hermite", hx[0] - J[0][1], hx[1] + J[0][2]), second]


def constant_routes(g: Game, c: float) -> list[tuple[str, float, float]]:
    """``V(G, c) = c − f*(c)`` by the closed-form conjugate and by a numerical sup."""
    div = g.divergence
    if c >= div.fstar_sup:
        return [("dom f*", -math.inf, 0.0)]
    first = None
    if div.conjugate is not None:
        with np.errstate(all="ignore"):
            fs = float(_numeric(g, "fstar")(c))
        first = ("closed-form conjugate", c - fs, 1e-12 * (1.0 + abs(c) + abs(fs)))
    fs2 = div.fstar_numeric(c)
    second = ("numerical sup of s t - f(t)", c - fs2, 1e-8 * (1.0 + abs(c) + abs(fs2)))
    return [r for r in (first, second) if r is not None]


def discriminator_best(g: Game, G: Generator):
    """``D_G`` (``None`` when P_G has no density: the sup is not attained)."""
    return None if G.singular else BestResponseTo(G)


# ----------------------------------------------------------------- the generator's side


def _reward_fn(g: Game, D: BestResponseTo):
    """jax ``(W', u') ↦ J(G') = E_{N(u', W'W'ᵀ)} h(r_{G''})``."""
    ell = log_ratio(jnp.asarray(D.of.S), jnp.asarray(D.of.u), jnp.asarray(g.Sigma))
    if library(g):
        return lambda W, u: fgan.J(_name(g), ell, u, W @ W.T)
    h = to_jax(g.divergence.h, R)
    n = HERMITE[g.d][1]
    x, w = np.polynomial.hermite_e.hermegauss(n)
    z = jnp.asarray(np.stack([a.ravel() for a in np.meshgrid(*([x] * g.d), indexing="ij")], 1))
    wt = jnp.asarray(np.prod(np.stack([a.ravel() for a in np.meshgrid(
        *([w / math.sqrt(2.0 * math.pi)] * g.d), indexing="ij")]), axis=0))

    def J(W, u):
        y = u + z @ W.T
        lr = 0.5 * jnp.einsum("ni,ij,nj->n", y, ell.B, y) + y @ ell.beta + ell.gamma
        return jnp.sum(wt * h(jnp.exp(jnp.clip(lr, -745.0, 709.0))))

    return J


def _project(Ws: np.ndarray, us: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
    U, s, Vt = np.linalg.svd(Ws)
    Ws = np.einsum("nij,nj,njk->nik", U, np.minimum(s, 1.0), Vt)
    norm = np.linalg.norm(us, axis=1, keepdims=True)
    return Ws, us * np.minimum(1.0, t / np.maximum(norm, 1e-300))


def _starts(g: Game, G: Generator, D: BestResponseTo) -> tuple[np.ndarray, np.ndarray]:
    d, t = g.d, g.t
    dirs = np.asarray(fgan.sphere(d, 32 if d > 1 else 2))
    roots = [np.eye(d), _root(G.S), _root(D.of.S), 0.5 * np.eye(d), 1e-3 * np.eye(d)]
    means = [t * e for e in dirs] + [np.zeros(d), G.u, D.of.u]
    Ws = np.array([W for W in roots for _ in means])
    us = np.array([u for _ in roots for u in means])
    return _project(Ws, us, t)


def generator_search(g: Game, G: Generator, D: BestResponseTo, seed: int = 0) -> dict:
    """The deviations found: ``J`` at G and at the best G' (``inf`` allowed), and every
    improvement, best first (``history``)."""
    J = jax.jit(jax.vmap(_reward_fn(g, D)))
    Ws, us = _starts(g, G, D)
    vals = np.nan_to_num(np.asarray(J(jnp.asarray(Ws), jnp.asarray(us))), nan=-np.inf)
    k = int(np.argmax(vals))
    best = (vals[k], Ws[k], us[k])
    history = [best]
    rng = np.random.default_rng(seed)
    for radius in np.geomspace(0.3, 1e-4, SEARCH_ROUNDS):
        if not np.isfinite(best[0]):
            break
        dW = rng.standard_normal((SEARCH_BATCH, g.d, g.d)) * radius
        du = rng.standard_normal((SEARCH_BATCH, g.d)) * radius * max(g.t, 1e-3)
        cW, cu = _project(best[1] + dW, best[2] + du, g.t)
        cv = np.nan_to_num(np.asarray(J(jnp.asarray(cW), jnp.asarray(cu))), nan=-np.inf)
        j = int(np.argmax(cv))
        if cv[j] > best[0]:
            best = (cv[j], cW[j], cu[j])
            history.append(best)
    here = float(np.asarray(J(jnp.asarray(_root(G.S))[None], jnp.asarray(G.u)[None]))[0])
    pool = list(reversed(history)) + sorted(zip(vals, Ws, us, strict=True), key=lambda x: -x[0])
    return {"J_here": here, "J_best": float(best[0]),
            "history": [Generator(W, u) for v, W, u in pool if v > here]}


def reward_routes(g: Game, G: Generator, D: BestResponseTo) -> list[tuple[str, float, float]]:
    """``J(G) = E_{P_G} h(r_{G''})`` (the generator's reward against D_{G''}) by two routes."""
    m, C = reference(g, G, D.of)
    herm, indep = _two(g, _numeric(g, "h"), G, D.of, m, C) if not G.singular else (None, None)
    if G.singular:
        ell = _log_ratio_scipy(D.of, g.Sigma)
        h = _numeric(g, "h")
        indep = _expect_singular(lambda y: h(np.exp(np.clip(ell(y), -745.0, 709.0))), G)
    second = (_independent_name(g) if not G.singular else "gauss-hermite in the latent space",
              *indep)
    if library(g):
        lr = log_ratio(jnp.asarray(D.of.S), jnp.asarray(D.of.u), jnp.asarray(g.Sigma))
        v = float(fgan.J(_name(g), LogRatio(*lr), jnp.asarray(G.u), jnp.asarray(G.S)))
        if math.isinf(v):
            second = _infinite_route(g, v, MGF_POWER_G, D.of, G.S) or second
        return [("closed form (Gaussian lemma)", v, ROUNDING * (1.0 + abs(v))), second]
    if G.singular:
        return [second]
    return [("gauss-hermite", *herm), second]


def _expect_singular(fn, G: Generator) -> tuple[float, float]:
    """``E fn(u + Wz)``, z ~ N(0, I_d) in the latent space (P_G without density)."""
    W = _root(G.S)
    d = len(G.u)
    lo, hi = HERMITE[d]
    vals = []
    for n in (lo, hi):
        x, w = np.polynomial.hermite_e.hermegauss(n)
        w = w / math.sqrt(2.0 * math.pi)
        z = np.stack([a.ravel() for a in np.meshgrid(*([x] * d), indexing="ij")], axis=1)
        wt = np.prod(np.stack([a.ravel() for a in np.meshgrid(*([w] * d), indexing="ij")]), 0)
        with np.errstate(all="ignore"):
            vals.append(float(np.sum(wt * fn(G.u + z @ W.T))))
    return vals[1], abs(vals[1] - vals[0]) + 1e-12 * (1.0 + abs(vals[1]))
