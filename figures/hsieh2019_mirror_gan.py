"""Mirror-GAN (Hsieh et al. 2019, Algorithm 3) against simultaneous GDA, same budget and keys.

* ``hsieh2019_mirror_gan``: (a) W1 from the generator to the data vs outer step on the
  1-D WGAN game of Farnia & Ozdaglar (σ = 2, t = 1; W1 by quadrature) with the mixed
  value V*(t) and the pure Stackelberg value (σ − 1)sqrt(2/π), below which no pure
  generator, hence neither method's output, can go; (b) final generator densities
  against the data; (c) W1 (exact assignment on 300 samples) on the 2-D mixture of 4
  Gaussians; (d) final 2-D samples.

What it shows (seed 0; not a claim, no robust ranking was found over seeds and
hyper-parameters). 1-D: both methods return a *pure* generator, so neither can go
below the Stackelberg value, let alone reach the mixed value V*(t); GDA cycles
between the corners u = ±t (the game has no pure NE), while the heavily damped
mean approximation (β = 0.05) drifts towards the Stackelberg point (1, 0) on this
seed but not on others within the same budget. 2-D: with weight clipping and
plain SGD steps neither method fits the mixture (W1 stays near 1, far above the
sampling floor); GDA's samples collapse to a curve, Mirror-GAN's spread out.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist

from figures._base import Figure
from theory.mixed import wgan1d
from verifiers.mixed import mirror_gan as mg
from verifiers.mixed import wgan_grid

SIGMA, T_BOUND, K = 2.0, 1.0, 10
HYPER_1D = mg.Hyper(gamma=0.05, eps=0.05, beta=0.05, n=64)
HYPER_2D = mg.Hyper(gamma=0.05, eps=0.02, beta=0.1, n=128)
N_EVAL = 300


def _w1_samples(a, b) -> float:
    """W1 between two equal-size empirical measures (exact assignment LP)."""
    cost = cdist(a, b)
    rows, cols = linear_sum_assignment(cost)
    return float(cost[rows, cols].mean())


def _runs_1d(seed: int, T: int):
    game = mg.gaussian_1d(SIGMA, T_BOUND)
    theta0 = jnp.array(np.random.default_rng(seed).uniform([0.2, -T_BOUND], [1.0, T_BOUND]))
    phi0, key = jnp.zeros(40), jax.random.key(seed)
    gda, mirror, _ = mg.compare(game, HYPER_1D, theta0, phi0, key=key, T=T, K=K)
    return np.asarray(gda), np.asarray(mirror)


def _runs_2d(seed: int, T: int):
    game = mg.mixture_2d()
    key = jax.random.key(seed)
    theta0 = 0.5 * jax.random.normal(jax.random.fold_in(key, 1), (mg.mlp_size(2, 16, 2),))
    phi0 = 0.1 * jax.random.normal(jax.random.fold_in(key, 2), (mg.mlp_size(2, 32, 1),))
    gda, mirror, _ = mg.compare(game, HYPER_2D, theta0, phi0, key=key, T=T, K=K)
    return game, gda, mirror


def _panel_1d(ax_dist, ax_dens, seed, T, every):
    runs = dict(zip(("GDA", "Mirror-GAN"), _runs_1d(seed, T), strict=True))
    steps = np.arange(0, T, every)
    for name, thetas in runs.items():
        w1 = [wgan_grid.w1_to_data(SIGMA, [1.0], [thetas[i, 0]], [thetas[i, 1]]) for i in steps]
        ax_dist.plot(steps + 1, w1, label=name)
    ax_dist.axhline(
        wgan1d.stackelberg_value(SIGMA), color="k", ls="--", lw=0.8, label="pure Stackelberg value"
    )
    ax_dist.axhline(
        wgan1d.value_regime1(SIGMA, T_BOUND), color="C2", ls=":", lw=1.0, label="mixed value V*(t)"
    )
    ax_dist.set(
        xlabel="outer step t (K = 10 gradient steps each)",
        ylabel="W1(P, G_θ)",
        title=f"(a) 1-D WGAN game, σ = {SIGMA:g}, t = {T_BOUND:g}",
    )
    ax_dist.legend(fontsize=7)
    x = np.linspace(-6.0, 6.0, 400)
    ax_dens.fill_between(x, wgan1d.phi(x / SIGMA) / SIGMA, color="0.85", label="data N(0, σ²)")
    for name, thetas in runs.items():
        w, u = abs(thetas[-1, 0]), thetas[-1, 1]
        ax_dens.plot(x, wgan1d.phi((x - u) / w) / w, label=f"{name}: N({u:.2f}, {w:.2f}²)")
    mix = 0.5 * (wgan1d.phi(x - T_BOUND) + wgan1d.phi(x + T_BOUND))
    ax_dens.plot(x, mix, "k:", lw=1.0, label="mixed NE ½N(±t, 1)")
    ax_dens.set(xlabel="x", ylabel="density", title="(b) final generators")
    ax_dens.legend(fontsize=7)


def _panel_2d(ax_dist, ax_samp, seed, T, every):
    game, gda, mirror = _runs_2d(seed, T)
    real = np.asarray(game.real(jax.random.key(10_000 + seed), N_EVAL))
    z = game.latent(jax.random.key(20_000 + seed), N_EVAL)
    steps = np.arange(0, T, every)
    ax_samp.scatter(*real.T, s=3, color="0.6", label="data")
    for name, thetas in (("GDA", gda), ("Mirror-GAN", mirror)):
        dist = [_w1_samples(np.asarray(game.generator(thetas[i], z)), real) for i in steps]
        ax_dist.plot(steps + 1, dist, label=name)
        ax_samp.scatter(*np.asarray(game.generator(thetas[-1], z)).T, s=3, label=name)
    ax_dist.axhline(
        _w1_samples(np.asarray(game.real(jax.random.key(1), N_EVAL)), real),
        color="k",
        ls="--",
        lw=0.8,
        label="data vs data (sampling floor)",
    )
    ax_dist.set(
        xlabel="outer step t",
        ylabel="W1 (assignment, 300 samples)",
        title="(c) 2-D mixture of 4 Gaussians",
        yscale="log",
    )
    ax_dist.legend(fontsize=7)
    ax_samp.set(title="(d) final samples", aspect="equal", xlim=(-3, 3), ylim=(-3, 3))
    ax_samp.legend(fontsize=7, markerscale=3)


def _draw(seed: int, quick: bool):
    fig, axes = plt.subplots(2, 2, figsize=(9.5, 7.5))
    T1, T2 = (200, 100) if quick else (1000, 600)
    _panel_1d(axes[0, 0], axes[0, 1], seed, T1, 10 if quick else 20)
    _panel_2d(axes[1, 0], axes[1, 1], seed, T2, 10 if quick else 30)
    fig.tight_layout()
    return fig


FIGURES = [
    Figure(
        "hsieh2019_mirror_gan",
        "Mirror-GAN (Algorithm 3, mean approximation) vs simultaneous GDA with the same keys "
        "and gradient budget: distance to the data vs step and final generators, on the 1-D "
        "WGAN game (no pure NE: both cycle above the pure Stackelberg value) and a 2-D "
        "mixture.",
        _draw,
    )
]
