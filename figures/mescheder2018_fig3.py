"""Figure 3 of Mescheder et al. 2018: the gradient vector field and an AltGD
trajectory (n_d = 1 unless noted) for eight training methods on the
Dirac-GAN: (a) standard GAN, (b) non-saturating GAN, (c) WGAN with n_d = 5
(shaded: the forbidden values |ψ| > 1), (d) WGAN-GP with n_d = 5, (e)
consensus optimisation, (f) instance noise, (g) gradient penalty, (h)
gradient penalty at the critical value γ = γ_crit = 2|f'(0)| (CR)."""

import numpy as np

from figures._base import Figure, new_figure
from figures._dirac import phase_portrait, portrait_legend, trajectory
from verifiers.dynamics import field

X0, H, LIM = (1.0, 1.0), 0.1, 2.5
PANELS = (
    ("(a) Standard GAN", "gan", {}, 1, np.inf),
    ("(b) Non-saturating GAN", "nonsaturating", {}, 1, np.inf),
    ("(c) WGAN, $n_d = 5$", "wgan", {}, 5, 1.0),
    ("(d) WGAN-GP, $n_d = 5$", "wgan_gp", {"gamma": 1.0, "g0": 1.0}, 5, np.inf),
    ("(e) Consensus opt.", "consensus", {"gamma": 1.0}, 1, np.inf),
    (r"(f) Inst. noise, $\sigma = 0.7$", "instance_noise", {"sigma": 0.7}, 1, np.inf),
    (r"(g) Grad. penalty, $\gamma = 0.3$", "gradient_penalty", {"gamma": 0.3}, 1, np.inf),
    (r"(h) Grad. pen. (CR), $\gamma = 1$", "gradient_penalty", {"gamma": 1.0}, 1, np.inf),
)


def draw(seed: int = 0, quick: bool = False):
    steps, grid = (500, 13) if quick else (1500, 21)
    fig, axes = new_figure("double", 4.3, 2, 4, sharex=True, sharey=True)
    for ax, (title, method, hyper, n_d, clip) in zip(axes.ravel(), PANELS, strict=True):
        v = field(method)
        xs = trajectory(v, hyper, X0, H, steps, "altgd", n_d, clip)
        phase_portrait(ax, v, hyper, xs, LIM, grid, title)
        if np.isfinite(clip):
            for sign in (1, -1):
                ax.axhspan(sign * clip, sign * LIM, color="0.85", alpha=0.6, zorder=0, lw=0)
        ax.label_outer()
    portrait_legend(fig)
    return fig


FIGURES = [Figure(
    "mescheder2018_fig3",
    "Gradient vector field and alternating gradient descent (step h = 0.1, 1500 steps from "
    "(θ, ψ) = (1, 1), one discriminator step per generator step unless n_d is given) on the "
    "Dirac-GAN for eight training methods. Unregularised, non-saturating, WGAN (weight "
    "clipping |ψ| ≤ 1, shaded region forbidden) and WGAN-GP do not converge; consensus "
    "optimisation, instance noise and the gradient penalty do, the last without oscillation "
    "at the critical value γ = 2|f'(0)| (h).",
    draw, paper_figure="Mescheder et al. 2018, Figure 3", width="double")]
