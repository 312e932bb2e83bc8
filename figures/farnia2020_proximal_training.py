"""Plain alternating GDA against exact proximal training (Farnia & Ozdaglar 2020, §5,
Algorithm 1 with an exact inner solve) on the 1-D linear-Gaussian W2GAN (σ = 2, η = 1,
γ_D = γ_G = 0.02; proximal.md §8). Started near (G*, D*): GDA spirals out to a limit cycle
(4η²(σ − 1)/σ = 2 > 1, spectral radius > 1 at (G*, D*)); proximal training with penalty μ
converges for μ = λ_max and also for μ = 4λ_max, where (G*, D*) is no μ-PE — convergence of
proximal training does not certify a proximal equilibrium (ganeq.proximal.stable_not_pe).
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
    runs = [("plain alternating GDA", "#D55E00", "-",
             training.gda_trajectory(z0, SIGMA, ETA, GAMMA, GAMMA, T),
             dynamics.spectral_radius(dynamics.gda_block(SIGMA, ETA, GAMMA, GAMMA)))]
    for mu, colour, style, tag in ((lam_max, "#0072B2", "-", "λ_max"),
                                   (4.0 * lam_max, "#009E73", "--", "4λ_max (no PE)")):
        runs.append((f"proximal training, μ = {tag}", colour, style,
                     training.prox_trajectory(z0, SIGMA, ETA, mu, GAMMA, T),
                     dynamics.spectral_radius(dynamics.prox_block(SIGMA, ETA, mu, GAMMA))))
    fig, (phase, dist) = plt.subplots(1, 2, figsize=(11.0, 4.4), constrained_layout=True)
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
    phase.set_ylim(-1.45, 2.3)
    phase.legend(fontsize=8, loc="upper center", ncol=2)
    dist.set(xlabel="iteration", ylabel="‖z_k − (G*, D*)‖,  z = (s, u, a, b)",
             title="Distance to (G*, D*)")
    dist.legend(fontsize=8, loc="lower left")
    fig.suptitle(f"GDA vs exact proximal training on the 1-D W2GAN (σ = {SIGMA:g}, η = {ETA:g}, "
                 f"γ = {GAMMA:g}, |u| ≤ {T:g}; λ_max = {lam_max:g})")
    return fig


FIGURES = [Figure("farnia2020_proximal_training",
                  "GDA cycles; proximal training converges, even above the PE threshold", draw)]
