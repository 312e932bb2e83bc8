"""Section 2's experiment in closed form (Farnia & Ozdaglar 2020, eq. (5)): fix D = D_{G*} and
keep optimising the generator from G*; V(G, D*) falls as G leaves G*, by the certified gain."""

import numpy as np

from figures._base import Figure, new_figure
from theory.gaussian_games import fgan_star, wgan
from verifiers.nash import dynamics

SIGMA, T = 1.5, 1.0
GAINS = {"wgan": float(wgan.c_w1(T)), "w2gan": (SIGMA - 1) * T**2 / 2,
         "kl": fgan_star.gap_star("kl", SIGMA, 1, T)}


def draw(seed: int = 0, quick: bool = False):
    steps = 150 if quick else 600
    fig, ax = new_figure("single", 2.9)
    for game, label in (("wgan", "WGAN"), ("w2gan", "W2GAN"), ("kl", "f-GAN (KL)")):
        vals = np.asarray(dynamics.fixed_critic_descent(game, SIGMA, T, 0.05, steps=steps))
        line, = ax.plot(vals - vals[0], label=label)
        ax.axhline(-GAINS[game], color=line.get_color(), ls=":", lw=1)
    ax.plot([], [], ":", color="0.3", lw=1, label="certified gain")
    ax.set(xlabel=r"generator step $k$ ($D = D_{G^*}$ fixed)",
           ylabel=r"$V(G_k, D_{G^*}) - V(G^*, D_{G^*})$",
           title=rf"Fixing $D$ and optimising $G$ lowers $V$ ($\sigma = {SIGMA:g}$, $t = {T:g}$)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
    return fig


FIGURES = [Figure(
    "farnia2020_nash_fixd",
    "The experiment of Farnia & Ozdaglar's Figure 1 in closed form: the discriminator is fixed at "
    "D*, the best response to the Stackelberg generator G* = (1, 0), and the generator runs "
    "projected gradient descent (step 0.05) from G* + (0, 10⁻³) in the 1-D WGAN, W2GAN and KL "
    "f-GAN games (data N(0, σ²), σ = 1.5, |u| ≤ t = 1). The value falls by the certified gain "
    "V(G*, D*) − min over G of V(G, D*) > 0 (dotted), so (G*, D*) is no Nash equilibrium.",
    draw, width="single")]
