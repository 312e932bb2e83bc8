"""Exact solution of finite bi-affine games by linear programming (scipy HiGHS).

Primal (generator): ``min_{p ∈ Δ_m, v} v`` s.t. ``(a − A p)_i ≤ v`` for all rows i.
Its LP dual is the critic's problem ``max_{q ∈ Δ_n} min_j ⟨q, a⟩ − (Aᵀ q)_j``, and
HiGHS returns the dual solution q with the primal one (the multipliers of the row
constraints), so one solve gives both strategies.

Neither optimal value is taken from the solver. For *any* p ∈ Δ_m and q ∈ Δ_n,

    lower(q) = ⟨q, a⟩ − max_j (Aᵀ q)_j  ≤  value  ≤  max_i (a − A p)_i = upper(p)

(weak duality), and both sides are evaluated here from the returned strategies.
So ``value_dual ≤ value ≤ value_primal`` holds whatever the solver did (up to the rounding
of these two evaluations, a few ulps of the payoffs), and a gap
``value_primal − value_dual`` near 0 certifies that both strategies are optimal
(von Neumann's minimax theorem says the gap of an optimal pair is 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from theory.bilinear import BilinearGame

MAX_ITERATIONS = 20_000
"""Iteration cap of each HiGHS method in :func:`linprog_until_solved`. The WGAN grids
(:func:`verifiers.mixed.wgan_grid.solve_box_lp`) solved in at most 5 429 dual-simplex
iterations over 60 draws with σ − 1 ∈ [1e-8, 9], t ∈ [1e-6, 20]; at σ = 1 + 1e-9,
t = 1.124 the dual simplex cycles (35 000 iterations in 10 s without end), and the cap hands
the LP to the interior-point method, which solves it in 352."""
_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10,
            "maxiter": MAX_ITERATIONS}
_METHODS = ("highs", "highs-ipm")


def linprog_until_solved(c, methods: tuple[str, ...], **problem):
    """``scipy.optimize.linprog(c, **problem)`` with each HiGHS method of ``methods`` in turn
    (feasibility tolerances 1e-10, at most :data:`MAX_ITERATIONS` iterations each) until one
    solves the LP; ``RuntimeError`` naming them all if none does."""
    for method in methods:
        res = linprog(c, method=method, options=_OPTIONS, **problem)
        if res.status == 0:
            return res
    raise RuntimeError(f"HiGHS failed with {', '.join(methods)}: {res.message}")


@dataclass(frozen=True)
class LPSolution:
    """Optimal strategies and both optimal values of a bi-affine game."""

    p: np.ndarray
    q: np.ndarray
    value_primal: float
    value_dual: float

    @property
    def value(self) -> float:
        """The game's value (midpoint of the bracket ``value_dual ≤ value ≤ value_primal``)."""
        return 0.5 * (self.value_primal + self.value_dual)


def _normalised(x: np.ndarray) -> np.ndarray:
    """A solver's nearly feasible ``x`` as a point of the simplex: entries below 0 (rounding)
    set to 0, then scaled to sum 1."""
    x = np.clip(x, 0.0, None)
    return x / x.sum()


def solve_lp(game: BilinearGame) -> LPSolution:
    """Solve ``min_p max_q ⟨q, a⟩ − ⟨q, A p⟩`` (HiGHS, feasibility tolerances 1e-10; the
    interior-point method if the default one fails or reaches :data:`MAX_ITERATIONS`).

    One LP, the generator's; the critic's q is its dual solution. ``value_primal`` is
    ``upper(p)`` and ``value_dual`` is ``lower(q)``, both evaluated from the strategies
    (module docstring), so they bracket the game's value.

    >>> sol = solve_lp(BilinearGame(A=[[1.0, -1.0], [-1.0, 1.0]], a=[0.0, 0.0]))
    >>> round(sol.value_primal, 9) + 0.0, round(sol.value_dual, 9) + 0.0
    (0.0, 0.0)
    """
    n, m = game.A.shape
    res = linprog_until_solved(
        np.r_[np.zeros(m), 1.0],
        _METHODS,
        A_ub=np.c_[-game.A, -np.ones(n)],
        b_ub=-game.a,
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
    )
    p = _normalised(res.x[:m])
    q = _normalised(-res.ineqlin.marginals)
    upper = float(np.max(game.a - game.A @ p))
    lower = float(q @ game.a - np.max(game.A.T @ q))
    return LPSolution(p=p, q=q, value_primal=upper, value_dual=lower)
