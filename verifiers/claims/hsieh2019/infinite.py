"""The infinite-dimensional pieces of Hsieh, Liu & Cevher 2019: Section 3 on weighted
particles and Section 4.1's SGLD sampler.

* ``hsieh2019.particle_md``: Algorithm 1 (MD, fixed-horizon step ``η_T``) and
  Algorithm 2 (MP, ``η ≤ 1/max|M|``) run on the weights of fixed particle sets of the
  1-D WGAN game (:mod:`verifiers.mixed.particles`); by Theorem 1 (eq. (7)) this is the
  finite entropic MD / MP on the particle game, so Theorem 2's bounds with their
  constants apply: at every horizon the ergodic duality gap is below the regret bound
  (MD) or Nemirovski's bound (MP), and the final value ``F(ν̄_T, μ̄_T)`` is within that
  bound of the particle game's LP value (:mod:`verifiers.mixed.lp`).
* ``hsieh2019.sgld``: SGLD (eq. (8)) on ``h(x) = x⁴/4 + bx²/2 + cx`` with noisy
  gradients: ``E_{π_γ} f`` for ``f ∈ {x, x²}`` by two routes (the mean over ``CHAINS``
  chains of their time averages, error bar ``MC_Z·SE``; the chain's invariant law on a
  grid) is ``E_π f + β_f`` up to the stated remainder ``REMAINDER·γ²``
  (:mod:`verifiers.mixed.sgld`).
"""

from __future__ import annotations

import dataclasses
import math

import jax
import numpy as np

from theory.mixed import wgan1d
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.hsieh2019.symbols import (
    CHAIN_SEED,
    EPSILON,
    ETA_SCALE,
    GAMMA,
    GRAD_NOISE,
    METHOD,
    SIGMA,
    T_BOUND,
    B,
    C,
)
from verifiers.mixed import particles, rates, sgld
from verifiers.mixed.dynamics import md_horizon_step
from verifiers.mixed.lp import solve_lp
from verifiers.outcomes import (
    Outcome,
    Route,
    agree,
    all_of,
    bound,
    disagreement,
    routes_witness,
)

CHAINS, STEPS, BURN_IN = 2048, 4000, 2000
MOMENTS = {"E[x]": lambda x: x, "E[x^2]": lambda x: x * x}
MC_Z = 4.0
"""z of the error bar of a mean over ``CHAINS`` i.i.d. chains (Gaussian 4σ: 6e-5)."""
REMAINDER = 2.0
"""The statement's constant K in ``|R_f| ≤ K γ²`` for the second-order remainder of the
stationary bias (docs/derivations/hsieh2019.md)."""


def _steps(game, method, eta_scale, horizons):
    """MD: ``eta_scale · η_T`` per horizon; MP: ``eta_scale / max|M|`` for all."""
    if method == "md":
        return eta_scale * np.asarray(md_horizon_step(game.scale, game.n, game.m, horizons))
    return np.full(horizons.size, eta_scale / float(np.max(np.abs(game.A))))


def _bounds(game, method, etas, horizons):
    """The regret bound (MD) or Nemirovski's bound (MP) at each horizon."""
    if method == "md":
        return rates.md_bound(game, etas, horizons)
    return rates.mp_bound(game, etas[0], horizons)


def _particle_expected(params) -> Verdict:
    """holds, except Algorithm 2 (method mp) with eta_scale > 1, i.e. a step above
    1/max|M|: inapplicable there."""
    if params["method"] == "mp" and params["eta_scale"] > 1.0:
        return Verdict.INAPPLICABLE
    return Verdict.HOLDS


def _closed_form_value(sigma, t):
    """``V*(t)`` when the particle game contains the continuum mixed NE (σ > 1, t ≤ t*)."""
    if sigma > 1.0 and t <= wgan1d.t_star(sigma):
        return float(wgan1d.value_regime1(sigma, t))
    return None


@claim(
    "hsieh2019.particle_md",
    reference="Hsieh, Liu & Cevher 2019, §3: Theorem 1 (eq. (7)), Algorithms 1-2, Theorem 2",
    statement="Infinite-dimensional entropic MD / MP (Algorithms 1-2) restricted to weighted "
              "particles of the 1-D WGAN game is the finite MD / MP on the particle game: with "
              "any step η > 0 (MD) or any η ≤ 1/max|M| (MP) its ergodic duality gap is at most "
              "the regret bound ((ln m + ln n)/η + η T (G_p² + G_q²)/2)/T, resp. Nemirovski's "
              "(ln m + ln n)/(η T), at every T in {10², …, 10⁴}, and F(ν̄_T, μ̄_T) is within "
              "that bound of the particle game's value.",
    params=[SIGMA, T_BOUND, METHOD, ETA_SCALE],
    expected=_particle_expected,
    derivation="hsieh2019.md#hsieh2019particle_md-algorithms-1-2-on-particles",
)
def check_particle_md(sigma, t, method, eta_scale) -> Outcome:
    if method == "mp" and eta_scale > 1.0:
        return Outcome.inapplicable(
            f"η ≤ 1/max|M| (Algorithm 2's step; eta_scale = {eta_scale:g} > 1)")
    if not particles.cells_distinct(sigma, t):
        return Outcome(margin=math.nan, tolerance=0.0, method="jax-scan+lp",
                       verdict=Verdict.INCONCLUSIVE,
                       statement=f"σ = {sigma:.3g}, t = {t:.3g}: the particle game's cells of "
                                 f"[−X, X], X = {particles.WIDTH_SD:g}σ + t, are not distinct in "
                                 "float64, so the game cannot be formed")
    pg = particles.make_particle_game(sigma, t)
    game = pg.bilinear()
    lp = solve_lp(game)
    T = np.asarray(rates.HORIZONS)
    etas = _steps(game, method, eta_scale, T.astype(float))
    gaps, nu_bar, mu_bar = particles.particle_run(
        pg.M, pg.g, etas, T - 1, T=int(T[-1]), method=method)
    gaps = np.asarray(gaps)
    bounds = _bounds(game, method, etas, T)
    value = game.value(nu_bar[-1], mu_bar[-1])
    error = rates.rounding_error(game, etas, int(T[-1]))
    k = int(np.argmin(bounds - gaps))
    rate = bound(float(gaps[k]), float(bounds[k]), error,
                 statement=f"gap ≤ bound at every horizon (least slack at T = {T[k]}: "
                           f"{gaps[k]:.4g} ≤ {bounds[k]:.4g})")
    value_part = bound(abs(value - lp.value), float(bounds[-1]), error + tolerances.LP,
                       statement=f"|F(ν̄_T, μ̄_T) − value| = {abs(value - lp.value):.3g} ≤ "
                                 f"{bounds[-1]:.4g} at T = {T[-1]}")
    outcome = all_of(rate, value_part, method="jax-scan+lp", statement=(
        f"{method.upper()} on {pg.M.shape[0]} critic × {pg.M.shape[1]} generator particles: "
        f"{rate.statement}; {value_part.statement}"))
    return dataclasses.replace(outcome, witness=dict(
        horizons=T.tolist(), gaps=gaps.tolist(), bounds=np.asarray(bounds).tolist(),
        etas=np.asarray(etas).tolist(), worst_T=int(T[k]), rounding_error=error,
        fitted_slope=rates.fitted_slope(T, np.maximum(gaps, 1e-300)),
        final_value=value, lp_value=lp.value, lp_primal_dual=[lp.value_primal, lp.value_dual],
        closed_form_value=_closed_form_value(sigma, t),
        particles={"critics": int(pg.M.shape[0]), "generators": int(pg.M.shape[1])},
    ))


def _moment_outcome(name, est, chain, gibbs, bias, gamma) -> Outcome:
    """Two routes to ``E_{π_γ} f`` (the chains' mean with ``MC_Z·SE``; the chain's
    invariant law on a grid with its refinement estimate); where they agree, the statement
    ``|E_{π_γ} f − E_π f − β_f| ≤ REMAINDER·γ²`` on the more accurate one."""
    se = float(np.std(est, ddof=1) / np.sqrt(est.size))
    routes = (Route("SGLD chains", float(np.mean(est)), MC_Z * se),
              Route("invariant law of the chain (grid)", chain[0], chain[1] + 1e-12))
    best = agree(*routes)
    if best is None:
        return disagreement(routes, f"E_{{π_γ}} {name}", method="jax-scan+grid")
    deviation = abs(best.value - gibbs - bias)
    return bound(deviation, REMAINDER * gamma**2, best.error + tolerances.QUADRATURE,
                 method="jax-scan+grid+quadrature",
                 statement=f"{name}: E_(π_γ) {best.value:.6f} (chains {routes[0].value:.5f} "
                           f"± {routes[0].error:.1e}) vs E_π + β = {gibbs + bias:.6f} "
                           f"(β = {bias:.2e}): remainder {deviation:.2e} ≤ "
                           f"{REMAINDER * gamma**2:.2e}",
                 witness={name: {**routes_witness(routes), "gibbs_quadrature": gibbs,
                                 "first_order_bias": bias, "remainder": deviation}})


@claim(
    "hsieh2019.sgld",
    reference="Hsieh, Liu & Cevher 2019, §4.1, eq. (8) (Welling & Teh 2011)",
    statement="SGLD with step γ ≤ 0.02, thermal noise ε and unbiased gradients with noise s "
              "samples the Gibbs measure π ∝ exp(−h/ε) up to a stationary bias of first order "
              "in γ: for f in {x, x²} its invariant law π_γ has E_{π_γ} f = E_π f + β_f + R_f "
              "with β_f = γε Cov_π(f, U'²/4 − U''/2) + (γ s²/2) Cov_π(f, h)/ε², U = h/ε, "
              "and |R_f| ≤ 2γ².",
    params=[B, C, EPSILON, GAMMA, GRAD_NOISE, CHAIN_SEED],
    derivation="hsieh2019.md#hsieh2019sgld-stationary-bias-of-sgld-eq-8",
)
def check_sgld(b, c, eps, gamma, grad_noise, seed) -> Outcome:
    k0, k1 = jax.random.split(jax.random.key(seed))
    x0 = jax.random.normal(k0, (CHAINS,))
    per_chain = sgld.sgld_moments(
        x0, b, c, eps, gamma, grad_noise, key=k1, steps=STEPS, burn_in=BURN_IN)
    chain, chain_err = sgld.chain_invariant_expectations(
        list(MOMENTS.values()), b, c, eps, gamma, grad_noise)
    parts = [
        _moment_outcome(name, np.asarray(est), (float(chain[i]), float(chain_err[i])),
                        sgld.gibbs_expectation(f, b, c, eps),
                        sgld.first_order_bias(f, b, c, eps, gamma, grad_noise), gamma)
        for i, ((name, f), est) in enumerate(zip(MOMENTS.items(), per_chain, strict=True))
    ]
    return all_of(*parts, statement=(
        f"SGLD (γ = {gamma:g}, ε = {eps:g}, gradient noise {grad_noise:g}), {CHAINS} chains "
        f"(error bar {MC_Z:g}·SE) and the chain's invariant law: "
        + "; ".join(p.statement for p in parts)))
