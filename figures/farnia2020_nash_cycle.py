"""Best-response iteration in the 1-D WGAN and W2GAN (Farnia & Ozdaglar 2020, Theorem 1):
the generator's mean jumps between −t and +t forever instead of reaching a fixed point."""

import numpy as np

from figures._base import Figure, new_figure
from verifiers.nash import dynamics

SIGMA, T = 1.5, 1.0
GAME = (rf"$X \sim N(0, \sigma^2)$, $\sigma = {SIGMA:g}$; generator $|w| \leq 1$, "
        rf"$|u| \leq t = {T:g}$")


def draw(seed: int = 0, quick: bool = False):
    steps = 12 if quick else 30
    u0 = float(np.random.default_rng(seed).uniform(-0.5, 0.5))
    runs = {"WGAN": dynamics.wgan_best_response_iteration(SIGMA, 1.0, u0, T, steps=steps),
            r"W2GAN, cost $\eta\|x - y\|^2$, $\eta = 1/2$":
                dynamics.w2gan_best_response_iteration(SIGMA, 1.0, u0, T, steps=steps)}
    fig, (a1, a2) = new_figure("double", 2.7, 1, 2)
    for (name, (us, gaps)), style in zip(runs.items(), ("o-", "s--"), strict=True):
        a1.plot(np.asarray(us), style, ms=4, mfc="none", label=name)
        a2.plot(np.asarray(gaps), style, ms=4, mfc="none")
    a1.set(xlabel="best-response round $k$", ylabel="generator mean $u_k$", ylim=(-1.3, 1.3),
           title=r"(a) The generator mean cycles between $\pm t$")
    a2.set(xlabel="best-response round $k$", ylabel=r"Nash gap of $(G_k, D_{G_k})$",
           title="(b) The Nash gap never shrinks", ylim=(0, None))
    fig.legend(loc="outside lower center", ncol=2)
    fig.suptitle(r"Best responses $G_{k+1} = \mathrm{BR}(D_{G_k})$; " + GAME)
    return fig


FIGURES = [Figure(
    "farnia2020_nash_cycle",
    "Best-response iteration in the 1-D games of Theorem 1 (data N(0, σ²) with σ = 1.5, "
    "generator x ↦ wx + u with |w| ≤ 1, |u| ≤ t = 1; WGAN with 1-Lipschitz critics, W2GAN with "
    "quadratic discriminators and cost η‖x − y‖², η = 1/2), from a random mean u₀: each round "
    "the generator moves to its best response against the discriminator's best response to the "
    "current generator. The generator's mean jumps between −t and +t (a) and the Nash gap of "
    "each pair stays at its positive value (b): no fixed point, as no Nash equilibrium exists.",
    draw, width="double")]
