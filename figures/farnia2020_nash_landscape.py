"""Nash-gap landscape gap(G, D_G) over the 1-D generator (|w|, u) for the WGAN, W2GAN and
KL f-GAN (Farnia & Ozdaglar 2020, Theorem 1): the minimum is at G* = (1, 0) and is positive;
the arrow is the certified deviation u' = t that breaks (G*, D_{G*})."""

import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure
from verifiers.nash import batched

SIGMA, T = 1.5, 1.0


def _gaps(game: str, w, u):
    if game == "wgan":
        return batched.wgan_gaps(SIGMA, w, u, T)[0]
    S, uu = (w * w)[:, None, None], u[:, None]
    if game == "w2gan":
        return batched.w2gan_gaps(S, uu, jnp.eye(1) * SIGMA**2, T)[0]
    return batched.fgan_gaps("kl", S, uu, jnp.eye(1) * SIGMA**2, T, 2)[0]


def draw(seed: int = 0, quick: bool = False):
    n = 41 if quick else 121
    w, u = np.meshgrid(np.linspace(0.6, 1.0, n), np.linspace(-T, T, n))
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), constrained_layout=True)
    titles = ("WGAN (W1)", "W2GAN", "f-GAN (KL)")
    for ax, game, title in zip(axes, ("wgan", "w2gan", "kl"), titles, strict=True):
        flat = _gaps(game, jnp.asarray(w.ravel()), jnp.asarray(u.ravel()))
        gap = np.asarray(flat).reshape(w.shape)
        finite = np.isfinite(gap)
        logg = np.ma.masked_where(~finite, np.log10(np.where(finite, gap, 1.0)))
        cs = ax.contourf(w, u, np.minimum(logg, 2.0), levels=20, cmap="viridis")
        fig.colorbar(cs, ax=ax, label="log10 gap(G, D_G) (capped at 2)")
        if not finite.all():
            ax.contourf(w, u, (~finite).astype(float), levels=[0.5, 1.5], colors="0.85")
            ax.text(0.7, 0.0, "gap = +inf", ha="center", fontsize=8)
        ax.plot([1.0], [0.0], "r*", ms=12, label=f"G* (gap = {gap[n // 2, -1]:.3g})")
        ax.annotate("", xy=(0.985, T * 0.97), xytext=(0.985, 0.05),
                    arrowprops={"arrowstyle": "->", "color": "r", "lw": 1.5})
        ax.text(0.975, 0.5 * T, "certified\ndeviation\nu' = t", color="r", fontsize=7, ha="right")
        ax.set(title=title, xlabel="|w|", ylabel="u")
        ax.legend(loc="lower left", fontsize=7)
    fig.suptitle(f"No Nash equilibrium: gap(G, D_G) > 0 everywhere (sigma = {SIGMA}, t = {T})")
    return fig


FIGURES = [Figure("farnia2020_nash_landscape",
                  "Nash gap against the discriminator's best response over the 1-D generator; "
                  "G* and the certified deviation u' = t marked.", draw)]
