"""Exact solution of finite bi-affine games by linear programming (scipy HiGHS).

Primal (generator): ``min_{p ∈ Δ_m, v} v`` s.t. ``(a − A p)_i ≤ v`` for all rows i.
Dual (critic): ``max_{q ∈ Δ_n, w} w`` s.t. ``⟨q, a⟩ − (Aᵀ q)_j ≥ w`` for all columns j.
Both are solved separately, so the agreement of the two optimal values (strong
duality, von Neumann's minimax theorem) and the duality gap of the returned
pair are independent checks of the solver.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from theory.bilinear import BilinearGame

_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


@dataclass(frozen=True)
class LPSolution:
    """Optimal strategies and both optimal values of a bi-affine game."""

    p: np.ndarray
    q: np.ndarray
    value_primal: float
    value_dual: float

    @property
    def value(self) -> float:
        """The game's value (mean of the primal and dual optima)."""
        return 0.5 * (self.value_primal + self.value_dual)


def _simplex_lp(cost_rows: np.ndarray, offset: np.ndarray, sign: float) -> tuple[np.ndarray, float]:
    """``min_{x ∈ Δ, v} v`` s.t. ``sign·(offset + cost_rows x) ≤ v`` (one row per constraint)."""
    k, d = cost_rows.shape
    c = np.r_[np.zeros(d), 1.0]
    a_ub = np.c_[sign * cost_rows, -np.ones(k)]
    a_eq = np.r_[np.ones(d), 0.0][None, :]
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=-sign * offset,
        A_eq=a_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * d + [(None, None)],
        method="highs",
        options=_OPTIONS,
    )
    if res.status != 0:
        raise RuntimeError(f"HiGHS failed: {res.message}")
    x = np.clip(res.x[:d], 0.0, None)
    return x / x.sum(), float(res.x[d])


def solve_lp(game: BilinearGame) -> LPSolution:
    """Solve ``min_p max_q ⟨q, a⟩ − ⟨q, A p⟩`` exactly (up to HiGHS tolerances 1e-10).

    >>> sol = solve_lp(BilinearGame(A=[[1.0, -1.0], [-1.0, 1.0]], a=[0.0, 0.0]))
    >>> round(sol.value_primal, 9) + 0.0, round(sol.value_dual, 9) + 0.0
    (0.0, 0.0)
    """
    p, v = _simplex_lp(-game.A, game.a, 1.0)
    cols = (game.A - game.a[:, None]).T
    q, w = _simplex_lp(cols, np.zeros(game.m), 1.0)
    return LPSolution(p=p, q=q, value_primal=v, value_dual=-w)
