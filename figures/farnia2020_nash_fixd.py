"""Section 2's experiment in closed form (Farnia & Ozdaglar 2020, eq. (5)): fix D = D_{G*} and
keep optimising the generator from G*; V(G, D*) falls as G leaves G*, by the certified gain."""

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from theory.gaussian_games import fgan_star, wgan
from verifiers.nash import dynamics

SIGMA, T = 1.5, 1.0
GAINS = {"wgan": float(wgan.c_w1(T)), "w2gan": (SIGMA - 1) * T**2 / 2,
         "kl": fgan_star.gap_star("kl", SIGMA, 1, T)}


def draw(seed: int = 0, quick: bool = False):
    steps = 150 if quick else 600
    fig, ax = plt.subplots(figsize=(5.5, 3.4), constrained_layout=True)
    for game, label in (("wgan", "WGAN"), ("w2gan", "W2GAN"), ("kl", "f-GAN (KL)")):
        vals = np.asarray(dynamics.fixed_critic_descent(game, SIGMA, T, 0.05, steps=steps))
        line, = ax.plot(vals - vals[0], label=f"{label}")
        ax.axhline(-GAINS[game], color=line.get_color(), ls=":", lw=1)
    ax.set(xlabel="generator step (D fixed at D_{G*})", ylabel="V(G_k, D*) - V(G*, D*)",
           title="Fixing D and optimising G lowers V (dotted: certified gain)")
    ax.legend()
    return fig


FIGURES = [Figure("farnia2020_nash_fixd",
                  "Projected gradient descent of the generator against the fixed D_{G*}.", draw)]
