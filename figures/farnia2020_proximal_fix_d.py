"""Sections 2 and 6.1 of Farnia & Ozdaglar 2020 (Figures 1 and 4) in closed form: fix the
trained discriminator D* of the Theorem-1 W2GAN game (d = k = 2, σ = 2, η = ½) and keep
optimising the generator from G* (plus a 10⁻² shift, the SGD noise of the experiments).

* Minimising V(G, D*) (Figure 1): V = η(σ − 1)(σd − ‖W‖²_F − ‖u‖²) falls as u runs to the
  boundary ‖u‖ = t, and the generator leaves the data: W_η(G) − W* (the distance that sample
  quality tracks) grows.
* Minimising V^prox_λ(G, D*) with the Proposition-4 gradient ∇_θ V(G, D_{w*}) (Figure 4):
  for λ ≤ λ_max = σ/(4η(σ − 1)) it stays at W* and the generator returns to G*; for
  λ = 2λ_max (not a PE) it falls too.
Projected gradient descent, step 0.1, each V^prox evaluation a Newton solve.
"""

import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from theory.gaussian_ot import ot_cost
from theory.proximal import threshold, w2gan
from verifiers.proximal import pe

SIGMA, ETA, T, D, LR = 2.0, 0.5, 1.0, 2, 0.1


@jax.jit
def _plain(W, u):
    """``V(G, D*) − W*`` and its θ-gradient."""
    A, b, w_star = w2gan.theorem1_optimum(SIGMA, ETA, D)
    args = (A, b, jnp.zeros(D), SIGMA**2 * jnp.eye(D), ETA)
    return w2gan.value(W, u, *args) - w_star, w2gan.grad_theta(W, u, *args)


_project = jax.jit(lambda W, u: w2gan.project(W, u, T))


@jax.jit
def _excess(W, u):
    """``W_η(P_X, P_G) − W*`` (Bures–Wasserstein closed form)."""
    cost = ot_cost(ETA, jnp.zeros(D), SIGMA**2 * jnp.eye(D), u, W @ W.T)
    return cost - w2gan.theorem1_optimum(SIGMA, ETA, D)[2]


def _descend(lam, steps):
    """Objective (relative to W*) and W_η(G) − W* along projected gradient descent from
    ``(I, 10⁻² e1)`` on ``V(·, D*)`` (λ = None) or ``V^prox_λ(·, D*)``."""
    W, u = jnp.eye(D), jnp.array([1e-2, 0.0])
    objective, distance = [], []
    for _ in range(steps):
        value, (gW, gu) = _plain(W, u) if lam is None else pe.prox_gap(W, u, lam, SIGMA, ETA)
        objective.append(float(value))
        distance.append(float(_excess(W, u)))
        W, u = _project(W - LR * gW, u - LR * gu)
    return np.array(objective), np.array(distance)


def draw(seed: int = 0, quick: bool = False):
    steps = 60 if quick else 200
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    runs = [(None, "V(G, D*)  (Fig. 1: plain objective)", "#D55E00", "-"),
            (threshold.theorem2_constant(ETA), "V^prox_λ, λ = 1/(4η) (Theorem 2)", "#009E73",
             "-"),
            (lam_max, f"V^prox_λ, λ = λ_max = {lam_max:g}", "#0072B2", "--"),
            (2.0 * lam_max, "V^prox_λ, λ = 2 λ_max (no PE)", "#CC79A7", ":")]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.0, 4.2), constrained_layout=True)
    for lam, label, colour, style in runs:
        objective, distance = _descend(lam, steps)
        left.plot(objective, color=colour, ls=style, label=label)
        right.plot(np.maximum(distance, 1e-12), color=colour, ls=style, label=label)
    left.set(xlabel="generator iteration (D = D* fixed)", ylabel="objective − W*",
             title="Objective optimised over G with D* fixed", yscale="symlog")
    left.set_yscale("symlog", linthresh=1e-6)
    right.set(xlabel="generator iteration (D = D* fixed)",
              ylabel="W_η(P_X, P_G) − W*  (excess distance to the data)", yscale="log",
              title="How far the generator drifts from the data (floored at 10⁻¹²)")
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncol=4, fontsize=8)
    fig.suptitle(f"Fix the trained discriminator, optimise the generator (Theorem-1 W2GAN game, "
                 f"σ = {SIGMA:g}, η = {ETA:g}, ‖u‖ ≤ {T:g}); Farnia & Ozdaglar 2020, Figs. 1 "
                 "and 4 in closed form")
    return fig


FIGURES = [Figure("farnia2020_proximal_fix_d",
                  "Fix D*, optimise G: V falls while V^prox_λ (λ ≤ λ_max) stays at W*", draw)]
