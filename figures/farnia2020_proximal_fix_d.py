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
import numpy as np

from figures._base import Figure, new_figure, styled
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


@styled  # notebooks call draw() directly
def draw(seed: int = 0, quick: bool = False):
    steps = 60 if quick else 200
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    runs = [(None, r"$V(G, D^*)$ (Fig. 1: plain objective)", "C1", "-"),
            (threshold.theorem2_constant(ETA),
             r"$V^{\mathrm{prox}}_\lambda$, $\lambda = 1/(4\eta)$ (Theorem 2)", "C2", "-"),
            (lam_max, r"$V^{\mathrm{prox}}_\lambda$, "
             rf"$\lambda = \lambda_{{\max}} = {lam_max:g}$", "C0", "--"),
            (2.0 * lam_max, r"$V^{\mathrm{prox}}_\lambda$, $\lambda = 2\lambda_{\max}$ (no PE)",
             "C3", ":")]
    fig, (left, right) = new_figure("double", 2.9, 1, 2)
    for lam, label, colour, style in runs:
        objective, distance = _descend(lam, steps)
        left.plot(objective, color=colour, ls=style, label=label)
        right.plot(distance, color=colour, ls=style)
    left.set_yscale("symlog", linthresh=1e-5, linscale=0.6)
    ticks = [-1e-1, -1e-3, -1e-5, 0.0, 1e-5]
    left.set_yticks(ticks, [r"$-10^{-1}$", r"$-10^{-3}$", r"$-10^{-5}$", "0", r"$10^{-5}$"])
    left.set_yticks([], minor=True)
    left.set(xlabel=r"generator iteration $k$ ($D = D^*$ fixed)",
             ylabel=r"$\mathrm{objective} - W^*$",
             title="(a) Objective optimised over $G$")
    right.set(xlabel=r"generator iteration $k$ ($D = D^*$ fixed)", yscale="log",
              ylabel=r"$W_\eta(P_X, P_{G_k}) - W^*$",
              title="(b) Excess distance of the generator to the data")
    fig.legend(loc="outside lower center", ncol=2)
    fig.suptitle(r"Fix the trained discriminator $D^*$, optimise the generator "
                 rf"($\sigma = {SIGMA:g}$, $\eta = {ETA:g}$, $\|u\| \leq {T:g}$, step {LR:g})")
    return fig


FIGURES = [Figure(
    "farnia2020_proximal_fix_d",
    "The experiments of Farnia & Ozdaglar's Figures 1 and 4 in closed form, on the Theorem-1 "
    "W2GAN game (data N(0, σ²I₂), σ = 2, cost η‖x − y‖² with η = 1/2, ‖u‖ ≤ 1): the "
    "discriminator is fixed at the trained D*, and the generator runs projected gradient "
    "descent (step 0.1) from G* shifted by 10⁻² (the SGD noise of the experiments), on the "
    "plain objective V(G, D*) or on the proximal objective V^prox_λ(G, D*) with the "
    "Proposition-4 gradient. (a) The plain objective and the proximal one above λ_max fall "
    "below W*; for λ ≤ λ_max = σ/(4η(σ − 1)) = 1 the proximal objective stays at W* "
    "(log scale beyond ±10⁻⁵, linear inside). (b) Correspondingly, the generator leaves the "
    "data (its W_η distance grows to the boundary value) on the plain and 2λ_max runs, returns "
    "to G* for λ = 1/(4η), and stays put at λ = λ_max, where the curvature vanishes.",
    draw, width="double")]
