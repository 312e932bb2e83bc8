"""Best-response iteration in the 1-D WGAN and W2GAN (Farnia & Ozdaglar 2020, Theorem 1):
the generator's mean jumps between −t and +t forever instead of reaching a fixed point."""

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from verifiers.nash import dynamics

SIGMA, T = 1.5, 1.0


def draw(seed: int = 0, quick: bool = False):
    steps = 12 if quick else 30
    u0 = float(np.random.default_rng(seed).uniform(-0.5, 0.5))
    runs = {"WGAN": dynamics.wgan_best_response_iteration(SIGMA, 1.0, u0, T, steps=steps),
            "W2GAN": dynamics.w2gan_best_response_iteration(SIGMA, 1.0, u0, T, steps=steps)}
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 3), constrained_layout=True)
    for (name, (us, gaps)), style in zip(runs.items(), ("o-", "s--"), strict=True):
        a1.plot(np.asarray(us), style, ms=4, mfc="none", label=name)
        a2.plot(np.asarray(gaps), style, ms=4, mfc="none", label=name)
    a1.set(xlabel="best-response round k", ylabel="generator mean u_k",
           title="u_k cycles between ±t (both games)")
    a2.set(xlabel="round k", ylabel="gap(G_k, D_{G_k})", title="the gap never shrinks",
           ylim=(0, None))
    a1.legend()
    return fig


FIGURES = [Figure("farnia2020_nash_cycle",
                  "Best-response iteration G_{k+1} = BR(D_{G_k}) cycles (sigma = 1.5, t = 1).",
                  draw)]
