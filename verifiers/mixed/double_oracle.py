"""Double oracle for ``min_{ρ ∈ Δ} max_{s ∈ [−1,1]^K} sᵀCρ + τᵀρ`` (the discretised WGAN game).

The critic's pure strategies are the vertices ``s ∈ {−1, 1}^K`` (piecewise-linear
critics with slopes ±1), the generator's the columns of ``C``. Each round solves
the restricted matrix game (LP, :func:`verifiers.mixed.lp.solve_lp`) on the
vertex critics and columns found so far, then adds both exact best responses:
the critic's ``s = sign(Cρ)`` and the generator's ``argmin_k (s̄ᵀC + τᵀ)_k``
against the restricted critic mixture ``s̄``. The bounds
``lower = min_k (s̄ᵀC_k + τ_k) ≤ value ≤ upper = ‖Cρ‖₁ + τᵀρ`` bracket the value of
the full game; it stops when ``upper − lower ≤ tol``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from theory.bilinear import BilinearGame
from verifiers.mixed.lp import solve_lp


@dataclass(frozen=True)
class DoubleOracleResult:
    """Generator mixture over all columns, critic vertices and weights, bounds per round."""

    rho: np.ndarray
    critics: np.ndarray
    critic_weights: np.ndarray
    lower: list
    upper: list


def double_oracle(
    C: np.ndarray, tau: np.ndarray, tol: float = 1e-9, max_rounds: int = 200, start: int = 0
) -> DoubleOracleResult:
    """Solve the box game by double oracle from generator column ``start``."""
    cols, critics = [start], [np.sign(C[:, start]) + (C[:, start] == 0)]
    lower, upper = [], []
    for _ in range(max_rounds):
        S = np.array(critics)
        restricted = S @ C[:, cols] + tau[cols]
        sol = solve_lp(BilinearGame(A=-restricted, a=np.zeros(len(critics))))
        rho = np.zeros(C.shape[1])
        rho[cols] = sol.p
        s_bar = sol.q @ S
        scores = s_bar @ C + tau
        lower.append(float(np.min(scores)))
        upper.append(float(np.abs(C @ rho).sum() + tau @ rho))
        if upper[-1] - lower[-1] <= tol:
            break
        best_col, best_critic = int(np.argmin(scores)), np.sign(C @ rho) + (C @ rho == 0)
        if best_col not in cols:
            cols.append(best_col)
        if not any(np.array_equal(best_critic, c) for c in critics):
            critics.append(best_critic)
    return DoubleOracleResult(rho, np.array(critics), sol.q, lower, upper)
