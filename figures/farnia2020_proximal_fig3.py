"""Figure 3 of Farnia & Ozdaglar 2020, computed: nested λ-proximal equilibrium sets of the
Theorem-1 W2GAN game, from λ = 0 (Stackelberg) to λ = ∞ (Nash).

Game: ``d = k = 1``, ``X ~ N(0, σ²)``, generator ``G = (w, u)`` with ``|w| ≤ 1``, ``|u| ≤ t``,
quadratic discriminators ``D(x) = ax² + bx``, cost ``η|x − y|²``, the Sobolev semi-norm (15).
Slice: generators ``G_u = (1, u)`` × discriminators ``D_δ = D* + δx²``, ``D* = D_{G*}``.
The proximal Nash gap of a pair (Definition 1) is

    gap_λ(G, D) = max_D' V^prox_λ(G, D') − min_G' V^prox_λ(G', D) = W_η(G) − m_λ(D),

since ``max_D' V^prox_λ(G, D') = max_D V(G, D) = W_η(G) = η((σ − 1)² + u²)``. On the slice
the ε-approximate PE set ``{gap_λ ≤ ε}`` is therefore ``{η u² ≤ ε + m_λ(D_δ) − W*}``,
``W* = η(σ − 1)²``: exact in ``u``, one minimisation per ``δ``. ``V^prox_λ(·, D)`` is a
maximum of functions affine in ``(S, U) = (w², u²)``, hence convex on the box
``[0, 1] × [0, t²]``; ``m_λ`` is its minimum by nested grids (Newton solves of
:func:`theory.proximal.objective.solve_many`; λ = ∞ evaluates V itself). ``V^prox_λ`` falls as
λ grows, so the sets are nested. The exact sets (ε → 0): the line ``u = 0`` at λ = 0, the
point ``(G*, D*)`` for ``0 < λ ≤ λ_max = σ/(4η(σ − 1))`` (docs/derivations/farnia2020.md),
empty above λ_max and at λ = ∞ (Theorem 1).
"""

import jax
import jax.numpy as jnp
import numpy as np
from matplotlib.patches import Patch

from figures._base import Figure, new_figure
from theory.proximal import objective, threshold, w2gan

SIGMA, ETA, T, EPS = 2.0, 0.5, 1.0, 0.02
S_LOW = 0.05
A_STAR, _, W_STAR = (float(np.asarray(x).ravel()[0]) for x in w2gan.theorem1_optimum(SIGMA, ETA, 1))


@jax.jit
def _values(S, U, a):
    """``V(G', D)`` for generators ``(√S, √U)`` and ``D = (a, 0)`` (the λ = ∞ end)."""
    def one(S, U, a):
        return w2gan.value(jnp.sqrt(S).reshape(1, 1), jnp.sqrt(U).reshape(1), a.reshape(1, 1),
                           jnp.zeros(1), jnp.zeros(1), SIGMA**2 * jnp.eye(1), ETA)
    return jax.vmap(one)(S, U, a)


def _prox_values(S, U, a, lam):
    """``V^prox_λ(G', D)`` for the same batch (Newton solves)."""
    k = len(S)
    if np.isinf(lam):
        return np.asarray(_values(S, U, a))
    ps = objective.problem(np.zeros((k, 1)), np.full((k, 1, 1), SIGMA**2), np.sqrt(U)[:, None],
                           S[:, None, None], a[:, None, None], np.zeros((k, 1)),
                           np.full(k, ETA), np.full(k, lam))
    return np.asarray(objective.solve_many(ps).value)


def min_prox(deltas, lam, n=9, zooms=4):
    """``m_λ(D_δ) = min over (S, U) ∈ [S_LOW, 1] × [0, t²]`` of ``V^prox_λ``, per δ: an
    ``n × n`` grid, then ``zooms`` grids of ±2 cells around the best point (convexity)."""
    low, high = np.array([S_LOW, 0.0]), np.array([1.0, T**2])
    lo, hi = np.tile(low, (len(deltas), 1)), np.tile(high, (len(deltas), 1))
    g = np.stack(np.meshgrid(np.linspace(0, 1, n), np.linspace(0, 1, n)), -1).reshape(-1, 2)
    a = np.repeat(A_STAR + np.asarray(deltas), len(g))
    for _ in range(zooms + 1):
        pts = lo[:, None, :] + (hi - lo)[:, None, :] * g[None]
        vals = _prox_values(pts[..., 0].ravel(), pts[..., 1].ravel(), a, lam)
        vals = vals.reshape(len(deltas), -1)
        best = pts[np.arange(len(deltas)), np.argmin(vals, axis=1)]
        half = 2.0 * (hi - lo) / (n - 1)
        lo, hi = np.maximum(best - half, low), np.minimum(best + half, high)
    return vals.min(axis=1)


def gap_on_slice(u, m):
    """``gap_λ(G_u, D_δ) = η u² + W* − m_λ(D_δ)`` on the slice (``m`` per δ, broadcast)."""
    return ETA * u**2 + W_STAR - m


def draw(seed: int = 0, quick: bool = False):
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    deltas = np.linspace(-0.1, 0.1, 25 if quick else 81)
    lams = [(0.0, r"$\lambda = 0$ (Stackelberg)"),
            (0.25 * lam_max, r"$\lambda = \lambda_{\max}/4$"),
            (0.5 * lam_max, r"$\lambda = \lambda_{\max}/2$"),
            (lam_max, r"$\lambda = \lambda_{\max}$"),
            (2.0 * lam_max, r"$\lambda = 2\lambda_{\max}$"),
            (np.inf, r"$\lambda = \infty$ (Nash)")]
    colours = ["#D9EEF7", "#9ECAE1", "#5BA3CF", "#2171B5", "#D55E00", "#000000"]
    fig, ax = new_figure("double", 3.3)
    us, fine = np.linspace(-0.3, 0.3, 401), np.linspace(deltas[0], deltas[-1], 401)
    handles = []
    for (lam, label), colour in zip(lams, colours, strict=True):
        m = min_prox(deltas, lam, zooms=2 if quick else 4)
        gap = gap_on_slice(us[None, :], np.interp(fine, deltas, m)[:, None])
        if gap.min() > EPS:
            handles.append(Patch(facecolor="none", edgecolor=colour, ls="--", label=label
                                 + rf": empty (min gap {gap.min():.3g} $> \varepsilon$)"))
            continue
        ax.contourf(us, fine, gap, levels=[gap.min() - 1.0, EPS], colors=[colour], zorder=2)
        ax.contour(us, fine, gap, levels=[EPS], colors="0.3", linewidths=0.4, zorder=3)
        handles.append(Patch(facecolor=colour, edgecolor="0.3", lw=0.4, label=label))
    ax.axvline(0.0, color="k", lw=1.0, ls="--", zorder=4)
    ax.plot([0.0], [0.0], "o", color="k", ms=5, zorder=5)
    handles += [ax.lines[-2], ax.lines[-1]]
    handles[-2].set_label(r"exact PE set, $\lambda = 0$: $u = 0$, every $\delta$")
    handles[-1].set_label(r"exact PE set, $0 < \lambda \leq \lambda_{\max}$: $(G^*, D^*)$")
    ax.set(xlim=(us[0], us[-1]), ylim=(deltas[0], deltas[-1]),
           xlabel=r"generator mean $u$ in $G = (1, u)$",
           ylabel=r"$\delta$ in the discriminator $D^* + \delta x^2$",
           title=rf"$\varepsilon$-proximal equilibria, gap$_\lambda \leq \varepsilon = {EPS:g}$ "
                 rf"($\sigma = {SIGMA:g}$, $\eta = {ETA:g}$, $t = {T:g}$, "
                 rf"$\lambda_{{\max}} = {lam_max:g}$)")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


FIGURES = [Figure(
    "farnia2020_proximal_fig3",
    "λ-proximal equilibria of the Theorem-1 W2GAN game (1-D data N(0, σ²), σ = 2, cost "
    "η|x − y|² with η = 1/2, generator x ↦ wx + u with |w| ≤ 1, |u| ≤ t = 1, quadratic "
    "discriminators, Sobolev semi-norm), computed on the slice of generators (1, u) and "
    "discriminators D* + δx²: filled, the pairs whose proximal Nash gap is at most ε = 0.02, "
    "for λ from 0 (Stackelberg) to λ = 2λ_max. The sets are nested, shrinking as λ grows, and "
    "the Nash set (λ = ∞) is empty. The exact sets (ε → 0) are the line u = 0 at λ = 0 and the "
    "single pair (G*, D*) for 0 < λ ≤ λ_max = σ/(4η(σ − 1)) = 1.",
    draw, paper_figure="Farnia & Ozdaglar 2020, Figure 3", width="double")]
