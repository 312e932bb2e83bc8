"""Mixed equilibria of the 1-D WGAN game of Farnia & Ozdaglar (Thm 1) and of the
Dirac-GAN on a box: our results, derived in docs/derivations/hsieh2019.md.

* ``ganeq.mixed.wgan1d_closed_form``: for σ > 1 and ``0 < t ≤ t* = sqrt(2 ln σ)``,
  ``ν* = ½δ_(1,t) + ½δ_(1,−t)`` against ``D* = |x|`` is a mixed NE with value
  ``V*(t) = σ sqrt(2/π) − E|Z + t|``. Proved for each given (σ, t): the critic side by
  the tail argument plus interval bisection (:mod:`verifiers.mixed.interval`), the
  generator side by convexity (``E|wZ + u|`` is convex and even in (w, u), so its
  maximum over the box is at the vertices (1, ±t)), re-checked on a grid; the value
  against the Wasserstein-1 distance by quadrature.
* ``ganeq.mixed.gap_to_stackelberg``: for every t > 0 the mixed value lies in
  ``[σ sqrt(2/π) − E|Z + t|, (σ − 1) sqrt(2/π))``, with a certified bracket.
* ``ganeq.mixed.dirac_box``: value 2f(0), critic equilibrium δ_0, every mean-zero ν a
  generator equilibrium (standard f, grid box with 0 on it).
* ``ganeq.mixed.dirac_box_dynamics``: on the WGAN box (f(t) = t) MD's last iterate
  keeps a gap at least ``SEPARATION`` times MP's final one.
"""

from __future__ import annotations

import numpy as np

from theory.mixed import dirac_box, wgan1d
from verifiers import tolerances
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.mixed import rates, wgan_grid
from verifiers.mixed.dynamics import mp_step, run_summary
from verifiers.mixed.interval import certify_cdf_gap
from verifiers.mixed.lp import solve_lp
from verifiers.outcomes import (
    Outcome,
    Route,
    agree,
    all_of,
    bound,
    disagreement,
    equals,
    lower_bound,
    positive,
    routes_witness,
)
from verifiers.params import Integer, Real, seed_param

EPS = float(np.finfo(np.float64).eps)
SEPARATION = 100.0
"""``ganeq.mixed.dirac_box_dynamics``: MD's last-iterate gap floor is at least this
multiple of MP's final last-iterate gap."""

SIGMA = Real("sigma", 2.0, low=0.0, high=10.0, low_open=True, sample_low=0.5, sample_high=5.0,
             thresholds=(1.0,), doc="data standard deviation σ of P = N(0, σ²)")
T_CLOSED_FORM = Real("t", 0.5, low=0.0, high=20.0, low_open=True, sample_low=0.02,
                     sample_high=3.0, doc="bound |u| ≤ t on the generator's mean")
T_BRACKET = Real("t", 2.0, low=0.0, high=20.0, low_open=True, sample_low=0.1, sample_high=4.0,
                 doc="bound |u| ≤ t on the generator's mean")
POINTS = Integer("points", 41, low=2, high=101, sample_low=5, sample_high=51,
                 doc="grid points per player on [−1, 1] (odd: 0 on the grid)")


def _closed_form_expected(params) -> Verdict:
    """holds for σ > 1 and t ≤ sqrt(2 ln σ); inapplicable for σ ≤ 1 or t > sqrt(2 ln σ)."""
    sigma, t = params["sigma"], params["t"]
    return Verdict.HOLDS if sigma > 1.0 and t <= wgan1d.t_star(sigma) else Verdict.INAPPLICABLE


def _sample_both_regimes(rng) -> dict:
    """σ on both sides of 1; for σ > 1, t on both sides of t* = sqrt(2 ln σ)."""
    sigma = float(rng.uniform(0.5, 5.0))
    scale = wgan1d.t_star(sigma) if sigma > 1.0 else 1.0
    return {"sigma": sigma, "t": float(rng.uniform(0.02, 2.0) * scale)}


def _strategy_both_regimes():
    from hypothesis import strategies as st

    return st.tuples(st.floats(0.5, 5.0), st.floats(0.02, 2.0)).map(
        lambda v: {"sigma": v[0], "t": v[1] * (wgan1d.t_star(v[0]) if v[0] > 1.0 else 1.0)})


def _guarantee_of_abs(sigma, t, points=101) -> Route:
    """``min`` over a grid of the box (vertices included) of ``V(N(u, w²), |x|)``."""
    W, U = np.meshgrid(np.linspace(0.0, 1.0, points), np.linspace(-t, t, 2 * points + 1))
    value = float(np.min(wgan1d.value_against_abs(sigma, W, U)))
    return Route("guarantee of |x| on a grid of the box", value, 64 * EPS * (sigma + t + 1.0))


def _critic_best_response(sigma, t) -> Outcome:
    """``G ≥ 0`` on [0, ∞) (|x| is a best response to ν*): a certified point with
    ``G < 0`` refutes; a certified positive lower bound of ``G(x)/x`` proves."""
    cert = certify_cdf_gap(sigma, t)
    witness = {"interval_lower_bound_G_over_x": cert.margin_lower, "interval_cells": cert.cells,
               "tail_start": cert.tail_start, "proved_on_whole_line": cert.proved,
               "min_point_G_over_x_upper": cert.min_point_upper,
               "G_prime_0": float(wgan1d.cdf_gap_slope0(sigma, t))}
    statement = (f"G ≥ 0 on [0, ∞): interval bisection on [0, {cert.tail_start:.4g}], "
                 "tail argument beyond")
    if cert.min_point_upper < 0:
        return positive(cert.min_point_upper, 0.0, statement, witness=witness, method="interval")
    return lower_bound(cert.margin_lower if cert.proved else 0.0, 0.0, statement,
                       witness=witness, method="interval")


@claim(
    "ganeq.mixed.wgan1d_closed_form",
    reference="ganeq, on Farnia & Ozdaglar 2020, Thm 1's 1-D WGAN game",
    statement="For σ > 1 and 0 < t ≤ sqrt(2 ln σ), the generator ½N(t,1)+½N(−t,1) "
              "and the critic |x| form a mixed Nash equilibrium with value "
              "σ sqrt(2/π) − E|Z+t|.",
    params=[SIGMA, T_CLOSED_FORM],
    expected=_closed_form_expected,
    sampler=_sample_both_regimes,
    strategy_fn=_strategy_both_regimes,
    derivation="hsieh2019.md#ganeqmixedwgan1d_closed_form-the-regime-i-mixed-equilibrium",
)
def check_mixed_wgan1d_closed_form(sigma, t) -> Outcome:
    if sigma <= 1.0:
        return Outcome.inapplicable(f"σ > 1 (σ = {sigma:.10g})")
    ts = wgan1d.t_star(sigma)
    if t > ts:
        return Outcome.inapplicable(
            f"t ≤ sqrt(2 ln σ) = {ts:.10g} (t = {t:.10g}); ganeq.mixed.gap_to_stackelberg "
            "covers every t", {"t_star": ts, "G_prime_0": float(wgan1d.cdf_gap_slope0(sigma, t))})
    value = float(wgan1d.value_regime1(sigma, t))
    w1 = wgan_grid.w1_to_data(sigma, [0.5, 0.5], [1.0, 1.0], [t, -t])
    parts = [
        equals(value, Route("W1(P, ν*) by quadrature", w1, tolerances.QUADRATURE),
               statement=f"value σ sqrt(2/π) − E|Z+t| = {value:.10f} = W1(P, ν*)",
               method="closed-form+quadrature"),
        _critic_best_response(sigma, t),
        equals(value, _guarantee_of_abs(sigma, t),
               statement="(1, ±t) are generator best responses to |x| (convexity; grid)"),
    ]
    return all_of(*parts, method="interval+closed-form+quadrature", statement=(
        f"½N({t:.4g},1)+½N(−{t:.4g},1) vs |x| is a mixed NE with value {value:.10f}: "
        + "; ".join(p.statement for p in parts)))


def _sigma_above_one(params) -> Verdict:
    """holds for σ > 1; inapplicable for σ ≤ 1."""
    return Verdict.HOLDS if params["sigma"] > 1.0 else Verdict.INAPPLICABLE


@claim(
    "ganeq.mixed.gap_to_stackelberg",
    reference="ganeq, on Farnia & Ozdaglar 2020, Thm 1's 1-D WGAN game",
    statement="For σ > 1 and every t > 0 the mixed value of the 1-D WGAN game lies in "
              "[σ sqrt(2/π) − E|Z+t|, (σ−1) sqrt(2/π)): mixing lowers the generator-first "
              "value strictly.",
    params=[SIGMA, T_BRACKET],
    expected=_sigma_above_one,
    derivation="hsieh2019.md#ganeqmixedgap_to_stackelberg-mixing-lowers-the-generator-first-value",
)
def check_mixed_gap_to_stackelberg(sigma, t) -> Outcome:
    if sigma <= 1.0:
        return Outcome.inapplicable(f"σ > 1 (σ = {sigma:.10g})")
    lower_cf = float(wgan1d.value_regime1(sigma, t))
    stackelberg = float(wgan1d.stackelberg_value(sigma))
    tau = min(t, wgan1d.t_star(sigma))
    grid = wgan_grid.make_grid(sigma, t)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    uppers = [
        Route("W1 of ½N(τ,1)+½N(−τ,1), τ = min(t, t*)",
              wgan_grid.w1_to_data(sigma, [0.5, 0.5], [1.0, 1.0], [tau, -tau]),
              tolerances.QUADRATURE),
        Route("clamp coupling", float(wgan1d.clamp_upper_bound(sigma, t)),
              64 * EPS * (sigma + t)),
        Route("W1 of the grid LP's mixture", wgan_grid.w1_to_data(sigma, sol.rho, grid.w, grid.u),
              tolerances.QUADRATURE),
    ]
    hi = min(uppers, key=lambda r: r.value + r.error)
    abs_guarantee = _guarantee_of_abs(sigma, t)
    lo = max(abs_guarantee.value - abs_guarantee.error, 0.0,
             wgan_grid.critic_guarantee(sol.slopes, grid.edges, sigma, t))
    bracket = {"bracket": [lo, hi.value + hi.error], "grid_lp_value": sol.value,
               "upper_candidates": routes_witness(uppers)}
    if lo > hi.value + hi.error:
        return disagreement([Route("certified lower bound", lo, 0.0), hi],
                            "the mixed value", witness=bracket)
    parts = [
        equals(lower_cf, abs_guarantee,
               statement=f"closed end σ sqrt(2/π) − E|Z+t| = {lower_cf:.7f} is the "
                         "guarantee of the critic |x|"),
        equals(stackelberg, Route("W1(P, N(0, 1)) by quadrature",
                                  wgan_grid.w1_to_data(sigma, [1.0], [1.0], [0.0]),
                                  tolerances.QUADRATURE),
               statement=f"open end (σ−1) sqrt(2/π) = {stackelberg:.7f} = W1(P, N(0, 1))"),
        bound(hi.value, stackelberg, hi.error, witness=bracket,
              statement=f"mixed value ≤ {hi.value:.7f} ({hi.name}) < {stackelberg:.7f}"),
    ]
    hi = hi.value
    return all_of(*parts, method="lp+branch-and-bound+quadrature", statement=(
        f"mixed value ∈ [{lo:.7f}, {hi:.7f}] ⊂ [{lower_cf:.7f}, {stackelberg:.7f}): "
        + "; ".join(p.statement for p in parts)))


def _mean_zero_strategies(theta, rng, count=8):
    """Random symmetric ν and random two-point mean-zero ν on the grid."""
    out = []
    for _ in range(count):
        p = rng.random(theta.size)
        out.append((p + p[::-1]) / (p + p[::-1]).sum())
        i, j = rng.integers(0, theta.size // 2), rng.integers(theta.size // 2 + 1, theta.size)
        two = np.zeros(theta.size)
        two[i], two[j] = theta[j], -theta[i]
        out.append(two / two.sum())
    return out


def _odd_points(params) -> Verdict:
    """holds for an odd number of grid points; inapplicable for an even number (0 is not
    on the grid)."""
    return Verdict.HOLDS if params["points"] % 2 == 1 else Verdict.INAPPLICABLE


@claim(
    "ganeq.mixed.dirac_box",
    reference="ganeq, on Mescheder et al. 2018, Def. 2.1 (the Dirac-GAN)",
    statement="On a grid of the box [−1,1]² with 0 on it the Dirac-GAN (standard f) has value "
              "2f(0), the critic's unique equilibrium δ_0, and every mean-zero generator "
              "mixture is an equilibrium strategy.",
    params=[POINTS, seed_param("seed of the random test strategies")],
    expected=_odd_points,
    derivation="hsieh2019.md#ganeqmixeddirac_box-the-dirac-gan-on-a-box",
)
def check_mixed_dirac_box(points, seed) -> Outcome:
    if points % 2 == 0:
        return Outcome.inapplicable(f"an odd number of grid points, so that 0 is on the grid "
                                    f"(points = {points})")
    game = dirac_box.game(points)
    v_star = dirac_box.value()
    sol = solve_lp(game)
    lp_routes = (Route("LP primal", sol.value_primal, tolerances.LP),
                 Route("LP dual", sol.value_dual, tolerances.LP))
    lp = agree(*lp_routes)
    if lp is None:
        return disagreement(lp_routes, "the value of the box game")
    theta = dirac_box.grid(points)
    rng = np.random.default_rng(seed)
    delta0 = np.eye(points)[points // 2]
    gen_gap = max(game.gap(nu, delta0) for nu in _mean_zero_strategies(theta, rng))
    guarantees = [float(np.min(mu @ (-game.A))) for mu in rng.dirichlet(np.ones(points), 16)]
    rounding = 64.0 * points * EPS
    parts = [
        equals(v_star, lp, statement=f"value 2f(0) = {v_star:.10f} (LP {lp.value:.10f})",
               method="lp+closed-form", witness={"lp_routes": routes_witness(lp_routes)}),
        equals(0.0, Route("largest duality gap of (ν, δ_0), ν mean-zero", gen_gap, rounding),
               statement="every tested mean-zero ν with δ_0 has duality gap 0"),
        positive(v_star - max(guarantees), rounding,
                 statement=f"random critics ≠ δ_0 guarantee less than 2f(0) (by ≥ "
                           f"{v_star - max(guarantees):.3g})"),
    ]
    return all_of(*parts, method="lp+closed-form", statement=(
        f"Dirac-GAN box ({points}×{points} grid): " + "; ".join(p.statement for p in parts)))


def _padded_size(points: int) -> int:
    """The size a box game is padded to (:func:`verifiers.mixed.rates.padded`): the next
    power of 2, at most ``POINTS.high``; a handful of shapes share the compiled runs."""
    return min(1 << (points - 1).bit_length(), POINTS.high)


@claim(
    "ganeq.mixed.dirac_box_dynamics",
    reference="ganeq, on Hsieh et al. 2019 §2.1 (entropic MD and MP) and Mescheder et al. 2018",
    statement="On the WGAN Dirac box (f(t) = t, an odd number of grid points) from the start "
              "p ∝ e^{2θ}, q ∝ e^{−ψ}, constant-step MD's last-iterate duality gap stays, over "
              "the last quarter of T steps, at least 100 times the final last-iterate gap of "
              "MP with η = 1/max|A|: MD's last iterate cycles while MP's converges.",
    params=[POINTS, Integer("T", 20000, low=2000, high=200000, sample_high=30000, doc="steps"),
            Real("eta_md", 0.05, low=0.01, high=1.0, doc="MD's constant step")],
    expected=_odd_points,
    derivation="hsieh2019.md#ganeqmixeddirac_box_dynamics-md-cycles-mp-converges",
)
def check_mixed_dirac_box_dynamics(points, T, eta_md) -> Outcome:
    if points % 2 == 0:
        return Outcome.inapplicable(f"an odd number of grid points, so that 0 is on the grid "
                                    f"(points = {points})")
    game = dirac_box.game(points, "wgan")
    theta = dirac_box.grid(points)
    A, a, lp0, lq0 = rates.padded(game, _padded_size(points), log_p0=2.0 * theta,
                                  log_q0=-theta)
    eta_mp = mp_step(game.A)
    md = run_summary(A, a, eta_md, T, T - T // 4, method="md", log_p0=lp0, log_q0=lq0)
    mp = run_summary(A, a, eta_mp, T, T - T // 4, method="mp", log_p0=lp0, log_q0=lq0)
    md_floor = float(md.tail_min_gap_last)
    mp_last = float(mp.gap_last)
    error = (1.0 + SEPARATION) * rates.rounding_error(game, min(eta_md, eta_mp), T)
    return bound(md_floor, SEPARATION * mp_last, error, upper=False, method="jax-scan",
                 statement=f"WGAN Dirac box: MD's last-iterate gap stays ≥ {md_floor:.3g} over "
                           f"the last quarter of {T} steps; MP's ends at {mp_last:.3g} "
                           f"(×{SEPARATION:g} = {SEPARATION * mp_last:.3g})",
                 witness={"md_last_gap_floor": md_floor, "mp_last_gap": mp_last,
                          "md_average_gap": float(md.gap_average),
                          "mp_average_gap": float(mp.gap_average),
                          "md_mean_theta": float(np.asarray(md.p_last)[:points] @ theta)})
