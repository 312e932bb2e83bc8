"""Mixed equilibria of the 1-D WGAN game of Farnia & Ozdaglar (Thm 1) and of the
Dirac-GAN on a box: our results (dirac_and_mixed.md B.2, B.3), not the papers'.

* ``ganeq.mixed.wgan1d_closed_form``: for σ > 1 and ``0 < t ≤ t* = sqrt(2 ln σ)``,
  ``ν* = ½δ_(1,t) + ½δ_(1,−t)`` against ``D* = |x|`` is a mixed NE with value
  ``V*(t) = σ sqrt(2/π) − E|Z + t|``. The note calls sufficiency "numerically
  verified"; here it is proved for each given (σ, t): the critic side by the
  tail argument plus interval bisection (verifiers.mixed.interval), the
  generator side by convexity (``E|wZ + u|`` is convex and even in (w, u), so its
  maximum over the box is at the vertices (1, ±t)), re-checked on a grid.
* ``ganeq.mixed.gap_to_stackelberg``: for every t > 0 the mixed value lies in
  ``[σ sqrt(2/π) − E|Z + t|, (σ − 1) sqrt(2/π))``, with a certified bracket.
* ``ganeq.mixed.dirac_box``: value 2f(0), critic equilibrium δ_0, every
  mean-zero ν a generator equilibrium (standard f, grid box).
* ``ganeq.mixed.dirac_box_dynamics``: on the WGAN box (f(t) = t) MD's last
  iterate cycles while MP's converges.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from theory.mixed import dirac_box, wgan1d
from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.mixed import wgan_grid
from verifiers.mixed.dynamics import run
from verifiers.mixed.interval import certify_cdf_gap
from verifiers.mixed.lp import solve_lp
from verifiers.params import Integer, Matrix, Real, seed_param

_SIGMA = Real(
    "sigma",
    2.0,
    low=1.0,
    high=10.0,
    low_open=True,
    sample_low=1.1,
    sample_high=5.0,
    doc="data standard deviation σ of P = N(0, σ²)",
)


def _sample_regime1(rng):
    sigma = float(rng.uniform(1.1, 5.0))
    return {"sigma": sigma, "t": float(rng.uniform(0.02, 0.98) * wgan1d.t_star(sigma))}


def _strategy_regime1():
    from hypothesis import strategies as st

    return st.tuples(st.floats(1.1, 5.0), st.floats(0.02, 0.98)).map(
        lambda v: {"sigma": v[0], "t": v[1] * wgan1d.t_star(v[0])}
    )


def _generator_exploitability(sigma, t, points=101):
    """``max_(w,u) E|wZ+u| − E|Z+t|`` over a grid of the box (≤ 0 by convexity)."""
    W, U = np.meshgrid(np.linspace(0.0, 1.0, points), np.linspace(-t, t, 2 * points + 1))
    return float(np.max(wgan1d.abs_moment(W, U)) - wgan1d.abs_moment(1.0, t))


def _check_closed_form(sigma, t) -> Outcome:
    ts = wgan1d.t_star(sigma)
    if t > ts:
        return Outcome.inapplicable(
            f"t ≤ sqrt(2 ln σ) = {ts:.10g} (t = {t:.10g}); use "
            "ganeq.mixed.gap_to_stackelberg beyond it",
            {"t_star": ts, "G_prime_0": float(wgan1d.cdf_gap_slope0(sigma, t))},
        )
    value = float(wgan1d.value_regime1(sigma, t))
    w1 = wgan_grid.w1_to_data(sigma, [0.5, 0.5], [1.0, 1.0], [t, -t])
    gen_gain = _generator_exploitability(sigma, t)
    cert = certify_cdf_gap(sigma, t)
    slope0 = float(wgan1d.cdf_gap_slope0(sigma, t))
    failures = [
        v
        for v in (-(abs(value - w1) - tolerances.QUADRATURE), -gen_gain)
        if v < -tolerances.CLOSED_FORM
    ]
    if failures:
        margin = min(failures)
    elif cert.proved:
        margin = slope0
    else:
        margin = min(cert.min_point_upper, 0.0)
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="interval+closed-form+quadrature",
        statement=(
            f"½N({t:.4g},1)+½N(−{t:.4g},1) vs |x| is a mixed NE with value {value:.10f}: "
            f"G ≥ 0 {'proved' if cert.proved else 'NOT proved'} on [0, {cert.tail_start:.4g}] by "
            "interval bisection and on [X, ∞) by the tail argument; generator best response "
            "(1, ±t) by convexity of E|wZ+u|; margin G'(0) = φ(t) − φ(0)/σ"
        ),
        witness={
            "value": value,
            "w1_quadrature": w1,
            "G_prime_0": slope0,
            "t_star": ts,
            "interval_lower_bound_G_over_x": cert.margin_lower,
            "interval_cells": cert.cells,
            "tail_start": cert.tail_start,
            "proved_on_whole_line": cert.proved,
            "min_point_G_over_x_upper": cert.min_point_upper,
            "generator_grid_gain": gen_gain,
            "E_abs_Z_plus_t": float(wgan1d.abs_moment(1.0, t)),
        },
    )


def _check_stackelberg(sigma, t) -> Outcome:
    lower_cf = float(wgan1d.value_regime1(sigma, t))
    stackelberg = float(wgan1d.stackelberg_value(sigma))
    tau = min(t, wgan1d.t_star(sigma))
    grid = wgan_grid.make_grid(sigma, t)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    uppers = {
        "symmetric_pair_w1": wgan_grid.w1_to_data(sigma, [0.5, 0.5], [1.0, 1.0], [tau, -tau]),
        "clamp_coupling": float(wgan1d.clamp_upper_bound(sigma, t)),
        "grid_lp_mixture_w1": wgan_grid.w1_to_data(sigma, sol.rho, grid.w, grid.u),
    }
    hi = min(uppers.values())
    lo = max(lower_cf, 0.0, wgan_grid.critic_guarantee(sol.slopes, grid.edges, sigma, t))
    tol = tolerances.QUADRATURE
    margin = stackelberg - hi if hi >= lo - tol else hi - lo
    return Outcome(
        margin=margin,
        tolerance=tol,
        method="lp+branch-and-bound+quadrature",
        statement=(
            f"mixed value ∈ [{lo:.7f}, {hi:.7f}] ⊂ [{lower_cf:.7f}, {stackelberg:.7f}) "
            "(closed end: the critic |x|; open end: the Stackelberg value)"
        ),
        witness={
            "bracket": [lo, hi],
            "lower_closed_form": lower_cf,
            "stackelberg": stackelberg,
            "upper_candidates": uppers,
            "grid_lp_value": sol.value,
        },
    )


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


def _check_dirac_box(points, seed) -> Outcome:
    game = dirac_box.game(points)
    v_star = dirac_box.value()
    sol = solve_lp(game)
    theta = dirac_box.grid(points)
    zero = points // 2
    delta0 = np.eye(points)[zero]
    rng = np.random.default_rng(seed)
    gen_gaps = [game.gap(nu, delta0) for nu in _mean_zero_strategies(theta, rng)]
    mus = rng.dirichlet(np.ones(points), 16)
    critic_losses = [v_star - float(np.min(mu @ (-game.A))) for mu in mus]
    errors = {
        "lp_value": max(abs(sol.value_primal - v_star), abs(sol.value_dual - v_star)),
        "lp_critic_off_zero": 1.0 - float(sol.q[zero]),
        "mean_zero_gap": max(gen_gaps),
    }
    margin = min(tolerances.LP - max(errors.values()), min(critic_losses))
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="lp+closed-form",
        statement=(
            f"Dirac-GAN box ({points}×{points} grid): value 2f(0) = {v_star:.10f} "
            f"(LP {sol.value:.10f}), "
            "critic δ_0, every mean-zero generator mixture an equilibrium; random critics ≠ δ_0 "
            f"lose ≥ {min(critic_losses):.3g}"
        ),
        witness=dict(errors, value=v_star, lp_value=sol.value, min_critic_loss=min(critic_losses)),
    )


def _check_dynamics(points, T, eta_md) -> Outcome:
    game = dirac_box.game(points, "wgan")
    theta = jnp.asarray(dirac_box.grid(points))
    start = {"log_p0": 2.0 * theta, "log_q0": -theta}
    md = run(game.A, game.a, eta_md, T=T, method="md", **start)
    mp = run(game.A, game.a, 1.0 / float(np.max(np.abs(game.A))), T=T, method="mp", **start)
    md_floor = float(jnp.min(md.gap_last[-(T // 4) :]))
    mp_last = float(mp.gap_last[-1])
    margin = float(np.log10(md_floor / max(mp_last, tolerances.EPS))) - 2.0
    return Outcome(
        margin=margin,
        tolerance=tolerances.RATE_FIT,
        method="jax-scan",
        statement=(
            f"WGAN Dirac box: MD's last-iterate gap stays ≥ {md_floor:.3g} over the last quarter "
            f"of {T} steps while MP's ends at {mp_last:.3g} (≥ 2 decades apart)"
        ),
        witness={
            "md_last_gap_floor": md_floor,
            "mp_last_gap": mp_last,
            "md_average_gap": float(md.gap_average[-1]),
            "mp_average_gap": float(mp.gap_average[-1]),
            "md_mean_theta": float(md.p_last @ theta),
        },
    )


def _odd(name):
    def validate(v):
        if isinstance(v, bool) or int(v) != v or int(v) % 2 == 0 or not 5 <= int(v) <= 101:
            raise ValueError(
                f"{name}={v!r} is outside the admissible range: an odd integer in [5, 101]"
            )
        return int(v)

    return validate


def _points_param(default):
    return Matrix(
        "points",
        default,
        doc="an odd integer in [5, 101] (grid points per player)",
        validate=_odd("points"),
        draw=lambda rng: int(2 * rng.integers(5, 25) + 1),
    )


CLAIMS = [
    Claim(
        id="ganeq.mixed.wgan1d_closed_form",
        reference="ganeq (dirac_and_mixed.md B.2) on Farnia & Ozdaglar 2020, Thm 1's 1-D WGAN game",
        statement="For σ > 1 and 0 < t ≤ sqrt(2 ln σ), the generator ½N(t,1)+½N(−t,1) "
        "and the critic |x| "
        "form a mixed Nash equilibrium with value σ sqrt(2/π) − E|Z+t|.",
        params=[
            _SIGMA,
            Real(
                "t",
                0.5,
                low=0.0,
                high=20.0,
                low_open=True,
                doc="bound |u| ≤ t on the generator's mean",
            ),
        ],
        checker=_check_closed_form,
        sampler=_sample_regime1,
        strategy_fn=_strategy_regime1,
    ),
    Claim(
        id="ganeq.mixed.gap_to_stackelberg",
        reference="ganeq (dirac_and_mixed.md B.2) on Farnia & Ozdaglar 2020, Thm 1's 1-D WGAN game",
        statement="For every t > 0 the mixed value of the 1-D WGAN game lies in "
        "[σ sqrt(2/π) − E|Z+t|, "
        "(σ−1) sqrt(2/π)): mixing lowers the generator-first value strictly.",
        params=[
            _SIGMA,
            Real(
                "t",
                2.0,
                low=0.0,
                high=20.0,
                low_open=True,
                sample_low=0.1,
                sample_high=4.0,
                doc="bound |u| ≤ t on the generator's mean",
            ),
        ],
        checker=_check_stackelberg,
    ),
    Claim(
        id="ganeq.mixed.dirac_box",
        reference="ganeq (dirac_and_mixed.md B.3) on Mescheder et al. 2018, Def. 2.1",
        statement="On a grid of the box [−1,1]² the Dirac-GAN (standard f) has value 2f(0), "
        "the critic's "
        "equilibrium δ_0, and every mean-zero generator mixture is an equilibrium strategy.",
        params=[
            _points_param(41),
            seed_param("seed of the random test strategies"),
        ],
        checker=_check_dirac_box,
    ),
    Claim(
        id="ganeq.mixed.dirac_box_dynamics",
        reference="ganeq (dirac_and_mixed.md B.3) on Hsieh et al. 2019 §2.1, Mescheder et al. 2018",
        statement="On the WGAN Dirac box (f(t) = t) from an off-equilibrium start, "
        "constant-step MD's last "
        "iterate keeps a gap bounded away from 0 (it cycles) while MP's last iterate converges.",
        params=[
            _points_param(41),
            Integer("T", 20000, low=2000, high=200000, sample_high=30000, doc="steps"),
            Real("eta_md", 0.05, low=0.01, high=1.0, doc="MD's constant step"),
        ],
        checker=_check_dynamics,
    ),
]

