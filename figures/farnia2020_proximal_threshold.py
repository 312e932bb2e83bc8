"""The exact proximal threshold of (G*, D*) in the Theorem-1 W2GAN game against σ
(docs/derivations/farnia2020.md): λ_max = σ/(4η(σ − 1)) (closed form, and bisection on the sign
of the finite-difference u-curvature of V^prox_λ(·, D*) from Newton solves), Theorem 2's constant
1/(4η) (always below, the limit as σ → ∞) and the slides' 1/β = 1/η (above λ_max for every
σ > 4/3, where the slides' claim fails)."""

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from theory.proximal import threshold
from verifiers.proximal import pe

ETA = 0.5


def draw(seed: int = 0, quick: bool = False):
    sigma = np.geomspace(1.05, 20.0, 200)
    closed = np.array([threshold.lam_max_isotropic(s, ETA) for s in sigma])
    checked = np.geomspace(1.1, 15.0, 4 if quick else 10)
    bisected = [pe.bisect_threshold(s, ETA, hi=100.0 * threshold.lam_max_isotropic(s, ETA),
                                    width=1e-6 if quick else 1e-9) for s in checked]
    fig, ax = plt.subplots(figsize=(6.4, 4.4), constrained_layout=True)
    ax.fill_between(sigma, closed, 1e3, color="#D55E00", alpha=0.08, lw=0)
    ax.fill_between(sigma, 1e-2, closed, color="#009E73", alpha=0.08, lw=0)
    ax.plot(sigma, closed, color="#000000", label="λ_max = σ/(4η(σ−1)) (closed form)")
    ax.plot(checked, bisected, "o", mfc="none", color="#0072B2",
            label="λ_max by bisection (Newton solves)")
    ax.axhline(threshold.theorem2_constant(ETA), color="#009E73", ls="--",
               label="1/(4η): Theorem 2 (paper)")
    ax.axhline(threshold.slides_constant(ETA), color="#D55E00", ls=":",
               label="1/β = 1/η: slides (refuted for σ > 4/3)")
    ax.axvline(4.0 / 3.0, color="0.5", lw=0.6)
    ax.text(6.0, 3.0, "not a λ-PE", color="#D55E00")
    ax.text(6.0, 0.3, "λ-PE", color="#009E73")
    ax.set(xscale="log", yscale="log", ylim=(0.2, 30.0), xlim=(sigma[0], sigma[-1]),
           xlabel="data scale σ  (X ~ N(0, σ² I))", ylabel="proximal weight λ")
    ticks = [1.1, 4.0 / 3.0, 2.0, 3.0, 5.0, 10.0, 20.0]
    ax.set_xticks(ticks, ["1.1", "4/3", "2", "3", "5", "10", "20"])
    ax.set_xticks([], minor=True)
    ax.set_title(f"Proximal threshold of (G*, D*) in the Theorem-1 W2GAN game (η = {ETA:g})")
    ax.legend(loc="upper right", fontsize=8)
    return fig


FIGURES = [Figure("farnia2020_proximal_threshold",
                  "λ_max against σ with Theorem 2's 1/(4η) and the slides' 1/β", draw)]
