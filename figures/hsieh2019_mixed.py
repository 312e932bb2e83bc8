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
import numpy as np

from figures._base import Figure, new_figure
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
    fig, ax = new_figure("single", 3.3)
    ax.loglog(T, mp, color="C0",
              label=f"MP (fitted slope {rates.fitted_slope(horizons, mp[horizons - 1]):.2f})")
    ax.loglog(T, rates.mp_bound(game, eta, T), "--", color="C0", lw=0.8,
              label=r"MP bound $(\ln m + \ln n)/(\eta T)$")
    ax.loglog(horizons, md, "o-", color="C1",
              label=rf"MD, step $\eta_T$ (fitted slope {rates.fitted_slope(horizons, md):.2f})")
    ax.loglog(horizons, rates.md_bound(game, md_etas, horizons), "--", color="C1", lw=0.8,
              label="MD regret bound")
    ax.set(xlabel="iterations $T$", ylabel="duality gap of the ergodic average",
           title=r"Entropic MD vs MP, random $30 \times 20$ game")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return fig


def _grid_solution(t: float, quick: bool):
    grid = wgan_grid.make_grid(SIGMA, t, cells=200 if quick else 400)
    return grid, wgan_grid.solve_box_lp(grid.C, grid.tau)


def _mixture_pdf(x, rho, w, u):
    keep = (rho > 1e-9) & (w > 0.05)
    return np.sum(rho[keep] * wgan1d.phi((x[:, None] - u[keep]) / w[keep]) / w[keep], axis=1)


def _wgan_equilibrium(seed: int, quick: bool):
    x = np.linspace(-6, 6, 600)
    fig, axes = new_figure("double", 4.4, 2, 2, sharex=True)
    for col, t in enumerate((0.5, 2.0)):
        grid, sol = _grid_solution(t, quick)
        ax = axes[0, col]
        ax.plot(x, wgan1d.phi(x / SIGMA) / SIGMA, "k--", lw=1, label=r"data $N(0, \sigma^2)$")
        if t <= TSTAR:
            ax.plot(x, 0.5 * (wgan1d.phi(x - t) + wgan1d.phi(x + t)), color="C0",
                    label=r"closed form $\frac{1}{2}N(\pm t, 1)$")
        ax.plot(x, _mixture_pdf(x, sol.rho, grid.w, grid.u), ":", color="C1", lw=1.4,
                label="grid LP (parts with $w > 0.05$)")
        atoms = sol.rho[grid.w <= 0.05].sum()
        relation = r"\leq" if t <= TSTAR else ">"
        ax.set(title=rf"({'ab'[col]}) $t = {t:g} {relation} t^* = {TSTAR:.3f}$: narrow mass "
               f"{atoms:.2f}", ylabel="density" if col == 0 else None, ylim=(0, None))
        centres = 0.5 * (grid.edges[1:] + grid.edges[:-1])
        axes[1, col].step(centres, sol.slopes, where="mid", color="C2",
                          label=r"LP critic slope $D'(x)$")
        axes[1, col].set(xlabel="$x$", ylim=(-1.1, 1.1), xlim=(-6, 6),
                         ylabel=r"critic slope $D'(x)$" if col == 0 else None,
                         title=f"({'cd'[col]}) Critic of the grid LP, $t = {t:g}$")
    handles = {}
    for ax in axes.ravel():
        handles.update(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncol=4)
    fig.suptitle(rf"Mixed equilibrium of the 1-D WGAN game ($\sigma = {SIGMA:g}$)")
    return fig


def _mixed_value(seed: int, quick: bool):
    tstar = wgan1d.t_star(SIGMA)
    ts = np.unique(np.r_[np.linspace(0.01, 4.0, 200), tstar])
    fig, ax = new_figure("single", 3.4)
    below = ts <= tstar
    ax.plot(ts[below], wgan1d.value_regime1(SIGMA, ts[below]), color="C0",
            label=r"$V^*(t)$, closed form ($t \leq t^*$)")
    ax.plot(ts, np.maximum(wgan1d.value_regime1(SIGMA, ts), 0), ":", color="C0", lw=0.9,
            label=r"lower bound $\sigma\sqrt{2/\pi} - E|Z + t|$")
    ax.plot(ts, wgan1d.clamp_upper_bound(SIGMA, ts), "--", color="C2", lw=0.9,
            label=r"coupling bound $E(|Y| - t)_+$")
    for t in [1.5, 2.0, 3.0] if quick else [1.3, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]:
        grid, sol = _grid_solution(t, True)
        lo = max(wgan_grid.critic_guarantee(sol.slopes, grid.edges, SIGMA, t), 0.0)
        hi = wgan_grid.w1_to_data(SIGMA, sol.rho, grid.w, grid.u)
        ax.errorbar([t], [(lo + hi) / 2], yerr=[[(hi - lo) / 2]], fmt="o", color="C1", ms=3,
                    capsize=2, zorder=4)
    ax.plot([], [], "o", color="C1", ms=3, label="certified bracket (grid LP)")
    ax.axhline(wgan1d.stackelberg_value(SIGMA), color="k", lw=1,
               label=r"pure Stackelberg value $(\sigma - 1)\sqrt{2/\pi}$")
    ax.axvline(tstar, color="0.5", lw=0.6)
    ax.text(tstar, 0.96, r" $t^* = \sqrt{2 \ln \sigma}$", va="top", color="0.3")
    ax.set(xlabel="generator mean bound $t$", ylabel="value", ylim=(-0.02, 1.0), xlim=(0, 4),
           title=rf"Mixed value of the 1-D WGAN game ($\sigma = {SIGMA:g}$)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return fig


def _dirac_box(seed: int, quick: bool):
    T = 2000 if quick else 20000
    theta = dirac_box.grid(41)
    start = {"log_p0": jnp.asarray(2.0 * theta), "log_q0": jnp.asarray(-theta)}
    fig, axes = new_figure("double", 2.9, 1, 2, sharey=True)
    for ax, f, tag in zip(axes, ("wgan", "standard"), "ab", strict=True):
        game = dirac_box.game(41, f)
        steps = np.arange(1, T + 1)
        for method, eta, c in (("md", 0.05, "C1"),
                               ("mp", 1.0 / float(np.max(np.abs(game.A))), "C0")):
            out = run(game.A, game.a, eta, T=T, method=method, **start)
            last = np.where(out.gap_last > 0, out.gap_last, np.nan)
            ax.loglog(steps, last, color=c, lw=0.7, label=f"{method.upper()} last iterate")
            ax.loglog(steps, out.gap_average, "--", color=c,
                      label=f"{method.upper()} ergodic average")
        ax.set(xlabel="iterations $T$", title=f"({tag}) Dirac box, $f$ = {f}")
    axes[0].set_ylabel("duality gap")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=4)
    return fig


FIGURES = [
    Figure(
        "hsieh2019_rates",
        "Duality gap of the ergodic average against the number of iterations T on a random "
        "30 × 20 bilinear game over the simplices: entropic Mirror-Prox (MP, constant step) "
        "with its O(1/T) bound, and entropic Mirror Descent (MD, the fixed-horizon step η_T for "
        "each horizon) with its O(1/√T) regret bound, with fitted log-log slopes.",
        _rates, width="single"),
    Figure(
        "hsieh2019_wgan_equilibrium",
        "Mixed equilibrium of the 1-D WGAN game of Farnia & Ozdaglar (data N(0, σ²), σ = 2, "
        "generator x ↦ wx + u with |w| ≤ 1, |u| ≤ t) below and above t* = sqrt(2 ln σ): "
        "(a, b) the generator mixture found by a linear program over a grid of generators "
        "against the data density (for t ≤ t* the closed form ½N(−t, 1) + ½N(t, 1)); "
        "the mass on narrow generators (w ≤ 0.05) is given in the title; (c, d) the LP "
        "critic's slope.",
        _wgan_equilibrium, width="double"),
    Figure(
        "hsieh2019_mixed_value",
        "Mixed value of the 1-D WGAN game (σ = 2) against the generator's mean bound t: the "
        "closed form for t ≤ t* = sqrt(2 ln σ), its lower bound and the coupling upper bound, "
        "certified brackets from the grid LP above t*, and the pure Stackelberg value, which the "
        "mixed value stays below: mixing strictly helps the generator.",
        _mixed_value, width="single"),
    Figure(
        "hsieh2019_dirac_box",
        "Last iterate against the ergodic average of entropic Mirror Descent and Mirror-Prox "
        "on the Dirac-GAN restricted to a box, as a bilinear game over 41 grid points, with "
        "the WGAN (a) and standard (b) f: MD's last iterate keeps oscillating while both "
        "ergodic averages decrease; MP's last iterate converges, linearly to rounding level on "
        "the WGAN box.",
        _dirac_box, width="double"),
]
