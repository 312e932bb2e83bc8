"""The exact proximal threshold of (G*, D*) in the Theorem-1 W2GAN game against σ
(docs/derivations/farnia2020.md): λ_max = σ/(4η(σ − 1)) (closed form, and bisection on the sign
of the finite-difference u-curvature of V^prox_λ(·, D*) from Newton solves), Theorem 2's constant
1/(4η) (always below, the limit as σ → ∞) and the slides' 1/β = 1/η (above λ_max for every
σ > 4/3, where the slides' claim fails)."""

import numpy as np

from figures._base import Figure, new_figure, styled
from theory.proximal import threshold
from verifiers.proximal import pe

ETA = 0.5
SLIDES_FAIL = 4.0 / 3.0


@styled  # notebooks call draw() directly
def draw(seed: int = 0, quick: bool = False):
    sigma = np.unique(np.r_[np.geomspace(1.05, 20.0, 200), SLIDES_FAIL])
    closed = np.array([threshold.lam_max_isotropic(s, ETA) for s in sigma])
    checked = np.geomspace(1.1, 15.0, 4 if quick else 10)
    bisected = [pe.bisect_threshold(s, ETA, width=1e-6 if quick else 1e-9) for s in checked]
    fig, ax = new_figure("single", 3.4)
    ax.fill_between(sigma, closed, 1e3, color="C1", alpha=0.10, lw=0)
    ax.fill_between(sigma, 1e-2, closed, color="C2", alpha=0.10, lw=0)
    ax.plot(sigma, closed, color="k", label=r"$\lambda_{\max} = \sigma/(4\eta(\sigma - 1))$")
    ax.plot(checked, bisected, "o", mfc="none", color="C0", zorder=3,
            label=r"$\lambda_{\max}$ by bisection (Newton solves)")
    ax.axhline(threshold.theorem2_constant(ETA), color="C2", ls="--",
               label=r"$1/(4\eta)$: Theorem 2 (paper)")
    ax.axhline(threshold.slides_constant(ETA), color="C1", ls=":",
               label=r"$1/\beta = 1/\eta$: slides (fails for $\sigma > 4/3$)")
    ax.axvline(SLIDES_FAIL, color="0.5", lw=0.6)
    ax.text(8.0, 4.0, r"$(G^*, D^*)$ is no $\lambda$-PE", color="C1", ha="center")
    ax.text(8.0, 0.3, r"$(G^*, D^*)$ is a $\lambda$-PE", color="C2", ha="center")
    ax.set(xscale="log", yscale="log", ylim=(0.2, 30.0), xlim=(sigma[0], sigma[-1]),
           xlabel=r"data scale $\sigma$, $X \sim N(0, \sigma^2 I)$",
           ylabel=r"proximal weight $\lambda$",
           title=rf"Proximal threshold of $(G^*, D^*)$, $\eta = {ETA:g}$")
    ticks = [1.1, SLIDES_FAIL, 2.0, 3.0, 5.0, 10.0, 20.0]
    ax.set_xticks(ticks, ["1.1", "4/3", "2", "3", "5", "10", "20"])
    ax.set_xticks([], minor=True)
    ax.set_yticks([0.25, 0.5, 1, 2, 5, 10, 20], ["1/4", "1/2", "1", "2", "5", "10", "20"])
    ax.set_yticks([], minor=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return fig


FIGURES = [Figure(
    "farnia2020_proximal_threshold",
    "The largest λ for which the Stackelberg pair (G*, D*) of the Theorem-1 W2GAN game (data "
    "N(0, σ²I), cost η‖x − y‖² with η = 1/2, Sobolev semi-norm) is a λ-proximal equilibrium, "
    "against σ: the closed form λ_max = σ/(4η(σ − 1)) (line) and bisections on the sign of the "
    "u-curvature of V^prox_λ(·, D*) from Newton solves (circles). Theorem 2's constant 1/(4η) "
    "lies below it for every σ (it is the limit σ → ∞); the slides' 1/β = 1/η lies above it for "
    "σ > 4/3, where their claim fails.",
    draw, width="single")]
