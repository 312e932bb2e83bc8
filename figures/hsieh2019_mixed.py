"""Figures for mixed equilibria (Hsieh et al. 2019 §2.1; docs/derivations/hsieh2019.md).

* ``hsieh2019_rates``: ergodic duality gap vs T (log-log) for entropic MD and MP
  with fitted slopes and the theoretical bounds;
* ``hsieh2019_wgan_equilibrium``: the mixed equilibrium of the 1-D WGAN game
  (generator mixture density against N(0, σ²), critic slope) below and above t*;
* ``hsieh2019_mixed_value``: mixed value vs t with its certified bracket and the
  pure Stackelberg value;
* ``hsieh2019_dirac_box``: last iterate vs average for MD/MP on the Dirac box.
"""

from __future__ import annotations

import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from theory.bilinear import random_game
from theory.mixed import dirac_box, wgan1d
from verifiers.mixed import rates, wgan_grid
from verifiers.mixed.dynamics import run

SIGMA = 2.0
TSTAR = wgan1d.t_star(SIGMA)


def _rates(seed: int, quick: bool):
    game = random_game(np.random.default_rng(seed), 30, 20)
    horizons = np.array(rates.HORIZONS if not quick else rates.HORIZONS[:3])
    mp, eta = rates.mp_gaps(game, int(horizons[-1]))
    md, md_etas = rates.horizon_gaps(game, "md", horizons)
    T = np.arange(1, mp.size + 1)
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    ax.loglog(T, mp, label=f"MP (slope {rates.fitted_slope(horizons, mp[horizons - 1]):.2f})")
    ax.loglog(
        T,
        rates.mp_bound(game, eta, T),
        "--",
        color="C0",
        lw=0.8,
        label="MP bound (ln m + ln n)/(ηT)",
    )
    ax.loglog(
        horizons,
        md,
        "o-",
        color="C1",
        label=f"MD, η_T (slope {rates.fitted_slope(horizons, md):.2f})",
    )
    ax.loglog(
        horizons,
        rates.md_bound(game, md_etas, horizons),
        "--",
        color="C1",
        lw=0.8,
        label="MD regret bound",
    )
    ax.set(
        xlabel="T",
        ylabel="duality gap of the ergodic average",
        title="Entropic MD vs MP, random 30×20 game",
    )
    ax.legend(fontsize=7)
    return fig


def _grid_solution(t: float, quick: bool):
    grid = wgan_grid.make_grid(SIGMA, t, cells=200 if quick else 400)
    return grid, wgan_grid.solve_box_lp(grid.C, grid.tau)


def _mixture_pdf(x, rho, w, u):
    keep = (rho > 1e-9) & (w > 0.05)
    return np.sum(rho[keep] * wgan1d.phi((x[:, None] - u[keep]) / w[keep]) / w[keep], axis=1)


def _wgan_equilibrium(seed: int, quick: bool):
    x = np.linspace(-6, 6, 600)
    fig, axes = plt.subplots(2, 2, figsize=(8, 5), sharex=True)
    for col, t in enumerate((0.5, 2.0)):
        grid, sol = _grid_solution(t, quick)
        ax = axes[0, col]
        ax.plot(x, wgan1d.phi(x / SIGMA) / SIGMA, "k--", lw=1, label="data N(0, σ²)")
        if t <= wgan1d.t_star(SIGMA):
            ax.plot(x, 0.5 * (wgan1d.phi(x - t) + wgan1d.phi(x + t)), label="closed form ½N(±t,1)")
        ax.plot(x, _mixture_pdf(x, sol.rho, grid.w, grid.u), ":", label="grid LP (w > 0.05 parts)")
        atoms = sol.rho[grid.w <= 0.05].sum()
        ax.set(
            title=f"t = {t} ({'≤' if t <= TSTAR else '>'} t* = {TSTAR:.3f});"
            f" narrow mass {atoms:.2f}"
        )
        ax.legend(fontsize=7)
        centres = 0.5 * (grid.edges[1:] + grid.edges[:-1])
        axes[1, col].step(centres, sol.slopes, where="mid", label="LP critic slope D'(x)")
        axes[1, col].set(xlabel="x", ylim=(-1.1, 1.1), xlim=(-6, 6))
        axes[1, col].legend(fontsize=7)
    fig.suptitle("Mixed equilibrium of the 1-D WGAN game (σ = 2)")
    fig.tight_layout()
    return fig


def _mixed_value(seed: int, quick: bool):
    ts = np.linspace(0.01, 4.0, 200)
    tstar = wgan1d.t_star(SIGMA)
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    below = ts <= tstar
    ax.plot(ts[below], wgan1d.value_regime1(SIGMA, ts[below]), label="V*(t) closed form (t ≤ t*)")
    ax.plot(
        ts,
        np.maximum(wgan1d.value_regime1(SIGMA, ts), 0),
        "C0:",
        lw=0.8,
        label="σ√(2/π) − E|Z+t| (lower bound)",
    )
    ax.plot(
        ts, wgan1d.clamp_upper_bound(SIGMA, ts), "C2--", lw=0.8, label="coupling bound E(|Y|−t)₊"
    )
    for t in [1.5, 2.0, 3.0] if quick else [1.3, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]:
        grid, sol = _grid_solution(t, True)
        lo = max(wgan_grid.critic_guarantee(sol.slopes, grid.edges, SIGMA, t), 0.0)
        hi = wgan_grid.w1_to_data(SIGMA, sol.rho, grid.w, grid.u)
        ax.errorbar(
            [t], [(lo + hi) / 2], yerr=[[(hi - lo) / 2]], fmt="o", color="C1", ms=3, capsize=2
        )
    ax.plot([], [], "o", color="C1", ms=3, label="certified bracket (grid LP)")
    ax.axhline(
        wgan1d.stackelberg_value(SIGMA), color="k", lw=1, label="pure Stackelberg (σ−1)√(2/π)"
    )
    ax.axvline(tstar, color="grey", lw=0.6)
    ax.set(
        xlabel="t",
        ylabel="value",
        ylim=(-0.02, 1.0),
        title="Mixed value of the 1-D WGAN game (σ = 2)",
    )
    ax.legend(fontsize=7)
    return fig


def _dirac_box(seed: int, quick: bool):
    T = 2000 if quick else 20000
    theta = dirac_box.grid(41)
    start = {"log_p0": jnp.asarray(2.0 * theta), "log_q0": jnp.asarray(-theta)}
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharey=True)
    for ax, f in zip(axes, ("wgan", "standard"), strict=True):
        game = dirac_box.game(41, f)
        steps = np.arange(1, T + 1)
        for method, eta, c in (
            ("md", 0.05, "C1"),
            ("mp", 1.0 / float(np.max(np.abs(game.A))), "C0"),
        ):
            out = run(game.A, game.a, eta, T=T, method=method, **start)
            ax.loglog(
                steps,
                np.maximum(out.gap_last, 1e-17),
                c,
                lw=0.7,
                label=f"{method.upper()} last iterate",
            )
            ax.loglog(steps, out.gap_average, c + "--", label=f"{method.upper()} average")
        ax.set(xlabel="T", title=f"Dirac box, f = {f}")
    axes[0].set_ylabel("duality gap")
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


FIGURES = [
    Figure(
        "hsieh2019_rates",
        "Duality gap vs T for entropic MD (fixed-horizon steps) and MP, with "
        "fitted slopes and the theoretical bounds.",
        _rates,
    ),
    Figure(
        "hsieh2019_wgan_equilibrium",
        "Mixed equilibrium of the 1-D WGAN game below and above "
        "t* = sqrt(2 ln σ): generator mixture vs data and the critic's slope.",
        _wgan_equilibrium,
    ),
    Figure(
        "hsieh2019_mixed_value",
        "Mixed value vs t: closed form, certified brackets, bounds, and the "
        "pure Stackelberg value it stays below.",
        _mixed_value,
    ),
    Figure(
        "hsieh2019_dirac_box",
        "Last iterate vs ergodic average of MD and MP on the Dirac-GAN box.",
        _dirac_box,
    ),
]
