"""Closed-form Jacobians of GDA and proximal training at (G*, D*) in the Theorem-1
W2GAN game (proximal.md §8; Farnia & Ozdaglar 2020, Algorithm 1).

Per coordinate the linearised dynamics of ``(b_i, u_i)`` is a 2 × 2 block:

* plain alternating GDA (``b⁺ = b + γ_D ∇_b V``, then ``u⁺ = u − γ_G ∇_u V(θ, b⁺)``):
  ``J = [[1 − γ_Dσ/(2η), −γ_Dσ], [γ_Gσ(1 − γ_Dσ/(2η)), 1 + 2γ_Gη(σ − 1) − γ_Gγ_Dσ²]]``;
* exact proximal training (``D⁺ = argmax V(G, D) − μ‖D − D_k‖²``, then a G step γ):
  ``J = [[α, −β], [γσα, 1 + 2γη(σ − 1) − γσβ]]``, ``α = 4ημ/(σ + 4ημ)``,
  ``β = 2ησ/(σ + 4ημ)``; ``det J = α(1 + 2γη(σ − 1))``, so it is unstable once
  ``μ ≥ σ/(8γη²(σ − 1))`` (the det condition).

Algorithm 1's penalty ``λ/(2n) Σ‖∇D_w(x_i) − ∇D_{w_k}(x_i)‖²`` has expectation
``(λ/2)‖D_w − D_{w_k}‖²``: Algorithm 1 with parameter λ targets ``V^prox_{λ/2}``.
"""

from __future__ import annotations

import numpy as np

from theory import _config  # noqa: F401


def gda_block(sigma, eta, gamma_d, gamma_g) -> np.ndarray:
    """The (b_i, u_i) block of plain alternating GDA at (G*, D*)."""
    a = 1.0 - gamma_d * sigma / (2.0 * eta)
    return np.array([[a, -gamma_d * sigma],
                     [gamma_g * sigma * a,
                      1.0 + 2.0 * gamma_g * eta * (sigma - 1.0) - gamma_g * gamma_d * sigma**2]])


def prox_block(sigma, eta, mu, gamma) -> np.ndarray:
    """The (b_i, u_i) block of exact proximal training with penalty μ at (G*, D*)."""
    alpha = 4.0 * eta * mu / (sigma + 4.0 * eta * mu)
    beta = 2.0 * eta * sigma / (sigma + 4.0 * eta * mu)
    return np.array([[alpha, -beta],
                     [gamma * sigma * alpha,
                      1.0 + 2.0 * gamma * eta * (sigma - 1.0) - gamma * sigma * beta]])


def prox_a_eigenvalue(sigma, eta, mu) -> float:
    """The A-block eigenvalue ``4ημ/(σ + 4ημ)`` of exact proximal training."""
    return 4.0 * eta * mu / (sigma + 4.0 * eta * mu)


def prox_det_bound(sigma, eta, gamma) -> float:
    """``μ < σ/(8γη²(σ − 1))``: exact proximal training's (b, u) block has det < 1."""
    return sigma / (8.0 * gamma * eta**2 * (sigma - 1.0))


def spectral_radius(J) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(J)))))


def algorithm1_mu(lam_alg) -> float:
    """The population penalty of Algorithm 1 with parameter λ is μ = λ/2."""
    return 0.5 * lam_alg
