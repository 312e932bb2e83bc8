"""Figure 3 of Farnia & Ozdaglar 2020, computed: the λ-proximal equilibria on a slice of the
Theorem-1 W2GAN game (d = k = 2, X ~ N(0, σ²I), cost η‖x − y‖²), from λ = 0 (Stackelberg)
to λ = ∞ (Nash).

Slice: generators ``G_u = (W = I, u e1)`` × discriminators ``D_δ = D* + δ‖x‖²``. A pair is a
λ-PE iff its proximal Nash gap ``max_D' V^prox_λ(G, D') − min_G' V^prox_λ(G', D) =
W_η(G) − min_G' V^prox_λ(G', D)`` vanishes (Definition 1; the max over D' is W_η(G)).
``V^prox_λ(·, D_δ)`` is convex in ``(SY, uuᵀ)`` and invariant under rotations and the
reflection fixing e1, so the min over G' is over ``SY = diag(s1, s2)``, ``u = r e1``: a
grid of batched Newton solves (:func:`theory.proximal.objective.solve_many`). λ = ∞ uses
V itself (the Nash gap). Panels: λ = 0 gives the line {G*} × all D (PE_0 ⊋ Stackelberg,
docs/derivations/farnia2020.md); 0 < λ ≤ λ_max the single point (G*, D*); λ > λ_max
and λ = ∞: empty.
"""

import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from theory.proximal import objective, threshold, w2gan
from verifiers import tolerances

SIGMA, ETA, T, D = 2.0, 0.5, 1.0, 2


def _candidates(n):
    s = np.linspace(0.05, 1.0, n)
    s1, s2, r = np.meshgrid(s, s, np.linspace(0.0, T, n), indexing="ij")
    SY = np.zeros(s1.shape + (D, D))
    SY[..., 0, 0], SY[..., 1, 1] = s1, s2
    u = np.zeros(r.shape + (D,))
    u[..., 0] = r
    return SY.reshape(-1, D, D), u.reshape(-1, D)


@jax.jit
def _values(W, u, A):
    """``V(G, D)`` for a batch of generators and ``D = (A, 0)`` (λ = ∞)."""
    args = (A, jnp.zeros(D), jnp.zeros(D), SIGMA**2 * jnp.eye(D), ETA)
    return jax.vmap(lambda W, u: w2gan.value(W, u, *args))(W, u)


def _min_over_generators(deltas, lam, n):
    """``min_G' V^prox_λ(G', D_δ)`` for each δ (λ = inf: ``min_G' V(G', D_δ)``)."""
    SY, u = _candidates(n)
    A_star = np.asarray(w2gan.theorem1_optimum(SIGMA, ETA, D)[0])
    Sx = SIGMA**2 * np.eye(D)
    out = []
    for delta in deltas:
        A = A_star + delta * np.eye(D)
        if np.isinf(lam):
            values = _values(np.linalg.cholesky(SY), u, A)
        else:
            k = len(u)
            ps = objective.problem(np.zeros((k, D)), np.broadcast_to(Sx, (k, D, D)), u, SY,
                                   np.broadcast_to(A, (k, D, D)), np.zeros((k, D)),
                                   np.full(k, ETA), np.full(k, lam))
            values = objective.solve_many(ps).value
        out.append(float(jnp.min(values)))
    return np.array(out)


def draw(seed: int = 0, quick: bool = False):
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    us = np.linspace(-T, T, 21 if quick else 61)
    deltas = np.linspace(-0.1, 0.1, 9 if quick else 31)
    n = 5 if quick else 9
    W_u = ETA * (D * (SIGMA - 1.0) ** 2 + us**2)
    panels = [(0.0, "λ = 0 (Stackelberg end)"), (0.5 * lam_max, "λ = ½ λ_max"),
              (lam_max, "λ = λ_max"), (2.0 * lam_max, "λ = 2 λ_max"),
              (np.inf, "λ = ∞ (Nash end)")]
    fig, axes = plt.subplots(1, 5, figsize=(15.0, 3.6), sharey=True, constrained_layout=True)
    for ax, (lam, label) in zip(axes, panels, strict=True):
        gap = W_u[None, :] - _min_over_generators(deltas, lam, n)[:, None]
        image = ax.pcolormesh(us, deltas, np.log10(np.maximum(gap, 1e-4)), vmin=-4, vmax=0,
                              cmap="viridis", shading="nearest")
        pe = gap <= tolerances.PE_GAP
        ii, jj = np.nonzero(pe)
        ax.plot(us[jj], deltas[ii], "s", color="#D55E00", ms=4, label="λ-PE")
        ax.set_title(f"{label}\nλ-PE pairs on the slice: {int(pe.sum())}")
        ax.set_xlabel("generator shift u  (G = (I, u e₁))")
        if not pe.any():
            ax.text(0.5, 0.5, "PE set empty", transform=ax.transAxes, ha="center",
                    color="white", fontsize=10)
    axes[0].set_ylabel("discriminator perturbation δ  (D = D* + δ‖x‖²)")
    axes[0].legend(loc="lower left", fontsize=8)
    fig.colorbar(image, ax=axes, label="log₁₀ proximal Nash gap W_η(G) − min_G' V^prox_λ(G', D)"
                 "\n(clipped at 10⁻⁴; PE iff ≤ 10⁻⁹)")
    fig.suptitle(f"Proximal equilibria along λ in the Theorem-1 W2GAN game (σ = {SIGMA:g}, "
                 f"η = {ETA:g}, λ_max = σ/(4η(σ−1)) = {lam_max:g}); "
                 "Farnia & Ozdaglar 2020, Fig. 3 computed")
    return fig


FIGURES = [Figure("farnia2020_proximal_fig3",
                  "λ-proximal equilibria on a (generator shift × discriminator perturbation) "
                  "slice, λ from 0 (Stackelberg) to ∞ (Nash)", draw)]
