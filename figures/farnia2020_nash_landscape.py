"""Nash-gap landscape gap(G, D_G) over the 1-D generator (|w|, u) for the WGAN, W2GAN and
KL f-GAN (Farnia & Ozdaglar 2020, Theorem 1): the minimum is at G* = (1, 0) and is positive;
the arrow is the certified deviation u' = t that breaks (G*, D_{G*})."""

import jax.numpy as jnp
import numpy as np
from matplotlib.lines import Line2D

from figures._base import Figure, new_figure
from verifiers.nash import batched

SIGMA, T, CAP = 1.5, 1.0, 2.0
GAMES = (("wgan", "(a) WGAN"), ("w2gan", "(b) W2GAN"), ("kl", "(c) f-GAN (KL)"))


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
    gaps = [np.asarray(_gaps(g, jnp.asarray(w.ravel()), jnp.asarray(u.ravel()))).reshape(w.shape)
            for g, _ in GAMES]
    finite = [np.isfinite(g) for g in gaps]
    logs = [np.minimum(np.log10(np.where(f, g, 1.0)), CAP) for g, f in zip(gaps, finite,
                                                                          strict=True)]
    low = np.floor(4 * min(lg[f].min() for lg, f in zip(logs, finite, strict=True))) / 4
    levels = np.arange(low, CAP + 0.125, 0.25)
    fig, axes = new_figure("double", 2.9, 1, 3, sharey=True)
    for ax, (_, title), gap, ok, logg in zip(axes, GAMES, gaps, finite, logs, strict=True):
        cs = ax.contourf(w, u, np.ma.masked_where(~ok, logg), levels=levels, cmap="viridis")
        if not ok.all():
            ax.contourf(w, u, (~ok).astype(float), levels=[0.5, 1.5], colors="0.85")
        ax.plot([1.0], [0.0], "*", color="C1", mec="k", mew=0.5, ms=11, clip_on=False, zorder=5)
        ax.annotate("", xy=(0.975, T), xytext=(0.975, 0.06), annotation_clip=False,
                    arrowprops={"arrowstyle": "-|>", "color": "C1", "lw": 1.4})
        ax.set(title=rf"{title}: gap at $G^*$ = {gap[n // 2, -1]:.3g}", xlabel="$|w|$")
    axes[0].set_ylabel("$u$")
    fig.colorbar(cs, ax=axes, label=r"$\log_{10}$ gap$(G, D_G)$" + f" (capped at {CAP:g})",
                 pad=0.01, aspect=25, ticks=np.arange(np.ceil(2 * low) / 2, CAP + 0.25, 0.5))
    handles = [Line2D([], [], ls="none", marker="*", color="C1", mec="k", mew=0.5, ms=9,
                      label=r"$G^* = (1, 0)$, the gap's minimiser"),
               Line2D([], [], color="C1", lw=1.4, marker=">", ms=4,
                      label=r"certified deviation $u' = t$ against $D_{G^*}$"),
               Line2D([], [], ls="none", marker="s", color="0.85", ms=7,
                      label=r"gap $= +\infty$")]
    fig.legend(handles=handles, loc="outside lower center", ncol=3)
    fig.suptitle(rf"No Nash equilibrium: gap$(G, D_G) > 0$ everywhere ($\sigma = {SIGMA:g}$, "
                 rf"$t = {T:g}$)")
    return fig


FIGURES = [Figure(
    "farnia2020_nash_landscape",
    "Nash gap gap(G, D_G) = max_D V(G, D) − min_G' V(G', D_G) of each generator G = (w, u) "
    "against its discriminator best response D_G, in the 1-D games of Theorem 1 (data "
    "N(0, σ²), σ = 1.5, |u| ≤ t = 1): WGAN, W2GAN and KL f-GAN, log scale (grey: infinite "
    "gap). The gap is smallest at the Stackelberg generator G* = (1, 0) (star) and still "
    "positive there: the arrow is the certified deviation u' = t that gains against D_G*.",
    draw, width="double")]
