"""Eigenvalue bounds for the block Jacobians of Appendix A.3 (Mescheder et al. 2018).

``J = [[−P, −Bᵀ], [B, −Q]]`` with P ∈ R^{n×n}, Q ∈ R^{m×m} symmetric and
B ∈ R^{m×n} (eqs. (40), (43), (45)):

* Theorem A.7 (P = 0, Q ≻ 0, B of full column rank; Nagarajan & Kolter 2017):
  real eigenvalues satisfy eq. (41)
  ``Re λ ≤ −λmin(Q) λmin(BᵀB) / (λmax(Q) λmin(Q) + λmin(BᵀB))``,
  complex ones eq. (42) ``Re λ ≤ −λmin(Q)/2`` (equality for 1×1 blocks, q < 2b);
* Theorem A.8 (P ⪰ 0, Q ≻ 0, B of full column rank): ``Re λ < 0``;
* Lemma A.9 (P, Q symmetric, any B): ``|Im λ| ≤ sqrt(λmax(BᵀB)) = ‖B‖₂`` (eq. (46)).
"""

from __future__ import annotations

import numpy as np


def block_jacobian(P, B, Q) -> np.ndarray:
    """``[[−P, −Bᵀ], [B, −Q]]`` (eq. (43)); P may be the zero matrix (eq. (40))."""
    P, B, Q = (np.asarray(a, dtype=float) for a in (P, B, Q))
    return np.block([[-P, -B.T], [B, -Q]])


def real_eigenvalue_bound(Q, B) -> float:
    """Eq. (41): ``−λmin(Q) λmin(BᵀB) / (λmax(Q) λmin(Q) + λmin(BᵀB))``."""
    q = np.linalg.eigvalsh(np.asarray(Q, dtype=float))
    b = np.linalg.eigvalsh(np.asarray(B, dtype=float).T @ np.asarray(B, dtype=float))[0]
    return float(-q[0] * b / (q[-1] * q[0] + b))


def complex_eigenvalue_bound(Q) -> float:
    """Eq. (42): ``−λmin(Q)/2``."""
    return float(-np.linalg.eigvalsh(np.asarray(Q, dtype=float))[0] / 2.0)


def imaginary_part_bound(B) -> float:
    """Eq. (46): ``sqrt(λmax(BᵀB)) = ‖B‖₂``."""
    return float(np.linalg.norm(np.asarray(B, dtype=float), 2))
