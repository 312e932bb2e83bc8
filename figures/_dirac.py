"""Shared drawing helpers of the Dirac-GAN figures (phase portraits, spectra)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from matplotlib.lines import Line2D

from verifiers.dynamics import altgd, simgd

PATH_COLOR, START_COLOR, FIELD_COLOR = "C0", "C1", "0.72"


def field_grid(v, hyper, lim: float, n: int):
    """``(Θ, Ψ, U, V)``: the field ``v`` on an ``n × n`` grid of [−lim, lim]²."""
    axis = np.linspace(-lim, lim, n)
    theta, psi = np.meshgrid(axis, axis)
    pts = jnp.stack([theta.ravel(), psi.ravel()], axis=1)
    uv = np.asarray(jax.jit(jax.vmap(lambda x: v(x, hyper)))(pts))
    return theta, psi, uv[:, 0].reshape(theta.shape), uv[:, 1].reshape(theta.shape)


def trajectory(v, hyper, x0, h, steps, algorithm="altgd", n_d=1, clip=np.inf):
    """Iterates of SimGD or AltGD(1, n_d, h) from ``x0`` as a numpy array."""
    x0 = jnp.asarray(x0, dtype=jnp.float64)
    if algorithm == "simgd":
        return np.asarray(simgd(v, x0, hyper, h, steps, 1, clip))
    return np.asarray(altgd(v, x0, hyper, h, steps, 1, n_d, 1, clip))


def phase_portrait(ax, v, hyper, xs, lim: float, n: int, title: str) -> None:
    """Streamlines of ``v`` (grey), the iterates ``xs`` (blue) drawn over their start (open
    orange circle), and the equilibrium (black star)."""
    theta, psi, u, w = field_grid(v, hyper, lim, n)
    ax.streamplot(theta, psi, u, w, color=FIELD_COLOR, density=0.8, linewidth=0.5,
                  arrowsize=0.6, zorder=1)
    ax.plot(xs[0, 0], xs[0, 1], "o", mfc="none", color=START_COLOR, ms=6, mew=1.2, zorder=3)
    ax.plot(xs[:, 0], xs[:, 1], color=PATH_COLOR, lw=0.9, zorder=4)
    ax.plot(0, 0, "*", color="k", ms=7, zorder=5, clip_on=False)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel=r"$\theta$", ylabel=r"$\psi$", title=title)
    ax.set_aspect("equal")


def portrait_legend(fig, ncol: int = 4) -> None:
    """One legend for all phase portraits, below the panels."""
    handles = [Line2D([], [], color=FIELD_COLOR, lw=0.8, label="gradient vector field"),
               Line2D([], [], color=PATH_COLOR, lw=0.9, label="iterates"),
               Line2D([], [], ls="none", marker="o", mfc="none", color=START_COLOR, ms=6,
                      label="start"),
               Line2D([], [], ls="none", marker="*", color="k", ms=7,
                      label="equilibrium $(0, 0)$")]
    fig.legend(handles=handles, loc="outside lower center", ncol=ncol)


def refined(lo: float, crit: float, hi: float, n: int) -> np.ndarray:
    """``n`` points on [lo, hi] with ``crit`` among them, quadratically dense at ``crit``
    (``crit ∓ (crit − lo)·s²``): square-root branch points are sampled evenly."""
    s = np.linspace(0.0, 1.0, n // 2 + 1)
    return np.unique(np.concatenate([crit - (crit - lo) * s**2, crit + (hi - crit) * s**2]))


def eigen_traces(ax, lam, params, crit, name: str) -> None:
    """Both eigenvalue branches ``lam`` (shape (n, 2)) in the complex plane, coloured by the
    swept parameter (mathtext ``name``, e.g. ``r"\\sigma"``), the critical value marked; the
    legend goes below the axes."""
    sc = None
    for k in range(2):
        sc = ax.scatter(lam[:, k].real, lam[:, k].imag, c=params, cmap="viridis", s=5, lw=0,
                        zorder=2)
    i = int(np.argmin(np.abs(params - crit)))
    ax.plot(lam[i].real, lam[i].imag, "x", color=START_COLOR, ms=7, mew=1.5, zorder=4,
            label=rf"${name} = {name}_{{\mathrm{{crit}}}}$ (double root)")
    ax.plot(lam[0].real, lam[0].imag, "o", mfc="none", color="k", ms=6, zorder=3,
            label=rf"${name} = 0$")
    ax.axvline(0, color="0.6", lw=0.6, zorder=0)
    ax.axhline(0, color="0.6", lw=0.6, zorder=0)
    ax.set(xlabel=r"$\mathrm{Re}\,\lambda$", ylabel=r"$\mathrm{Im}\,\lambda$")
    ax.margins(0.06)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    ax.figure.colorbar(sc, ax=ax, label=rf"${name}$", pad=0.02)
