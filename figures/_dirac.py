"""Shared drawing helpers of the Dirac-GAN figures (phase portraits, spectra)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from verifiers.dynamics import altgd, simgd

START_COLOR = "#D62728"


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
    """Streamlines of ``v`` (grey), the trajectory ``xs`` (blue), its start (red)."""
    theta, psi, u, w = field_grid(v, hyper, lim, n)
    ax.streamplot(theta, psi, u, w, color="0.75", density=0.9, linewidth=0.6, arrowsize=0.7)
    ax.plot(xs[:, 0], xs[:, 1], color="#0072B2", lw=0.9)
    ax.plot(xs[0, 0], xs[0, 1], "o", color=START_COLOR, ms=5, zorder=5, label="start")
    ax.plot(0, 0, "*", color="k", ms=7, zorder=5, label="Nash equilibrium")
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel="θ", ylabel="ψ", title=title)
    ax.set_aspect("equal")


def eigen_traces(ax, lam, params, crit, name: str) -> None:
    """Both eigenvalue branches ``lam`` (shape (n, 2)) in the complex plane,
    coloured by the swept parameter, the critical value marked."""
    sc = None
    for k in range(2):
        sc = ax.scatter(lam[:, k].real, lam[:, k].imag, c=params, cmap="viridis", s=6)
    i = int(np.argmin(np.abs(params - crit)))
    ax.plot(lam[i].real, lam[i].imag, "x", color=START_COLOR, ms=8, mew=2,
            label=f"{name} = {name}_crit (double)")
    ax.plot(lam[0].real, lam[0].imag, "o", mfc="none", color="k", ms=7, label=f"{name} = 0")
    ax.axvline(0, color="0.6", lw=0.7)
    ax.axhline(0, color="0.6", lw=0.7)
    ax.set(xlabel="Re λ", ylabel="Im λ")
    ax.legend(loc="upper left", fontsize=7)
    ax.figure.colorbar(sc, ax=ax, label=name)
