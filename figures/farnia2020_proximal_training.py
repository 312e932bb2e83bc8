"""Simultaneous and alternating GDA against proximal training (Farnia & Ozdaglar 2020, §5,
Algorithm 1 with an exact inner solve or T inner ascent steps) on the 1-D linear-Gaussian
W2GAN (σ = 2, η = 1, γ_D = γ_G = 0.02). Started near (G*, D*): both GDAs spiral
out to a limit cycle (4η²(σ − 1)/σ = 2 > 1, spectral radius > 1 at (G*, D*);
ganeq.proximal.simgda_stability); proximal training with penalty μ converges for μ = λ_max and
also for μ = 4λ_max, where (G*, D*) is no μ-PE (ganeq.proximal.stable_not_pe); Algorithm 1 with
T inner steps is GDA at T = 1 and converges from T_c = 2 on (ganeq.proximal.
algorithm1_inner_steps; third panel: ρ(J) against T, closed form and autodiff).
Trajectories are ``lax.scan`` runs of :mod:`verifiers.proximal.training`."""

import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from figures._base import WIDTHS, Figure
from theory.proximal import dynamics, threshold
from verifiers.proximal import training

SIGMA, ETA, GAMMA, T = 2.0, 1.0, 0.02, 1.0
T_STEPS = 600
ZOOM = 0.12


def _runs(z0, lam_max):
    """``(label, colour, style, zorder, trajectory, ρ(J))`` of the six training runs."""
    runs = [("alternating GDA", "C1", "-", 3,
             training.gda_trajectory(z0, SIGMA, ETA, GAMMA, GAMMA, T),
             dynamics.spectral_radius(dynamics.gda_block(SIGMA, ETA, GAMMA, GAMMA))),
            ("simultaneous GDA", "C3", ":", 3,
             training.simgda_trajectory(z0, SIGMA, ETA, GAMMA, GAMMA, T),
             dynamics.spectral_radius(dynamics.simgda_block(SIGMA, ETA, GAMMA, GAMMA)))]
    for mu, colour, style, tag in ((lam_max, "C0", "-", r"\lambda_{\max}"),
                                   (4.0 * lam_max, "C2", "--", r"4\lambda_{\max}")):
        runs.append((rf"proximal training, $\mu = {tag}$", colour, style, 5,
                     training.prox_trajectory(z0, SIGMA, ETA, mu, GAMMA, T),
                     dynamics.spectral_radius(dynamics.prox_block(SIGMA, ETA, mu, GAMMA))))
    for n_inner, colour in ((2, "C4"), (10, "C5")):
        runs.append((rf"Algorithm 1, $\mu = \lambda_{{\max}}$, $T = {n_inner}$", colour, "-.", 4,
                     training.inner_steps_trajectory(z0, SIGMA, ETA, lam_max, GAMMA, GAMMA, T,
                                                     n_inner),
                     dynamics.spectral_radius(dynamics.inner_steps_block(
                         SIGMA, ETA, lam_max, GAMMA, GAMMA, n_inner))))
    return runs


def draw(seed: int = 0, quick: bool = False):
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    star = np.asarray(training.equilibrium(SIGMA, ETA))
    z0 = jnp.asarray(star + np.array([0.0, 0.05, 0.02, -0.03]))
    fig = plt.figure(figsize=(WIDTHS["double"], 5.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.25, 1.0])
    phase, dist = top.subplots(1, 2)
    for label, colour, style, z, traj, rho in _runs(z0, lam_max):
        traj = np.vstack([np.asarray(z0), np.asarray(traj)])
        phase.plot(traj[:, 1], traj[:, 3], color=colour, ls=style, lw=0.9, zorder=z,
                   label=rf"{label} ($\rho(J) = {rho:.4f}$)")
        dist.semilogy(np.linalg.norm(traj - star, axis=1), color=colour, ls=style, zorder=z)
    phase.plot([star[1]], [star[3]], "*", color="k", ms=6, zorder=2, label="$(G^*, D^*)$")
    phase.plot([float(z0[1])], [float(z0[3])], "o", color="k", mfc="none", ms=5, mew=0.8,
               zorder=2, label="start")
    phase.set(xlim=(-ZOOM, ZOOM), ylim=(-ZOOM, ZOOM), xlabel="generator shift $u$",
              ylabel=r"discriminator slope $b$ ($D = ax^2 + bx$)",
              title=r"(a) Phase portrait near $(G^*, D^*)$")
    phase.set_aspect("equal")
    dist.set(xlabel="iteration $k$", ylabel=r"$\|z_k - (G^*, D^*)\|$, $z = (s, u, a, b)$",
             title=rf"(b) Distance to $(G^*, D^*)$, {T_STEPS} steps")
    top.legend(loc="outside lower center", ncol=2)
    _spectrum_panel(bottom.subplots(), lam_max, quick)
    bottom.legend(loc="outside right center")
    fig.suptitle(rf"GDA vs proximal training on the 1-D W2GAN ($\sigma = {SIGMA:g}$, "
                 rf"$\eta = {ETA:g}$, $\gamma = {GAMMA:g}$, $|u| \leq {T:g}$, "
                 rf"$\lambda_{{\max}} = {lam_max:g}$)")
    return fig


def _spectrum_panel(ax, lam_max, quick):
    """ρ(J) of Algorithm 1 against T (closed form; autodiff markers), with GDA and exact prox."""
    Ts = np.arange(1, 41)
    for mu, colour, tag in ((lam_max, "C0", r"\lambda_{\max}"), (4.0 * lam_max, "C2",
                                                                  r"4\lambda_{\max}")):
        rho = [dynamics.spectral_radius(dynamics.inner_steps_block(SIGMA, ETA, mu, GAMMA, GAMMA,
                                                                   int(n))) for n in Ts]
        T_c = dynamics.inner_steps_critical_T(SIGMA, ETA, mu, GAMMA, GAMMA)
        ax.plot(Ts, rho, color=colour, lw=1.1,
                label=rf"Algorithm 1, $\mu = {tag}$ ($T_c = {T_c:g}$)")
        marks = Ts[:: 13 if quick else 3]
        auto = [dynamics.spectral_radius(np.asarray(training.inner_steps_jacobian(
            SIGMA, ETA, mu, GAMMA, GAMMA, T, int(n)))[np.ix_([3, 1], [3, 1])]) for n in marks]
        ax.plot(marks, auto, "o", color=colour, mfc="none", ms=4)
        ax.axhline(dynamics.spectral_radius(dynamics.prox_block(SIGMA, ETA, mu, GAMMA)),
                   color=colour, ls="--", lw=0.8)
    ax.axhline(dynamics.spectral_radius(dynamics.simgda_block(SIGMA, ETA, GAMMA, GAMMA)),
               color="C3", ls=":", label="simultaneous GDA")
    ax.axhline(1.0, color="k", lw=0.6)
    ax.plot([], [], "o", color="k", mfc="none", ms=4, label="autodiff Jacobian")
    ax.plot([], [], "--", color="k", lw=0.8, label=r"exact inner solve ($T \to \infty$)")
    ax.set(xlabel=r"inner ascent steps $T$ ($T = 1$: alternating GDA)",
           ylabel=r"spectral radius $\rho$ of the $(b, u)$ block",
           title=r"(c) Local rate of Algorithm 1 against $T$")


FIGURES = [Figure(
    "farnia2020_proximal_training",
    "Simultaneous and alternating gradient descent-ascent against proximal training "
    "(Farnia & Ozdaglar's Algorithm 1, exact inner solve with penalty μ, or T inner ascent "
    "steps) on the 1-D W2GAN game (data N(0, σ²), σ = 2, η = 1, steps γ = 0.02, |u| ≤ 1), "
    "started near the Stackelberg pair (G*, D*). (a, b) Both GDAs spiral out (to a limit "
    "cycle on the boundary |u| = 1, outside the zoomed view of (a); spectral radius "
    "ρ(J) > 1 at (G*, D*)); proximal training converges for μ = λ_max and "
    "also for μ = 4λ_max, where (G*, D*) is no μ-PE, and Algorithm 1 converges with T = 10 inner "
    "steps, and with T = 2, just below the edge (ρ(J) = 0.9996), slowly. (c) The local rate "
    "ρ(J) of Algorithm 1 against T (lines: closed form; "
    "circles: autodiff Jacobian of the implemented update): T = 1 is alternating GDA, and it "
    "converges from T_c = 2 on, approaching the exact inner solve (dashed).",
    draw, width="double")]
