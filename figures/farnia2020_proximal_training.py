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

from figures._base import Figure
from theory.proximal import dynamics, threshold
from verifiers.proximal import training

SIGMA, ETA, GAMMA, T = 2.0, 1.0, 0.02, 1.0


def draw(seed: int = 0, quick: bool = False):
    lam_max = threshold.lam_max_isotropic(SIGMA, ETA)
    star = np.asarray(training.equilibrium(SIGMA, ETA))
    z0 = jnp.asarray(star + np.array([0.0, 0.05, 0.02, -0.03]))
    runs = [("alternating GDA", "#D55E00", "-",
             training.gda_trajectory(z0, SIGMA, ETA, GAMMA, GAMMA, T),
             dynamics.spectral_radius(dynamics.gda_block(SIGMA, ETA, GAMMA, GAMMA))),
            ("simultaneous GDA", "#CC79A7", ":",
             training.simgda_trajectory(z0, SIGMA, ETA, GAMMA, GAMMA, T),
             dynamics.spectral_radius(dynamics.simgda_block(SIGMA, ETA, GAMMA, GAMMA)))]
    for mu, colour, style, tag in ((lam_max, "#0072B2", "-", "λ_max"),
                                   (4.0 * lam_max, "#009E73", "--", "4λ_max (no PE)")):
        runs.append((f"proximal training, μ = {tag}", colour, style,
                     training.prox_trajectory(z0, SIGMA, ETA, mu, GAMMA, T),
                     dynamics.spectral_radius(dynamics.prox_block(SIGMA, ETA, mu, GAMMA))))
    for n_inner, colour in ((2, "#E69F00"), (10, "#56B4E9")):
        runs.append((f"Algorithm 1, μ = λ_max, T = {n_inner} inner steps", colour, "-.",
                     training.inner_steps_trajectory(z0, SIGMA, ETA, lam_max, GAMMA, GAMMA, T,
                                                     n_inner),
                     dynamics.spectral_radius(dynamics.inner_steps_block(
                         SIGMA, ETA, lam_max, GAMMA, GAMMA, n_inner))))
    fig, (phase, dist, spec) = plt.subplots(1, 3, figsize=(16.0, 4.8), constrained_layout=True)
    for label, colour, style, z, rho in runs:
        z = np.vstack([np.asarray(z0), np.asarray(z)])
        phase.plot(z[:, 1], z[:, 3], color=colour, ls=style, lw=1.0, label=label)
        gap = np.linalg.norm(z - star, axis=1)
        dist.semilogy(np.maximum(gap, 1e-16), color=colour, ls=style,
                      label=f"{label}  (ρ(J) = {rho:.4f})")
    phase.plot([star[1]], [star[3]], "k*", ms=9, label="(G*, D*)")
    phase.plot([float(z0[1])], [float(z0[3])], "ko", mfc="none", label="start")
    phase.set(xlabel="generator shift u", ylabel="discriminator slope b  (D = a x² + b x)",
              title="(u, b) phase portrait, 600 steps")
    phase.set_ylim(-1.45, 2.75)
    phase.set_yticks(np.arange(-1.0, 1.6, 0.5))
    phase.legend(fontsize=7, loc="upper center", ncol=2)
    dist.set(xlabel="iteration", ylabel="‖z_k − (G*, D*)‖,  z = (s, u, a, b)",
             title="Distance to (G*, D*)")
    dist.legend(fontsize=7, loc="lower left")
    _spectrum_panel(spec, lam_max, quick)
    fig.suptitle(f"GDA vs proximal training (Algorithm 1) on the 1-D W2GAN (σ = {SIGMA:g}, "
                 f"η = {ETA:g}, γ = {GAMMA:g}, |u| ≤ {T:g}; λ_max = {lam_max:g})")
    return fig


def _spectrum_panel(ax, lam_max, quick):
    """ρ(J) of Algorithm 1 against T (closed form; autodiff markers), with GDA and exact prox."""
    Ts = np.arange(1, 41)
    for mu, colour, tag in ((lam_max, "#0072B2", "λ_max"), (4.0 * lam_max, "#009E73", "4λ_max")):
        rho = [dynamics.spectral_radius(dynamics.inner_steps_block(SIGMA, ETA, mu, GAMMA, GAMMA,
                                                                   int(n))) for n in Ts]
        T_c = dynamics.inner_steps_critical_T(SIGMA, ETA, mu, GAMMA, GAMMA)
        ax.plot(Ts, rho, color=colour, lw=1.2, label=f"Algorithm 1, μ = {tag} (T_c = {T_c:g})")
        marks = Ts[:: 13 if quick else 3]
        auto = [dynamics.spectral_radius(np.asarray(training.inner_steps_jacobian(
            SIGMA, ETA, mu, GAMMA, GAMMA, T, int(n)))[np.ix_([3, 1], [3, 1])]) for n in marks]
        ax.plot(marks, auto, "o", color=colour, mfc="none", ms=5)
        ax.axhline(dynamics.spectral_radius(dynamics.prox_block(SIGMA, ETA, mu, GAMMA)),
                   color=colour, ls="--", lw=0.8)
    ax.axhline(dynamics.spectral_radius(dynamics.simgda_block(SIGMA, ETA, GAMMA, GAMMA)),
               color="#CC79A7", ls=":", label="simultaneous GDA")
    ax.axhline(1.0, color="k", lw=0.6)
    ax.plot([], [], "ko", mfc="none", label="autodiff Jacobian")
    ax.plot([], [], "k--", lw=0.8, label="exact inner solve (T → ∞)")
    ax.set(xlabel="inner ascent steps T  (T = 1: alternating GDA)",
           ylabel="spectral radius of the (b, u) block at (G*, D*)",
           title="Local rate of Algorithm 1 against T")
    ax.legend(fontsize=7, loc="upper right")


FIGURES = [Figure("farnia2020_proximal_training",
                  "GDA (simultaneous or alternating) cycles; proximal training converges, even "
                  "above the PE threshold, and Algorithm 1 from T = 2 inner steps on", draw)]
