"""Closed-form Jacobians of GDA and proximal training at (G*, D*) in the Theorem-1
W2GAN game (farnia2020.md; Farnia & Ozdaglar 2020, Algorithm 1).

Per coordinate the linearised dynamics of ``(b_i, u_i)`` is a 2 × 2 block:

* plain alternating GDA (``b⁺ = b + γ_D ∇_b V``, then ``u⁺ = u − γ_G ∇_u V(θ, b⁺)``):
  ``J = [[1 − γ_Dσ/(2η), −γ_Dσ], [γ_Gσ(1 − γ_Dσ/(2η)), 1 + 2γ_Gη(σ − 1) − γ_Gγ_Dσ²]]``;
* exact proximal training (``D⁺ = argmax V(G, D) − μ‖D − D_k‖²``, then a G step γ):
  ``J = [[α, −β], [γσα, 1 + 2γη(σ − 1) − γσβ]]``, ``α = 4ημ/(σ + 4ημ)``,
  ``β = 2ησ/(σ + 4ημ)``; ``det J = α(1 + 2γη(σ − 1))``, so it is unstable once
  ``μ ≥ σ/(8γη²(σ − 1))`` (the det condition; at μ = 4λ_max: γ ≥ 1/(8η)).

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


def spectral_radius(J) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(J)))))


def algorithm1_mu(lam_alg) -> float:
    """The population penalty of Algorithm 1 with parameter λ is μ = λ/2."""
    return 0.5 * lam_alg


def simgda_block(sigma, eta, gamma_d, gamma_g) -> np.ndarray:
    """The (b_i, u_i) block of simultaneous GDA (both players step from the same point):
    ``[[1 − γ_Dσ/(2η), −γ_Dσ], [γ_Gσ, 1 + 2γ_Gη(σ − 1)]]``."""
    return np.array([[1.0 - gamma_d * sigma / (2.0 * eta), -gamma_d * sigma],
                     [gamma_g * sigma, 1.0 + 2.0 * gamma_g * eta * (sigma - 1.0)]])


def flow_trace(sigma, eta) -> float:
    """Trace ``2η(σ − 1) − σ/(2η)`` of the equal-rate gradient flow's (b, u) block
    ``M = [[−σ/(2η), −σ], [σ, 2η(σ − 1)]]`` (``det M = σ``)."""
    return 2.0 * eta * (sigma - 1.0) - sigma / (2.0 * eta)


def simgda_critical_step(sigma, eta) -> float:
    """Simultaneous GDA with equal steps γ has block ``I + γM``, eigenvalues ``1 + γν``.
    Rotational regime (``tr M² < 4σ``): ``ρ² = 1 + γ tr M + γ²σ``, so ρ > 1 iff
    ``γ > −tr M/σ = 1/(2η) − 2η(σ − 1)/σ``. Real regime (both ν < 0): ρ > 1 iff
    ``γ > 2/|ν_min|``. A non-positive value means unstable for every γ > 0."""
    tr = flow_trace(sigma, eta)
    disc = tr * tr - 4.0 * sigma
    if disc < 0.0 or tr >= 0.0:
        return -tr / sigma
    return 2.0 / (0.5 * (-tr + np.sqrt(disc)))


def inner_contraction(sigma, eta, mu, gamma_d) -> tuple[float, float]:
    """Contraction factors of one inner ascent step on ``V(θ, w) − μ‖D_w − D_{w_k}‖²`` at
    (G*, D*): ``q_b = 1 − γ_D(σ/(2η) + 2μ)`` (b), ``q_a = 1 − γ_D(2σ³/η + 8μσ²)`` (a); the
    inner iteration converges iff both lie in (−1, 1), i.e. ``γ_D < 2/L_inner``."""
    return (1.0 - gamma_d * (sigma / (2.0 * eta) + 2.0 * mu),
            1.0 - gamma_d * (2.0 * sigma**3 / eta + 8.0 * mu * sigma**2))


def inner_steps_block(sigma, eta, mu, gamma_d, gamma, T) -> np.ndarray:
    """(b_i, u_i) block of Algorithm 1 with T inner ascent steps of size γ_D from w_k, then a
    G step γ. The inner map is affine in b with fixed point ``b̄ = αb_k − βu`` (exact prox), so
    ``b_T − b̄ = q_b^T (b_k − b̄)``: the block has the exact-prox form with
    ``α_T = α + q_b^T(1 − α)``, ``β_T = (1 − q_b^T)β``. T = 1 gives alternating GDA for every μ
    (the penalty's gradient vanishes at w = w_k); T → ∞ gives :func:`prox_block`."""
    alpha = prox_a_eigenvalue(sigma, eta, mu)
    beta = 2.0 * eta * sigma / (sigma + 4.0 * eta * mu)
    qT = inner_contraction(sigma, eta, mu, gamma_d)[0] ** T
    a_T, b_T = alpha + qT * (1.0 - alpha), (1.0 - qT) * beta
    c = 1.0 + 2.0 * gamma * eta * (sigma - 1.0)
    return np.array([[a_T, -b_T], [gamma * sigma * a_T, c - gamma * sigma * b_T]])


def inner_steps_a_eigenvalue(sigma, eta, mu, gamma_d, T) -> float:
    """A-eigenvalue ``α + q_a^T(1 − α)`` of Algorithm 1 with T inner steps (same α as exact
    prox, since ``8μσ²/(2σ³/η + 8μσ²) = 4ημ/(σ + 4ημ)``)."""
    alpha = prox_a_eigenvalue(sigma, eta, mu)
    return alpha + inner_contraction(sigma, eta, mu, gamma_d)[1] ** T * (1.0 - alpha)


def gda_a_eigenvalue(sigma, eta, gamma_d) -> float:
    """A-eigenvalue ``1 − 2γ_Dσ³/η`` of GDA (simultaneous or alternating)."""
    return 1.0 - 2.0 * gamma_d * sigma**3 / eta


def inner_steps_interval(sigma, eta, mu, gamma) -> tuple[float, float]:
    """The (b, u) block of :func:`inner_steps_block` depends on T only through ``x = q_b^T``, and
    its trace and determinant are affine in x (``c = 1 + 2γη(σ − 1)``, ``k = γσ``):
    ``det = α_x c``, ``tr = α_x + c − kβ_x``. Jury's conditions for ρ < 1 read
    ``det < 1`` ⇔ ``x < x_hi = (1/c − α)/(1 − α)``;
    ``1 − tr + det = (1 − x)(σ/(σ + 4ημ))·2γη > 0`` ⇔ ``x < 1`` (implied, x_hi < 1);
    ``1 + tr + det > 0`` ⇔ ``x > x_lo = (kβ − (1 + α)(1 + c))/((1 − α)(1 + c) + kβ)``.
    So the block is stable iff ``x_lo < q_b^T < x_hi``."""
    alpha = prox_a_eigenvalue(sigma, eta, mu)
    beta = 2.0 * eta * sigma / (sigma + 4.0 * eta * mu)
    c, k = 1.0 + 2.0 * gamma * eta * (sigma - 1.0), gamma * sigma
    x_hi = (1.0 / c - alpha) / (1.0 - alpha)
    x_lo = (k * beta - (1.0 + alpha) * (1.0 + c)) / ((1.0 - alpha) * (1.0 + c) + k * beta)
    return x_lo, x_hi


def inner_steps_stable(sigma, eta, mu, gamma_d, gamma, T) -> bool:
    """Closed-form prediction: Algorithm 1 with T inner steps has ρ(J) < 1 at (G*, D*) iff
    ``x_lo < q_b^T < x_hi`` and ``|α + q_a^T(1 − α)| < 1`` (the s-eigenvalue is 0)."""
    x_lo, x_hi = inner_steps_interval(sigma, eta, mu, gamma)
    x = inner_contraction(sigma, eta, mu, gamma_d)[0] ** T
    return bool(x_lo < x < x_hi and abs(inner_steps_a_eigenvalue(sigma, eta, mu, gamma_d, T)) < 1)


def inner_steps_critical_T(sigma, eta, mu, gamma_d, gamma) -> float:
    """For ``0 < q_b < 1`` and ``0 < x_hi`` (exact proximal training stable: μ below the det
    bound): stable iff ``T ≥ T_c = ⌊log x_hi / log q_b⌋ + 1`` (``q_b^T`` decreases to 0 and
    ``x_lo < 0``). ``inf`` where ``x_hi ≤ 0`` (no T converges); ``nan`` unless ``0 < q_b < 1``
    (then q_b^T alternates in sign: use :func:`inner_steps_stable` per T)."""
    x_hi = inner_steps_interval(sigma, eta, mu, gamma)[1]
    q = inner_contraction(sigma, eta, mu, gamma_d)[0]
    if not 0.0 < q < 1.0:
        return float("nan")
    if x_hi <= 0.0:
        return float("inf")
    return float(np.floor(np.log(x_hi) / np.log(q)) + 1.0)


def inner_step_bound(sigma, eta, mu) -> float:
    """``2/L_inner``, ``L_inner = max(σ/(2η) + 2μ, 2σ³/η + 8μσ²)``: the inner ascent converges
    (``|q_a|, |q_b| < 1``) iff ``0 < γ_D < 2/L_inner``."""
    return 2.0 / max(sigma / (2.0 * eta) + 2.0 * mu, 2.0 * sigma**3 / eta + 8.0 * mu * sigma**2)
