"""Exact proximal thresholds and Theorem 2's identity in the Theorem-1 W2GAN game.

Farnia & Ozdaglar 2020, Theorem 2 (constant 1/(4η)); derivations in
``docs/derivations/farnia2020.md`` (Theorem 2, the exact threshold).
Game: ``X ~ N(0, Sx)`` (isotropic ``σ²I`` for Theorem 1), ``k ≥ d``, ``‖u‖ ≤ t``,
cost η‖x − y‖², quadratic discriminators, Sobolev semi-norm (15).

* Theorem 2's identity: ``W(θ) − W* − ‖D^θ − D*‖²/(4η) = ⟨D*, D^θ − D*⟩/(2η)``
  (Brenier: ``W(θ) = ‖D^θ‖²/(4η)``), and ``⟨D*, D^θ − D*⟩ ≥ 0`` over the convex
  set ``{D^θ}``, which gives ``V^prox_λ(G_θ, D*) − W* ≥ (1/(4η) − λ)‖D^θ − D*‖²``.
* Convexity argument: ``V^prox_λ(G, D*)`` is convex in ``(SY, U = u'u'ᵀ)``; at
  ``G*`` its ``SY``-gradient is ``η(I − B*⁻¹) ⪯ 0`` (SY* at its upper bound where
  it is < 0) and its ``U``-gradient is ``C_U = ηN(I − 4λA*)`` with
  ``N = (I + 4ληB*)⁻¹``. Hence ``G*`` minimises ``V^prox_λ(·, D*)`` iff
  ``C_U ⪰ 0`` iff ``λ ≤ λ_max = 1/(4 λ_max(A*))``; isotropic: ``σ/(4η(σ − 1))``.
"""

from __future__ import annotations

import numpy as np

from theory import _config  # noqa: F401


def lam_max_isotropic(sigma: float, eta: float) -> float:
    """``λ_max = σ/(4η(σ − 1))`` for ``σ > 1``; ``+∞`` for ``σ ≤ 1`` (then (G*, D*) is a NE)."""
    return float("inf") if sigma <= 1 else sigma / (4.0 * eta * (sigma - 1.0))


def optimal_b_star(Sx) -> np.ndarray:
    """``B* = Sx^{-1/2} min(Sx, I)^{1/2}``: ``diag(min(1, 1/σ_i))`` in the eigenbasis of ``Sx``."""
    w, V = np.linalg.eigh(np.asarray(Sx, dtype=float))
    return (V * np.minimum(1.0, 1.0 / np.sqrt(w))) @ V.T


def lam_max_centred(Sx, eta: float) -> float:
    """``1/(4 λ_max(A*))`` with ``A* = η(I − B*)`` (centred data, k ≥ d); +∞ if A* ⪯ 0."""
    top = float(np.linalg.eigvalsh(eta * (np.eye(len(Sx)) - optimal_b_star(Sx)))[-1])
    return float("inf") if top <= 0 else 1.0 / (4.0 * top)


def pe_coefficient(kappa: float, sigma: float) -> float:
    """``c(κ) = (σ − 4κ(σ − 1))/(σ + 4κ)``, ``κ = λη``: the eigenvalue of ``C_U/η`` in the
    isotropic game (all ``d`` eigenvalues equal). ``c ≥ 0`` iff ``λ ≤ λ_max``. Evaluated
    in the form ``(σ/κ − 4(σ − 1))/(σ/κ + 4)`` for ``κ > 1`` so that no huge ``κ`` overflows."""
    if kappa > 1.0:
        r = sigma / kappa
        return (r - 4.0 * (sigma - 1.0)) / (r + 4.0)
    return (sigma - 4.0 * kappa * (sigma - 1.0)) / (sigma + 4.0 * kappa)


def u_coefficient(lam, Sx, eta) -> np.ndarray:
    """``C_U = ηN(I − 4λA*)``, ``N = (I + 4ληB*)⁻¹``: the derivative of ``V^prox_λ(G, D*)``
    with respect to ``U = u'u'ᵀ`` at ``G*`` (Danskin). PE iff ``C_U ⪰ 0``."""
    d = len(Sx)
    B = optimal_b_star(Sx)
    A = eta * (np.eye(d) - B)
    return eta * np.linalg.solve(np.eye(d) + 4.0 * lam * eta * B, np.eye(d) - 4.0 * lam * A)


def u_curvature(lam, sigma, eta):
    """``d²/du² V^prox_λ(G_u, D*)|_{u=0} = 2η(σ − 4λη(σ − 1))/(σ + 4λη)`` (isotropic)."""
    return 2.0 * eta * (sigma - 4.0 * lam * eta * (sigma - 1.0)) / (sigma + 4.0 * lam * eta)


def theorem2_terms(W_theta, W_star, dist_sq, inner, eta):
    """Residual of Theorem 2's identity ``W(θ) − W* − ‖D^θ − D*‖²/(4η) − ⟨D*, D^θ − D*⟩/(2η)``."""
    return W_theta - W_star - dist_sq / (4.0 * eta) - inner / (2.0 * eta)


def convex_combination_realisable(B1, B2, weight, Sx):
    """Convexity of ``{D^θ}`` for k ≥ d: the mixture ``B = (1 − ω)B1 + ωB2`` is a
    Brenier slope of an admissible generator iff ``‖Sx^{1/2}B‖₂ ≤ 1`` (and B ⪰ 0).
    Returns ``1 − ‖Sx^{1/2} B‖₂`` (≥ 0: realisable) and the realised ``SY = B Sx B``."""
    B = (1.0 - weight) * B1 + weight * B2
    w, V = np.linalg.eigh(np.asarray(Sx, dtype=float))
    half = (V * np.sqrt(w)) @ V.T
    return 1.0 - float(np.linalg.norm(half @ B, 2)), B @ Sx @ B


def slides_constant(eta):
    """The slides' constant ``1/β`` (β = η), printed in place of Theorem 2's ``1/(4η)``."""
    return 1.0 / eta


def theorem2_constant(eta):
    """Theorem 2's constant ``1/(4η)``."""
    return 1.0 / (4.0 * eta)
